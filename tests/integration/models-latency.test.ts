/**
 * The `models` and `latency` checks against a REAL LiteLLM proxy (issue #16): both pass; one alias pointed at
 * a dead endpoint fails `models`, named as unreachable; and a run of every check the proxy's inputs allow,
 * both new ones included, passes. How long that run took, against 1.5 × (spend batch interval + 5 s), is a
 * benchmark figure for the suite's report, never a verdict: a busy machine must not fail it (issue #25).
 *
 * Entry point for the integration harness (`npm run test:integration`): it sets
 *   LITELLM_IT_URL                  base URL of a running proxy with a database, e.g. http://127.0.0.1:4000
 *   LITELLM_IT_MASTER_KEY           its master key
 *   LITELLM_IT_MODELS               its declared, priced model groups, comma-separated; the first is the one
 *                                   `latency` times, e.g. "chat,chat-backup"
 *   LITELLM_IT_DEAD_MODEL           one more served, priced group whose only deployment's api_base is a closed
 *                                   port (e.g. http://127.0.0.1:9/v1), with no fallback chain
 *   LITELLM_IT_SPEND_BATCH_SECONDS  the proxy's general_settings.proxy_batch_write_at (optional: the full
 *                                   run's benchmark figure is given against it)
 *   LITELLM_IT_FALLBACK_MODEL, LITELLM_IT_FALLBACK_PROBE_MODEL  (optional) so the timed run includes `fallback`
 * Without the first four the suite is skipped, so `npm test` stays offline.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BASE_CHECK_IDS } from "../../verify/checks";
import { runVerification } from "../../verify/engine";
import type { CheckResult, VerifyOptions } from "../../verify/types";
import { LITELLM_BATCH_JITTER_SECONDS, requiredSpendLogWaitSeconds } from "../../config/spend-wait";
import { EntryEnv, readEntryTarget } from "./gateway/entry-suites";
import { BENCHMARK_PREFIX } from "./benchmarks";

const target = readEntryTarget(process.env);
const deadModel = target?.deadModel;
const batchSeconds = target?.spendBatchSeconds;

function options(t: EntryEnv, extra: Partial<VerifyOptions>): VerifyOptions {
    return { gatewayUrl: t.url, masterKey: t.masterKey, model: t.models[0], models: t.models, runId: `it${Date.now().toString(36)}`, ...extra };
}

const byId = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

if (target && deadModel) {
    const models = target.models;
    describe("models and latency against a real LiteLLM proxy", () => {
        it("both pass: every declared group answers with usage and a cost; latency passes the default gate (no confirmed large miss)", async (t) => {
            const report = await runVerification(options(target, { only: ["models", "latency"] }));
            const r = byId(report.checks);
            t.diagnostic(`models: ${r.models.message}`);
            t.diagnostic(`${BENCHMARK_PREFIX}latency (models and latency only): ${r.latency.message}`);
            assert.equal(r.models.status, "pass", r.models.message);
            assert.equal(r.latency.status, "pass", r.latency.message);
        });

        it("an alias pointed at a dead endpoint fails models, named with its upstream error as unreachable; the others answer", async () => {
            const report = await runVerification(options(target, { only: ["models"], models: [...models, deadModel] }));
            const r = byId(report.checks);
            assert.equal(r.models.status, "fail");
            assert.match(r.models.message, new RegExp(`got "${deadModel}": HTTP 5\\d\\d`));
            assert.match(r.models.message, new RegExp(`likely cause: "${deadModel}": the upstream of "${deadModel}" is unreachable`));
            for (const m of models) assert.match(r.models.message, new RegExp(`answered: .*"${m}" \\d+ ms`), m);
        });

        it("a run of every check these inputs allow, both new ones included, passes; its duration is a benchmark", async (t) => {
            const fallback = target.fallbackModel ? { fallbackModel: target.fallbackModel, fallbackProbeModel: target.fallbackProbeModel } : {};
            const only = [...BASE_CHECK_IDS.filter((id) => id !== "fallback" || target.fallbackModel), "models", "latency"];
            const spendLogTimeoutMs = batchSeconds === undefined ? undefined : requiredSpendLogWaitSeconds(batchSeconds) * 1000;
            const report = await runVerification(options(target, { only, spendLogTimeoutMs, ...fallback }));
            const each = report.checks.map((c) => `${c.id} ${(c.durationMs / 1000).toFixed(1)} s`).join(", ");
            const cycle = batchSeconds === undefined ? "" : ` (1.5 × (spend batch + ${LITELLM_BATCH_JITTER_SECONDS} s) = ${(1.5 * (batchSeconds + LITELLM_BATCH_JITTER_SECONDS)).toFixed(1)} s)`;
            t.diagnostic(`${BENCHMARK_PREFIX}every check (${only.length}) in ${(report.durationMs / 1000).toFixed(1)} s${cycle}: ${each}`);
            assert.deepEqual(report.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.message}`), []);
        });
    });
} else {
    describe("models and latency against a real LiteLLM proxy", { skip: "set LITELLM_IT_URL, LITELLM_IT_MASTER_KEY, LITELLM_IT_MODELS and LITELLM_IT_DEAD_MODEL (the integration harness does)" }, () => undefined);
}
