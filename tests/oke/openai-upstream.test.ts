/**
 * oke with OpenAI-compatible upstreams next to OCI, in one fallback chain: an in-cluster vLLM without a key and
 * OpenAI with one. The key reaches the gateway only through the `<release>-env` Secret (secretKeyRef), never
 * as a plain value or in config.yaml; with the NetworkPolicies on, the gateway (and its migration hook) may
 * open the connections the upstreams need, while the policies still bite elsewhere; the checks run as before.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder, occurrences, plaintextOccurrences, unwrap } from "../helpers/mocks";
import { egressAllowed, Policy } from "../helpers/network-policy-eval";
import { gatewaySelector, verificationLabels } from "../../components/k8s/labels";
import { upstreamEndpoint, UpstreamEndpoint } from "../../config/sections/upstreams";
import { parseCliArgs } from "../../verify/cli-args";
import { buildOkeFeatureStack, gatewayEnv, jobContainer, K8S, releaseValues, secretData } from "./features-support";

const OPENAI_KEY = "sk-proj-okeUpstreamKeyThatMustStaySecret0123456789";
const VLLM_BASE = "http://vllm.ml.svc.cluster.local:8000/v1";
/** An address api.openai.com could resolve to: outside every private range. */
const PUBLIC_IP = "162.159.140.245";

describe("oke stack with openai upstreams", () => {
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildOkeFeatureStack(
            {
                models: [
                    { name: "chat", upstream: "oci", model: "meta.llama-3.3-70b-instruct" },
                    { name: "local", upstream: "openai", model: "meta-llama/Llama-3.1-8B-Instruct", apiBase: VLLM_BASE, inputCostPerToken: 0.0000001, outputCostPerToken: 0.0000002 },
                    { name: "gpt", upstream: "openai", model: "gpt-4o-mini", apiBase: "https://api.openai.com/v1", apiKeySecret: "openai" },
                ],
                fallbacks: [{ model: "chat", to: ["local", "gpt"] }],
            },
            { upstreamApiKeys: JSON.stringify({ openai: OPENAI_KEY }) },
        ));
    });

    test("proxy_config renders each upstream: openai/<model> with api_base, keys by env reference only", () => {
        const config = releaseValues(mocks).proxy_config;
        const params = (name: string) => config.model_list.find((m: { model_name: string }) => m.model_name === name).litellm_params;
        assert.deepEqual(params("local"), { model: "openai/meta-llama/Llama-3.1-8B-Instruct", api_base: VLLM_BASE, api_key: "os.environ/UPSTREAM_NO_KEY_PLACEHOLDER" });
        assert.deepEqual(params("gpt"), { model: "openai/gpt-4o-mini", api_base: "https://api.openai.com/v1", api_key: "os.environ/UPSTREAM_API_KEY_OPENAI" });
        assert.equal(params("chat").model, "oci/meta.llama-3.3-70b-instruct");
        assert.deepEqual(config.router_settings.fallbacks, [{ chat: ["local", "gpt"] }, { "litellm-gateway-fallback-probe": ["local", "gpt"] }]);
    });

    test("the key is in the <release>-env Secret, read through secretKeyRef, and never plain anywhere", () => {
        const { plain, refs } = gatewayEnv(mocks);
        assert.deepEqual(refs.UPSTREAM_API_KEY_OPENAI, { name: "litellm-env", key: "UPSTREAM_API_KEY_OPENAI" });
        assert.equal(plain.UPSTREAM_API_KEY_OPENAI, undefined);
        assert.equal(plain.UPSTREAM_NO_KEY_PLACEHOLDER, "upstream-needs-no-key");
        assert.equal(secretData(mocks, "litellm-env").UPSTREAM_API_KEY_OPENAI, OPENAI_KEY);
        assert.ok(occurrences(mocks.resources, OPENAI_KEY) >= 1);
        assert.deepEqual(plaintextOccurrences(mocks.resources, OPENAI_KEY), [], "the key stays secret");
        assert.ok(mocks.byType(K8S.secret).some((s) => (s.inputs.metadata as { name: string }).name === "oci-credentials"), "the OCI model keeps its credentials");
    });

    test("with the NetworkPolicies on, the gateway and its migration hook may reach both upstreams; the policies still bite", () => {
        const policies: Policy[] = mocks.byType(K8S.netpol).map((p) => ({ namespace: unwrap(p.inputs.metadata).namespace, spec: unwrap(p.inputs.spec) }));
        assert.ok(policies.length >= 3, "the stack's policies exist");
        const gateway = { namespace: "litellm", labels: { ...gatewaySelector("litellm"), "app.kubernetes.io/component": "migrations" } };
        const vllm = upstreamEndpoint(VLLM_BASE) as UpstreamEndpoint;
        assert.ok(egressAllowed(policies, gateway, { namespace: vllm.namespace as string, port: vllm.port }), "gateway -> vllm.ml:8000");
        assert.ok(egressAllowed(policies, gateway, { ip: PUBLIC_IP, port: 443 }), "gateway -> api.openai.com:443");
        // Control: the same evaluation refuses what the stack's policies do not allow.
        const job = { namespace: "litellm", labels: verificationLabels() };
        assert.ok(!egressAllowed(policies, job, { namespace: "ml", port: 8000 }), "the verification Job may not reach the upstream");
        assert.ok(!egressAllowed(policies, job, { ip: PUBLIC_IP, port: 443 }));
    });

    test("the verification Job checks the chain as on any other upstream", () => {
        const { options } = parseCliArgs(jobContainer(mocks).command.slice(2), {});
        assert.equal(options.model, "chat");
        assert.equal(options.fallbackModel, "local");
        assert.equal(options.fallbackProbeModel, "litellm-gateway-fallback-probe");
        assert.deepEqual(options.models, ["chat", "local", "gpt"]);
    });
});
