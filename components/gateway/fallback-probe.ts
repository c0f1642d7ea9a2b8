/**
 * The fallback probe: a verification-only model group whose only deployment points at a closed port, with
 * the same fallback chain as the model the checks verify. The `fallback` check calls it to prove that a
 * failing deployment really is served by the fallback group. Since LiteLLM 1.104 proxies refuse the
 * `mock_testing_fallbacks` body flag unless `general_settings.dangerously_allow_mock_testing_request_params`
 * is on, and that flag lets any caller fabricate failures and delays: it stays off on every stack.
 *
 * The probe holds no credential and reaches no upstream: whoever calls it gets the fallback group's
 * answer, at the fallback group's price, which a key allowed to call the probe may call anyway (router
 * fallbacks are only attempted for groups the key may call). It shows in the model list of keys that may
 * call every model.
 */
import type { GatewaySpec } from "../../config/spec";
import { verificationModels } from "../verification/models";
import { envRef, GATEWAY_ENV } from "./contract";

/** A closed port on the gateway's own loopback: the connection is refused at once, on Docker and in a pod. */
export const FALLBACK_PROBE_API_BASE = "http://127.0.0.1:9/v1";

export interface FallbackProbe {
    /** The model_list entry. */
    entry: Record<string, unknown>;
    /** The router fallback entry: the probe falls back like the verified model. */
    fallbacks: Record<string, string[]>;
}

/** The probe for this spec, or undefined when the `fallback` check will not run. */
export function fallbackProbe(spec: Pick<GatewaySpec, "models" | "fallbacks" | "verification">): FallbackProbe | undefined {
    const { model, fallbackProbeModel: probe } = verificationModels(spec);
    const chain = spec.fallbacks.find((f) => f.model === model);
    if (!probe || !chain) return undefined;
    return {
        entry: {
            model_name: probe,
            litellm_params: {
                model: `openai/${probe}`,
                api_base: FALLBACK_PROBE_API_BASE,
                api_key: envRef(GATEWAY_ENV.fallbackProbePlaceholderKey),
                // Fail at once: no client or router retries before the fallback.
                max_retries: 0,
                num_retries: 0,
            },
            model_info: { id: `${probe}--closed-port`, input_cost_per_token: 0, output_cost_per_token: 0 },
        },
        fallbacks: { [probe]: [...chain.to] },
    };
}
