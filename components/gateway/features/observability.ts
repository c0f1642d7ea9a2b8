/** The Langfuse callback part of config.yaml (`litellm_settings.callbacks` / success and failure callbacks). */
import type { GatewaySpec } from "../../../config/spec";

export function observabilitySettings(spec: GatewaySpec): Record<string, unknown> {
    if (!spec.observability.enabled) return {};
    return {};
}
