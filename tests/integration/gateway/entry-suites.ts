/**
 * The entry suites: test files that take a running gateway from `LITELLM_IT_*` env and skip without one
 * (tests/integration/*.test.ts: the access lifecycle, models and latency, the verification resource in the
 * real provider host). The harness gives them a gateway of their own, run alone after the controls so their
 * timing is not a measure of the other proxies' startups: the suite's spec at LiteLLM's default 10 s spend
 * batch, plus one priced group on a closed port for the `models` check to catch.
 */
import { FALLBACK_PROBE_API_BASE } from "../../../components/gateway/fallback-probe";
import { envRef, GATEWAY_ENV } from "../../../components/gateway/contract";
import type { GatewayVariant } from "../environment";

export const ENTRY_SUITE_FILES = ["access-lifecycle.test.js", "models-latency.test.js", "verification-host.test.js"];

/** LiteLLM's default `proxy_batch_write_at`, as the dev stack runs it. */
export const ENTRY_SPEND_BATCH_SECONDS = 10;

/** A priced group whose only deployment is on a closed port, with no fallback chain. */
export const DEAD_MODEL = "dead-endpoint";

export const ENTRY_GATEWAY: GatewayVariant = {
    spec: { gateway: { spendBatchWriteSeconds: ENTRY_SPEND_BATCH_SECONDS } },
    config(config) {
        (config.model_list as Record<string, unknown>[]).push({
            model_name: DEAD_MODEL,
            litellm_params: { model: `openai/${DEAD_MODEL}`, api_base: FALLBACK_PROBE_API_BASE, api_key: envRef(GATEWAY_ENV.fallbackProbePlaceholderKey), max_retries: 0, num_retries: 0 },
            model_info: { id: `${DEAD_MODEL}--closed-port`, input_cost_per_token: 0.00001, output_cost_per_token: 0.00002 },
        });
    },
};

export interface EntryTarget {
    url: string;
    masterKey: string;
    models: string[];
    fallbackModel?: string;
    fallbackProbeModel?: string;
    guardrail?: string;
    upstreamReportUrl?: string;
}

/** The env every entry suite reads. */
export function entrySuiteEnv(t: EntryTarget): Record<string, string> {
    return {
        LITELLM_IT_URL: t.url,
        LITELLM_IT_MASTER_KEY: t.masterKey,
        LITELLM_IT_MODELS: t.models.join(","),
        LITELLM_IT_DEAD_MODEL: DEAD_MODEL,
        LITELLM_IT_SPEND_BATCH_SECONDS: String(ENTRY_SPEND_BATCH_SECONDS),
        ...(t.fallbackModel ? { LITELLM_IT_FALLBACK_MODEL: t.fallbackModel } : {}),
        ...(t.fallbackProbeModel ? { LITELLM_IT_FALLBACK_PROBE_MODEL: t.fallbackProbeModel } : {}),
        ...(t.guardrail ? { LITELLM_IT_GUARDRAIL: t.guardrail } : {}),
        ...(t.upstreamReportUrl ? { LITELLM_IT_UPSTREAM_REPORT_URL: t.upstreamReportUrl } : {}),
    };
}

/** What an entry suite reads back: the target, plus the dead group and the spend batch interval when set. */
export interface EntryEnv extends EntryTarget {
    deadModel?: string;
    spendBatchSeconds?: number;
}

/**
 * The inverse of `entrySuiteEnv`. Undefined without a gateway (URL, master key and at least one model), so a
 * suite run by `npm test` skips. An empty variable counts as unset.
 */
export function readEntryTarget(env: Record<string, string | undefined>): EntryEnv | undefined {
    const models = (env.LITELLM_IT_MODELS ?? "").split(",").map((m) => m.trim()).filter((m) => m !== "");
    const url = env.LITELLM_IT_URL;
    const masterKey = env.LITELLM_IT_MASTER_KEY;
    if (!url || !masterKey || models.length === 0) return undefined;
    const set = (name: string) => env[name] || undefined;
    const batch = set("LITELLM_IT_SPEND_BATCH_SECONDS");
    return {
        url,
        masterKey,
        models,
        deadModel: set("LITELLM_IT_DEAD_MODEL"),
        spendBatchSeconds: batch === undefined ? undefined : Number(batch),
        fallbackModel: set("LITELLM_IT_FALLBACK_MODEL"),
        fallbackProbeModel: set("LITELLM_IT_FALLBACK_PROBE_MODEL"),
        guardrail: set("LITELLM_IT_GUARDRAIL"),
        upstreamReportUrl: set("LITELLM_IT_UPSTREAM_REPORT_URL"),
    };
}
