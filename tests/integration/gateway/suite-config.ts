/**
 * What the real proxy runs: the `dev` stack's spec (Pulumi.yaml defaults + Pulumi.dev.yaml, parsed by
 * `parseSpec`) with the cache and the Presidio guardrail on, built and written as `renderLiteLLMConfig` does,
 * and the environment the stack wires (`gatewayEnv` plus the cache and guardrail variables), with hosts and
 * ports of this run's services. The one tuning is a config value: a 2 s spend batch instead of 10 s, so the
 * suite does not wait on LiteLLM's default. Pure.
 */
import { CACHE_ENV } from "../../../components/gateway/features/cache";
import { GUARDRAIL_ENV } from "../../../components/gateway/features/guardrails";
import { gatewayEnv } from "../../../components/gateway/env";
import { externalLangfuseGatewayEnv } from "../../../components/gateway/features/observability";
import { otelGatewayEnv } from "../../../components/gateway/features/otel";
import { GatewaySpec, parseSpec } from "../../../config/spec";
import { VerificationModels, verificationModels } from "../../../components/verification/models";
import { CHECK_IDS } from "../../../verify/checks";
import type { VerifyOptions } from "../../../verify/types";
import { rawConfig } from "../../helpers/raw-config";
import { stackFile } from "../../helpers/stack-config";

/**
 * The checks the baseline runs: all but `langfuse-trace` (no Langfuse here), `access`, which needs
 * declared teams and keys and is proven in its own scenario (tests/integration/access-lifecycle.test.ts),
 * and `otel-trace`, proven on proxies of its own with a receiver each (tests/integration/otel).
 */
export const BASELINE_CHECKS = CHECK_IDS.filter((id) => id !== "langfuse-trace" && id !== "access" && id !== "otel-trace");

/** `gateway.spendBatchWriteSeconds` of the suite (LiteLLM adds 0–5 s of jitter to it). */
export const SUITE_SPEND_BATCH_SECONDS = 2;

/** Section overrides on top of the suite's spec, e.g. `{ cache: { enabled: false } }`; merged one level deep. */
export type SpecChanges = Record<string, Record<string, unknown> | unknown[]>;

/** @param secrets secret config values by key (e.g. `upstreamApiKeys`), set as with `--secret`. */
export function suiteSpec(changes: SpecChanges = {}, secrets: Record<string, string> = {}): GatewaySpec {
    const dev = stackFile("dev") as Record<string, unknown>;
    const section = (name: string) => (dev[`litellm-gateway:${name}`] ?? {}) as Record<string, unknown>;
    const base: Record<string, unknown> = {
        gateway: { ...section("gateway"), spendBatchWriteSeconds: SUITE_SPEND_BATCH_SECONDS },
        cache: { ...section("cache"), enabled: true },
        guardrails: { ...section("guardrails"), enabled: true },
    };
    const merged: Record<string, unknown> = { ...base };
    for (const [name, value] of Object.entries(changes)) {
        merged[name] = Array.isArray(value) ? value : { ...((base[name] as Record<string, unknown> | undefined) ?? section(name)), ...value };
    }
    return parseSpec(rawConfig("dev", merged, secrets));
}

/** What the checks are told: always the baseline's groups, so a control that breaks a fallback is caught, not skipped. */
export function suiteModels(): VerificationModels {
    return verificationModels(suiteSpec());
}

/** The gateway a baseline verification run is pointed at. */
export interface BaselineTarget {
    url: string;
    masterKey: string;
    guardrail: string;
    /** Where the stand-in upstream reports what it received. */
    upstreamReportUrl: string | undefined;
}

/** The baseline's verification options against `target`: the suite's groups, cache and guardrail expected; `extra` tunes the waits. */
export function baselineVerifyOptions(target: BaselineTarget, only: string[], extra: Partial<VerifyOptions> = {}): VerifyOptions {
    return {
        gatewayUrl: target.url,
        masterKey: target.masterKey,
        ...suiteModels(),
        only,
        expectCache: true,
        guardrail: target.guardrail,
        upstreamReportUrl: target.upstreamReportUrl,
        ...extra,
    };
}

export interface Wiring {
    masterKey: string;
    saltKey: string;
    databaseUrl: string;
    stubApiBase: string;
    redis: { host: string; port: number; password: string };
    presidio: { analyzerUrl: string; anonymizerUrl: string };
}

/** The gateway's env as the dev stack builds it, with this run's endpoints; only enabled features add theirs. */
export function suiteEnv(spec: GatewaySpec, w: Wiring): Record<string, string> {
    const extra = [
        ...(spec.cache.enabled
            ? [
                  { name: CACHE_ENV.host, value: w.redis.host },
                  { name: CACHE_ENV.port, value: String(w.redis.port) },
                  { name: CACHE_ENV.password, value: w.redis.password },
              ]
            : []),
        ...(spec.guardrails.enabled
            ? [
                  { name: GUARDRAIL_ENV.analyzer, value: w.presidio.analyzerUrl },
                  { name: GUARDRAIL_ENV.anonymizer, value: w.presidio.anonymizerUrl },
              ]
            : []),
        // Observability as both stacks wire it (empty unless the spec turns it on): OTel, or an external Langfuse.
        ...otelGatewayEnv(spec),
        ...externalLangfuseGatewayEnv(spec),
    ];
    const vars = gatewayEnv(spec, { masterKey: w.masterKey, saltKey: w.saltKey, databaseUrl: w.databaseUrl, stubApiBase: w.stubApiBase, extra });
    const env: Record<string, string> = {};
    for (const v of vars) {
        if (typeof v.value !== "string") throw new Error(`suiteEnv: ${v.name} is not a plain string`);
        env[v.name] = v.value;
    }
    return env;
}
