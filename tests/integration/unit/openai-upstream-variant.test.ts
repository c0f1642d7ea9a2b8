/**
 * The real-proxy scenario of `upstream: openai` (tests/integration/gateway/openai-upstream.ts) renders what the
 * stacks render, with only this run's stub address swapped in: `openai/<model>` at the stub, the key by env
 * reference and in the env, a key-less group on the placeholder, and a fallback chain that mixes upstreams.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildLiteLLMConfig, stringifyLiteLLMConfig } from "../../../components/gateway/render-config";
import { verificationModels } from "../../../components/verification/models";
import { openAIUpstreamVariant, OPENAI_UPSTREAM_TEST_KEY, SPEC_STUB_BASE } from "../gateway/openai-upstream";
import { suiteEnv, suiteSpec } from "../gateway/suite-config";

const STUB = "http://127.0.0.1:5998/v1";

describe("the openai-upstream scenario", () => {
    const variant = openAIUpstreamVariant(STUB);
    const spec = suiteSpec(variant.spec, variant.secrets);
    const config = buildLiteLLMConfig(spec);
    const rendered = stringifyLiteLLMConfig(config);
    variant.config?.(config);
    const params = (name: string) => (config.model_list as { model_name: string; litellm_params: Record<string, unknown> }[]).find((m) => m.model_name === name)?.litellm_params;

    it("renders openai/<model> at the stub, the key by reference, the key-less group on the placeholder", () => {
        assert.deepEqual(params("chat"), { model: "openai/stub-model", api_base: STUB, api_key: "os.environ/UPSTREAM_API_KEY_STUB_UPSTREAM" });
        assert.deepEqual(params("chat-local"), { model: "openai/stub-model-local", api_base: STUB, api_key: "os.environ/UPSTREAM_NO_KEY_PLACEHOLDER" });
        assert.equal(params("chat-backup")?.api_base, "os.environ/STUB_API_BASE", "chat-backup stays on the stub upstream");
        assert.ok(rendered.includes(SPEC_STUB_BASE) && !rendered.includes(OPENAI_UPSTREAM_TEST_KEY), "as rendered: the spec's address, no key");
    });

    it("wires the key into the env and keeps the mixed chain verified", () => {
        const env = suiteEnv(spec, { masterKey: "sk-m", saltKey: "s", databaseUrl: "postgresql://x", stubApiBase: STUB, redis: { host: "h", port: 1, password: "p" }, presidio: { analyzerUrl: "a", anonymizerUrl: "b" } });
        assert.equal(env.UPSTREAM_API_KEY_STUB_UPSTREAM, OPENAI_UPSTREAM_TEST_KEY);
        assert.equal(env.UPSTREAM_NO_KEY_PLACEHOLDER, "upstream-needs-no-key");
        assert.deepEqual(verificationModels(spec), { model: "chat", fallbackModel: "chat-backup", fallbackProbeModel: "litellm-gateway-fallback-probe", models: ["chat", "chat-backup", "chat-local"] });
    });
});
