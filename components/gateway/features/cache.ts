/** The response-cache part of config.yaml (`litellm_settings.cache`, `cache_params`). */
import type { GatewaySpec } from "../../../config/spec";

export function cacheSettings(spec: GatewaySpec): Record<string, unknown> {
    if (!spec.cache.enabled) return {};
    return {};
}
