/** Defaults and validation of the engine's options, in one place for all three doors. */
import { randomBytes } from "node:crypto";
import type { ResolvedOptions, VerifyOptions } from "./types";

export const DEFAULTS = {
    spendLogTimeoutMs: 60_000,
    keyExpirySeconds: 5,
    budgetUsd: 0.0000001,
    maxTokens: 5,
    checkTimeoutMs: 30_000,
    requestTimeoutMs: 15_000,
    /** A handful of groups per round: a 6-alias OCI gateway answers in two rounds, without bursting its quota. */
    modelsConcurrency: 4,
    latencyRequests: 20,
    /** Two at a time: enough to overlap round trips, too few to queue inside a one-worker gateway and time the queue. */
    latencyConcurrency: 2,
    /** docs/checks-models-latency.md explains both figures. */
    overheadP95Ms: 500,
    /** With a pre-call guardrail, whose analysis of every prompt is the gateway's own time too. */
    overheadP95MsWithGuardrail: 2500,
    /**
     * The default SLO's gate: a confirmed miss fails only when the median overhead beyond the proxy's own
     * liveliness round trip exceeds this in both samples (verify/latency-gate.ts; a user-set SLO is strict).
     */
    overheadLargeMissMs: 3000,
    /** The pause before the sample that confirms or clears a miss: long enough for a burst on the node to pass. */
    latencyConfirmPauseMs: 2000,
} as const;

/** The `latency` SLO when none is given: a gateway that runs a pre-call guardrail on every request gets more room. */
export function defaultOverheadP95Ms(guardrailOn: boolean): number {
    return guardrailOn ? DEFAULTS.overheadP95MsWithGuardrail : DEFAULTS.overheadP95Ms;
}

/** Raised for caller mistakes (missing URL or key, unknown check id): the CLI exits 2 on it. */
export class VerifyUsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "VerifyUsageError";
    }
}

/** `vr<base36 time><hex>`: unique per run, short, and valid inside a LiteLLM key alias. */
export function newRunId(): string {
    return `vr${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

function positive(name: string, value: number | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new VerifyUsageError(`${name} must be a positive number, got ${value}`);
    return value;
}

/** Options that count things (requests, calls in flight) must be whole numbers. */
function positiveInt(name: string, value: number | undefined, fallback: number): number {
    const n = positive(name, value, fallback);
    if (!Number.isInteger(n)) throw new VerifyUsageError(`${name} must be a whole number, got ${value}`);
    return n;
}

/** `acceptedAdvisories`: a list of `{id, reason, expires}` objects; the `security` check judges each entry itself. */
function acceptedList(value: VerifyOptions["acceptedAdvisories"]): NonNullable<VerifyOptions["acceptedAdvisories"]> {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((e) => e && typeof e === "object" && typeof e.id === "string")) {
        throw new VerifyUsageError('accepted advisories must be a JSON list of {"id", "reason", "expires": "YYYY-MM-DD"}');
    }
    return value;
}

export function resolveOptions(options: VerifyOptions): ResolvedOptions {
    if (!options.gatewayUrl) throw new VerifyUsageError("the gateway URL is required (--gateway-url or GATEWAY_URL)");
    if (!/^https?:\/\//.test(options.gatewayUrl)) throw new VerifyUsageError(`the gateway URL must start with http:// or https://, got "${options.gatewayUrl}"`);
    if (!options.masterKey) throw new VerifyUsageError("the master key is required (--master-key or LITELLM_MASTER_KEY)");
    const runId = options.runId ?? newRunId();
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,40}$/.test(runId)) throw new VerifyUsageError(`run id "${runId}" must be letters, digits, "_" or "-" (at most 41 characters)`);
    return {
        ...options,
        gatewayUrl: options.gatewayUrl.replace(/\/+$/, ""),
        model: options.model || undefined,
        fallbackModel: options.fallbackModel || undefined,
        fallbackProbeModel: options.fallbackProbeModel || undefined,
        runId,
        only: options.only && options.only.length > 0 ? options.only : undefined,
        spendLogTimeoutMs: positive("spendLogTimeoutMs", options.spendLogTimeoutMs, DEFAULTS.spendLogTimeoutMs),
        keyExpirySeconds: positive("keyExpirySeconds", options.keyExpirySeconds, DEFAULTS.keyExpirySeconds),
        budgetUsd: positive("budgetUsd", options.budgetUsd, DEFAULTS.budgetUsd),
        maxTokens: positive("maxTokens", options.maxTokens, DEFAULTS.maxTokens),
        checkTimeoutMs: positive("checkTimeoutMs", options.checkTimeoutMs, DEFAULTS.checkTimeoutMs),
        requestTimeoutMs: positive("requestTimeoutMs", options.requestTimeoutMs, DEFAULTS.requestTimeoutMs),
        models: options.models && options.models.length > 0 ? options.models : undefined,
        modelsConcurrency: positiveInt("modelsConcurrency", options.modelsConcurrency, DEFAULTS.modelsConcurrency),
        latencyRequests: positiveInt("latencyRequests", options.latencyRequests, DEFAULTS.latencyRequests),
        latencyConcurrency: positiveInt("latencyConcurrency", options.latencyConcurrency, DEFAULTS.latencyConcurrency),
        overheadP95Ms: positive("overheadP95Ms", options.overheadP95Ms, defaultOverheadP95Ms(options.guardrail !== undefined)),
        overheadSloStrict: options.overheadP95Ms !== undefined,
        acceptedAdvisories: acceptedList(options.acceptedAdvisories),
        extras: options.extras ?? {},
    };
}

/** The `duration` of ordinary run keys: outlives the longest check, then dies on its own if cleanup fails. */
export function runKeyDuration(options: ResolvedOptions): string {
    const longestMs = Math.max(options.checkTimeoutMs, options.spendLogTimeoutMs) + options.checkTimeoutMs;
    return `${Math.ceil(longestMs / 60_000) + 5}m`;
}
