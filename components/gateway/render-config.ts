/**
 * renderLiteLLMConfig: the gateway's config.yaml as a pure function of the spec. Deterministic
 * (sorted keys and models, no timestamps) so diffs show real changes only, and free of secret values:
 * every credential is an `os.environ/...` reference resolved by LiteLLM at startup.
 */
import { stringify } from "yaml";
import type { GatewaySpec, ModelSpec } from "../../config/spec";
import { upstreamApiKeyEnv } from "../../config/sections/upstreams";
import { envRef, GATEWAY_ENV, OCI_KEY_FILE } from "./contract";
import { fallbackProbe } from "./fallback-probe";
import { cacheSettings } from "./features/cache";
import { guardrailBlocks, guardrailGeneralSettings } from "./features/guardrails";
import { observabilitySettings } from "./features/observability";

export interface RenderOptions {
    /**
     * The env var holding the master key. Default LITELLM_MASTER_KEY. The LiteLLM Helm chart injects
     * PROXY_MASTER_KEY instead; if the config pointed elsewhere the proxy would run with no auth at all.
     */
    masterKeyEnv?: string;
}

export type LiteLLMConfig = Record<string, unknown>;

/** `openai/<model>` at its own base URL; the key is always an env reference (the Secret on oke), never text. */
function openAIParams(m: ModelSpec): Record<string, unknown> {
    if (m.apiBase === undefined) throw new Error(`renderLiteLLMConfig: model '${m.name}' uses upstream openai without apiBase (config validation should have said so)`);
    return { model: `openai/${m.model}`, api_base: m.apiBase, api_key: envRef(m.apiKeySecret ? upstreamApiKeyEnv(m.apiKeySecret) : GATEWAY_ENV.upstreamNoKeyPlaceholder) };
}

function modelEntry(m: ModelSpec): Record<string, unknown> {
    const litellmParams: Record<string, unknown> =
        m.upstream === "stub"
            ? { model: `openai/${m.model}`, api_base: envRef(GATEWAY_ENV.stubApiBase), api_key: envRef(GATEWAY_ENV.stubApiKey) }
            : m.upstream === "openai"
              ? openAIParams(m)
              : {
                  model: `oci/${m.model}`,
                  oci_region: envRef(GATEWAY_ENV.ociRegion),
                  oci_user: envRef(GATEWAY_ENV.ociUser),
                  oci_tenancy: envRef(GATEWAY_ENV.ociTenancy),
                  oci_fingerprint: envRef(GATEWAY_ENV.ociFingerprint),
                  oci_compartment_id: envRef(GATEWAY_ENV.ociCompartmentId),
                  oci_key_file: OCI_KEY_FILE,
                  ...(m.ociServingMode ? { oci_serving_mode: m.ociServingMode } : {}),
                  ...(m.ociEndpointId ? { oci_endpoint_id: m.ociEndpointId } : {}),
              };
    const modelInfo: Record<string, unknown> = { id: `${m.name}--${m.upstream}--${m.model}` };
    if (m.inputCostPerToken !== undefined) modelInfo.input_cost_per_token = m.inputCostPerToken;
    if (m.outputCostPerToken !== undefined) modelInfo.output_cost_per_token = m.outputCostPerToken;
    return { model_name: m.name, litellm_params: litellmParams, model_info: modelInfo };
}

/** The config as an object: the Helm chart takes it as `proxy_config`, Docker gets the YAML text. */
export function buildLiteLLMConfig(spec: GatewaySpec, options: RenderOptions = {}): LiteLLMConfig {
    const probe = fallbackProbe(spec);
    const modelList = [...spec.models.map(modelEntry), ...(probe ? [probe.entry] : [])].sort((a, b) => String(a.model_name).localeCompare(String(b.model_name)));
    const fallbacks = [...spec.fallbacks.map((f) => ({ [f.model]: [...f.to] })), ...(probe ? [probe.fallbacks] : [])].sort((a, b) => Object.keys(a)[0].localeCompare(Object.keys(b)[0]));

    const litellmSettings: Record<string, unknown> = {
        // Unsupported OpenAI params are dropped instead of failing the call: OCI models accept fewer.
        drop_params: true,
        ...cacheSettings(spec),
        ...observabilitySettings(spec),
    };
    if (spec.keys.defaultMaxBudgetUsd !== undefined || spec.keys.defaultDuration !== undefined) {
        litellmSettings.default_key_generate_params = {
            ...(spec.keys.defaultMaxBudgetUsd !== undefined ? { max_budget: spec.keys.defaultMaxBudgetUsd } : {}),
            ...(spec.keys.defaultDuration !== undefined ? { duration: spec.keys.defaultDuration } : {}),
        };
    }
    if (spec.keys.maxBudgetUpperBoundUsd !== undefined) {
        litellmSettings.upperbound_key_generate_params = { max_budget: spec.keys.maxBudgetUpperBoundUsd };
    }

    const config: LiteLLMConfig = {
        model_list: modelList,
        router_settings: { ...(fallbacks.length > 0 ? { fallbacks } : {}) },
        general_settings: {
            master_key: envRef(options.masterKeyEnv ?? GATEWAY_ENV.masterKey),
            database_url: envRef(GATEWAY_ENV.databaseUrl),
            proxy_batch_write_at: spec.gateway.spendBatchWriteSeconds,
            // /health would call every model and spend tokens; probes use liveliness/readiness instead.
            background_health_checks: false,
            ...guardrailGeneralSettings(spec),
        },
        litellm_settings: litellmSettings,
    };
    const guardrails = guardrailBlocks(spec);
    if (guardrails.length > 0) config.guardrails = guardrails;
    return config;
}

/** A config as config.yaml text: sorted keys, no line wrapping, stable across runs. */
export function stringifyLiteLLMConfig(config: LiteLLMConfig): string {
    return stringify(config, { sortMapEntries: true, lineWidth: 0 });
}

/** The config.yaml text: sorted keys, stable across runs. */
export function renderLiteLLMConfig(spec: GatewaySpec, options: RenderOptions = {}): string {
    return stringifyLiteLLMConfig(buildLiteLLMConfig(spec, options));
}
