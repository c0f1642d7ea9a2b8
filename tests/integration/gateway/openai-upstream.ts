/**
 * The real-proxy scenario of `upstream: openai` (docs/oke.md "OpenAI-compatible upstreams"): the suite's spec
 * with `chat` declared as an OpenAI-compatible upstream with a key from the `upstreamApiKeys` secret, a third
 * group `chat-local` as one without a key, and `chat-backup` left on the stub upstream, so the verified fallback
 * chain mixes upstreams. Config and env come from the stacks' own renderer and `gatewayEnv`; the one change is
 * the host: the spec names the stub as the dev network does (`stub-upstream:8080`), and this run's stub
 * listens elsewhere on loopback, which the config rules rightly refuse as an `apiBase`. The stub takes any
 * key, so a passing completion proves LiteLLM resolved `os.environ/UPSTREAM_API_KEY_STUB_UPSTREAM`: with the
 * variable unset, LiteLLM's OpenAI client refuses the call.
 */
import { STUB_HOST, STUB_PORT } from "../../../components/gateway/contract";
import { STUB_PRICING } from "../../../config/defaults";
import type { GatewayVariant } from "../environment";

/** The stub as the spec names it: the dev stack's in-network address. */
export const SPEC_STUB_BASE = `http://${STUB_HOST}:${STUB_PORT}/v1`;
/** Not a real credential: the stub accepts any key. */
export const OPENAI_UPSTREAM_TEST_KEY = "sk-it-openai-compatible-upstream-0123456789";

export function openAIUpstreamVariant(stubApiBase: string): GatewayVariant {
    const openai = (name: string, model: string, apiKeySecret?: string) => ({ name, upstream: "openai", model, apiBase: SPEC_STUB_BASE, ...(apiKeySecret ? { apiKeySecret } : {}), ...STUB_PRICING });
    return {
        spec: {
            models: [openai("chat", "stub-model", "stub-upstream"), { name: "chat-backup", upstream: "stub", model: "stub-model-backup" }, openai("chat-local", "stub-model-local")],
        },
        secrets: { upstreamApiKeys: JSON.stringify({ "stub-upstream": OPENAI_UPSTREAM_TEST_KEY }) },
        config(config) {
            for (const entry of config.model_list as { litellm_params: Record<string, unknown> }[]) {
                if (entry.litellm_params.api_base === SPEC_STUB_BASE) entry.litellm_params.api_base = stubApiBase;
            }
        },
    };
}
