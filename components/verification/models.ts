import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import type { GatewaySpec } from "../../config/spec";

export interface VerificationModels {
    /** The group the checks call. */
    model: string;
    /** The group `model` falls back to first, when it has a chain. */
    fallbackModel?: string;
    /** The verification-only group the `fallback` check calls (see components/gateway/fallback-probe.ts). */
    fallbackProbeModel?: string;
    /** Every declared group, in declaration order: the `models` check calls each one (never the probe). */
    models: string[];
}

/**
 * Which model groups the checks exercise: the first group that has a fallback chain (so the `fallback`
 * check has something to prove), else the first declared group. The fallback probe exists only when the
 * `fallback` check will run. The `models` check calls every declared group.
 */
export function verificationModels(spec: Pick<GatewaySpec, "models" | "fallbacks" | "verification">): VerificationModels {
    const models = spec.models.map((m) => m.name);
    const chain = [...spec.fallbacks].sort((a, b) => a.model.localeCompare(b.model))[0];
    if (!chain) return { model: [...spec.models].sort((a, b) => a.name.localeCompare(b.name))[0].name, models };
    const checks = spec.verification.checks;
    const probed = spec.verification.enabled && (checks === undefined || checks.includes("fallback"));
    return { model: chain.model, fallbackModel: chain.to[0], ...(probed ? { fallbackProbeModel: FALLBACK_PROBE_MODEL } : {}), models };
}
