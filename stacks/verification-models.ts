import type { GatewaySpec } from "../config/spec";

/**
 * Which model groups the checks exercise: the first group that has a fallback chain (so the
 * `fallback` check has something to prove), else the first declared group.
 */
export function verificationModels(spec: Pick<GatewaySpec, "models" | "fallbacks">): { model: string; fallbackModel?: string } {
    const chain = [...spec.fallbacks].sort((a, b) => a.model.localeCompare(b.model))[0];
    if (chain) return { model: chain.model, fallbackModel: chain.to[0] };
    return { model: [...spec.models].sort((a, b) => a.name.localeCompare(b.name))[0].name };
}
