/**
 * The verification-only model group the stacks render (components/gateway/fallback-probe.ts): its only
 * deployment is a closed port and it falls back like the verified model, for the `fallback` check. It always
 * fails, so the `models` check never calls it. Defined in the engine, which imports no config;
 * config/defaults.ts re-exports it for the stacks and the config rules (no declared model may use the name).
 */
export const FALLBACK_PROBE_MODEL = "litellm-gateway-fallback-probe";
