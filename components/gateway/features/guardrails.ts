/** The Presidio guardrail part of config.yaml (`guardrails:` and the spend-log prompt switch). */
import type { GatewaySpec } from "../../../config/spec";

export function guardrailBlocks(spec: GatewaySpec): Record<string, unknown>[] {
    if (!spec.guardrails.enabled) return [];
    return [];
}

export function guardrailGeneralSettings(spec: GatewaySpec): Record<string, unknown> {
    if (!spec.guardrails.enabled) return {};
    return {};
}
