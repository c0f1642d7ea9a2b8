/**
 * The whole suite on a gateway with the cache and the guardrail on (dev's shape): every base check still
 * passes next to `cache` and `guardrail-pii`. Guards against the cache answering one check's prompt with
 * another's response at $0 (the cache key ignores the virtual key), which would break spend, budget and
 * fallback proofs.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { BASE_CHECK_IDS } from "../../verify/checks";
import type { LiteLLMSim, SimVersion } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, startSim } from "./fixtures";

const sims: LiteLLMSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

describe("full suite with cache and guardrail on", { concurrency: true }, () => {
    for (const version of ["1.82", "1.84"] as SimVersion[]) {
        it(`v${version}: base checks, cache and guardrail-pii all pass`, async () => {
            const sim = await startSim({ version, cache: true, guardrail: "presidio-pii" });
            sims.push(sim);
            const logs: string[] = [];
            const report = await runVerification(
                fastOptions(sim, { expectCache: true, guardrail: "presidio-pii", upstreamReportUrl: sim.upstream?.url }),
                { log: (l) => logs.push(l) },
            );
            const statuses = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
            for (const id of [...BASE_CHECK_IDS, "cache", "guardrail-pii"]) assert.equal(statuses[id], "pass", JSON.stringify(report.checks.find((c) => c.id === id)));
            // Exactly one hit (the cache check's second call): every other call was billed upstream.
            sim.flushSpend();
            const hits = sim.spendLogs().filter((r) => r.cache_hit === "True");
            assert.equal(hits.length, 1, "only the cache check's second call is a hit");
            assertNoRawKeys(JSON.stringify(report) + logs.join("\n"), [sim.options.masterKey]);
            assert.deepEqual(sim.keys(), []);
        });
    }
});
