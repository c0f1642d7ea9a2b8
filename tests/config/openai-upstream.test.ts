/**
 * `upstream: openai` in config and in config.yaml: accepted on both stacks, rendered as LiteLLM's
 * `openai/<model>` with `api_base` and an `os.environ/` key (never the key's text), and refused with the key
 * path, the value and a fix for a bad `apiBase`, a public endpoint without a key, an unpriced model and a
 * key name that names nothing.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { parseSpec } from "../../config/spec";
import { formatProblems } from "../../config/errors";
import { upstreamEndpoint } from "../../config/sections/upstreams";
import { gatewayEnv } from "../../components/gateway/env";
import { renderLiteLLMConfig } from "../../components/gateway/render-config";
import { configProblems, rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";
import { REPO_ROOT } from "../helpers/stack-config";

const OPENAI_KEY = "sk-proj-upstreamKeyThatMustNeverBeRendered0123";
const VLLM = { name: "local", upstream: "openai", model: "meta-llama/Llama-3.1-8B-Instruct", apiBase: "http://vllm.ml.svc.cluster.local:8000/v1", inputCostPerToken: 0.0000001, outputCostPerToken: 0.0000002 };
const OPENAI = { name: "gpt", upstream: "openai", model: "gpt-4o-mini", apiBase: "https://api.openai.com/v1", apiKeySecret: "openai" };
const KEYS = JSON.stringify({ openai: OPENAI_KEY });

const oke = (models: unknown[], secrets: Record<string, string> = {}, fallbacks: unknown[] = []) =>
    rawConfig("oke", { models, fallbacks }, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY, ...secrets });
const dev = (models: unknown[], secrets: Record<string, string> = {}) => rawConfig("dev", { models, fallbacks: [] }, secrets);

/** Problems as `key: message` lines with value and fix, for readable assertions. */
const problemsOf = (raw: ReturnType<typeof oke>) => configProblems(() => parseSpec(raw));

describe("upstream openai", () => {
    test("oke: an in-cluster vLLM, OpenAI and OCI mixed in one fallback chain are accepted", () => {
        const oci = { name: "chat", upstream: "oci", model: "meta.llama-3.3-70b-instruct" };
        const spec = parseSpec(oke([oci, VLLM, OPENAI], { upstreamApiKeys: KEYS }, [{ model: "chat", to: ["local", "gpt"] }]));
        assert.deepEqual(spec.models.map((m) => m.upstream), ["oci", "openai", "openai"]);
        const config = parse(renderLiteLLMConfig(spec));
        const entry = (name: string) => config.model_list.find((m: { model_name: string }) => m.model_name === name).litellm_params;
        assert.deepEqual(entry("local"), { model: "openai/meta-llama/Llama-3.1-8B-Instruct", api_base: VLLM.apiBase, api_key: "os.environ/UPSTREAM_NO_KEY_PLACEHOLDER" });
        assert.deepEqual(entry("gpt"), { model: "openai/gpt-4o-mini", api_base: "https://api.openai.com/v1", api_key: "os.environ/UPSTREAM_API_KEY_OPENAI" });
        assert.equal(entry("chat").model, "oci/meta.llama-3.3-70b-instruct");
        assert.deepEqual(config.router_settings.fallbacks.find((f: Record<string, unknown>) => "chat" in f), { chat: ["local", "gpt"] });
        const probe = config.model_list.find((m: { model_name: string }) => m.model_name === "litellm-gateway-fallback-probe");
        assert.ok(probe, "the fallback probe is rendered for a mixed chain");
        assert.deepEqual(config.router_settings.fallbacks.find((f: Record<string, unknown>) => "litellm-gateway-fallback-probe" in f)["litellm-gateway-fallback-probe"], ["local", "gpt"]);
        assert.ok(!renderLiteLLMConfig(spec).includes(OPENAI_KEY), "the key is never in config.yaml");
    });

    test("the env carries the referenced key as a secret, and the placeholder for key-less endpoints", () => {
        const spec = parseSpec(dev([VLLM_DEV, OPENAI], { upstreamApiKeys: KEYS }));
        const env = gatewayEnv(spec, { masterKey: VALID_MASTER_KEY, saltKey: "salt-0123456789abcdef", databaseUrl: "postgresql://u:p@db:5432/litellm" });
        const byName = Object.fromEntries(env.map((v) => [v.name, v]));
        assert.deepEqual(byName.UPSTREAM_API_KEY_OPENAI, { name: "UPSTREAM_API_KEY_OPENAI", value: OPENAI_KEY, secret: true });
        assert.equal(byName.UPSTREAM_NO_KEY_PLACEHOLDER.secret, undefined, "the placeholder is no credential");
        assert.equal(byName.STUB_API_KEY, undefined, "no stub wiring without a stub model");
    });

    test("dev: accepted with a container name or a LAN address; no placeholder when every model has a key", () => {
        const spec = parseSpec(dev([{ ...OPENAI, name: "a" }], { upstreamApiKeys: KEYS }));
        const env = gatewayEnv(spec, { masterKey: VALID_MASTER_KEY, saltKey: "salt-0123456789abcdef", databaseUrl: "postgresql://u:p@db:5432/litellm" });
        assert.ok(!env.some((v) => v.name === "UPSTREAM_NO_KEY_PLACEHOLDER"));
        for (const apiBase of ["http://ollama:11434/v1", "http://192.168.1.20:8000/v1", "http://gpu-box.lan:8000/v1"]) {
            assert.doesNotThrow(() => parseSpec(dev([{ ...VLLM_DEV, apiBase }])), apiBase);
        }
    });

    test("the endpoint's namespace, Service and port come from apiBase", () => {
        assert.deepEqual(upstreamEndpoint("http://vllm.ml.svc.cluster.local:8000/v1"), { scheme: "http", host: "vllm.ml.svc.cluster.local", port: 8000, kind: "service", service: "vllm", namespace: "ml" });
        assert.deepEqual(upstreamEndpoint("https://api.openai.com/v1"), { scheme: "https", host: "api.openai.com", port: 443, kind: "public" });
        assert.equal((upstreamEndpoint("http://tgi.ai.svc:80") as { namespace: string }).namespace, "ai");
        assert.equal((upstreamEndpoint("http://10.0.4.2:8000/v1") as { kind: string }).kind, "private");
        assert.equal((upstreamEndpoint("http://8.8.8.8/v1") as { kind: string }).kind, "public");
    });

    test("bad apiBase values are refused with key path, value and fix; credentials in the URL are masked", () => {
        const cases: [string, RegExp][] = [
            ["vllm:8000/v1", /scheme 'vllm'|not a URL/],
            ["ftp://models.example.com/v1", /scheme 'ftp'/],
            ["http://localhost:8000/v1", /own loopback/],
            ["http://api.example.com/v1", /unencrypted/],
            ["https://api.example.com/v1?api-version=1", /query or fragment/],
        ];
        for (const [apiBase, message] of cases) {
            const problems = problemsOf(oke([{ ...OPENAI, apiBase }], { upstreamApiKeys: KEYS }));
            const p = problems.find((x) => x.key === "litellm-gateway:models[0].apiBase");
            assert.ok(p, `${apiBase}: ${formatProblems(problems)}`);
            assert.match(p.message, message);
            assert.equal(p.value, JSON.stringify(apiBase));
            assert.ok(p.fix.length > 20);
        }
        const withUser = problemsOf(oke([{ ...OPENAI, apiBase: "https://user:hunter2-secret@api.example.com/v1" }], { upstreamApiKeys: KEYS }));
        assert.match(withUser[0].message, /credentials/);
        assert.equal(withUser[0].value, "[secret]");
        assert.ok(!formatProblems(withUser).includes("hunter2"), "the password in the URL is never shown");
    });

    test("a Service name on dev, a missing apiBase, and apiBase on another upstream are refused", () => {
        const svc = problemsOf(dev([VLLM]));
        assert.match(svc.find((p) => p.key.endsWith("models[0].apiBase"))!.message, /Kubernetes Service/);
        const { apiBase: _drop, ...noBase } = VLLM_DEV;
        assert.match(problemsOf(dev([noBase])).find((p) => p.key.endsWith("models[0].apiBase"))!.message, /required/);
        const stray = problemsOf(oke([{ name: "chat", upstream: "oci", model: "meta.llama-3.3-70b-instruct", apiBase: "https://x.example.com/v1" }]));
        assert.match(stray.find((p) => p.key.endsWith("models[0].apiBase"))!.message, /only applies to upstream 'openai'/);
    });

    test("a public endpoint without a key is refused; a Service or private address may go without", () => {
        const { apiKeySecret: _drop, ...noKey } = OPENAI;
        const p = problemsOf(oke([noKey])).find((x) => x.key === "litellm-gateway:models[0].apiKeySecret");
        assert.ok(p);
        assert.match(p.message, /api\.openai\.com is a public host/);
        assert.match(p.fix, /pulumi config set --secret upstreamApiKeys/);
        assert.doesNotThrow(() => parseSpec(oke([VLLM])));
    });

    test("a key name that names nothing, an unused key and a malformed secret are refused, masked", () => {
        const dangling = problemsOf(oke([{ ...OPENAI, apiKeySecret: "azure" }], { upstreamApiKeys: KEYS }));
        assert.ok(dangling.some((p) => p.key.endsWith("models[0].apiKeySecret") && /names no key/.test(p.message) && /it has openai/.test(p.message)));
        assert.ok(dangling.some((p) => p.key === "litellm-gateway:upstreamApiKeys" && /'openai', which no model names/.test(p.message)));
        const malformed = problemsOf(oke([VLLM], { upstreamApiKeys: `not json ${OPENAI_KEY}` }));
        assert.equal(malformed[0].key, "litellm-gateway:upstreamApiKeys");
        assert.equal(malformed[0].value, "[secret]");
        assert.ok(!formatProblems(malformed).includes(OPENAI_KEY));
        const plaintext = configProblems(() => parseSpec(rawConfig("oke", { models: [OPENAI], fallbacks: [] }, { ociPrivateKey: VALID_PEM, upstreamApiKeys: KEYS }, ["upstreamApiKeys"])));
        assert.ok(plaintext.some((p) => p.key === "litellm-gateway:upstreamApiKeys" && /plaintext/.test(p.message)), "a key set without --secret is refused");
    });

    test("a model outside LiteLLM's cost map must be priced; OpenAI's own models on api.openai.com need not be", () => {
        const { inputCostPerToken: _i, outputCostPerToken: _o, ...unpriced } = VLLM;
        const p = problemsOf(oke([unpriced])).find((x) => x.key === "litellm-gateway:models[0]");
        assert.ok(p);
        assert.match(p.message, /not in LiteLLM's cost map/);
        assert.match(p.fix, /inputCostPerToken/);
        const gptOnAzureLike = problemsOf(oke([{ ...OPENAI, apiBase: "https://my-proxy.example.com/v1" }], { upstreamApiKeys: KEYS }));
        assert.ok(gptOnAzureLike.some((x) => x.key === "litellm-gateway:models[0]"), "the cost map is only trusted on OpenAI's own host");
        assert.doesNotThrow(() => parseSpec(oke([OPENAI], { upstreamApiKeys: KEYS })));
    });

    test("a $0 price is refused while the models check runs, and accepted without it", () => {
        const free = { ...VLLM, inputCostPerToken: 0, outputCostPerToken: 0 };
        const p = problemsOf(oke([free])).find((x) => x.key === "litellm-gateway:models[0]");
        assert.ok(p);
        assert.match(p.message, /\$0/);
        assert.match(p.fix, /verification\.checks/);
        assert.doesNotThrow(() => parseSpec(rawConfig("oke", { models: [free], fallbacks: [], verification: { checks: ["completion"] } }, { ociPrivateKey: VALID_PEM })));
    });
});

describe("docs/oke.md, any Kubernetes", () => {
    test("the kind/k3s stack file of the walkthrough is accepted but for its chart, which is not on disk here", () => {
        const doc = fs.readFileSync(path.join(REPO_ROOT, "docs/oke.md"), "utf8");
        const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes("ollama.ml.svc"));
        assert.ok(block, "the walkthrough's stack file");
        const config = parse(block.replace(/^ {3}/gm, "")).config as Record<string, unknown>;
        const sections = Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^litellm-gateway:/, ""), v]));
        // Pulumi.oke.yaml's OCI settings are left out, as a new stack file would.
        const raw = rawConfig("oke", { oci: undefined, database: undefined, ...sections }, { kubeconfig: "apiVersion: v1\nkind: Config\n" });
        const problems = configProblems(() => parseSpec(raw));
        assert.deepEqual(problems.map((p) => p.key), ["litellm-gateway:oke.chart.path"]);
        assert.match(problems[0].message, /litellm-helm-1\.108\.7\.tgz/);
    });
});

/** The vLLM model as dev would declare it: a container on the stack's network. */
const VLLM_DEV = { ...VLLM, apiBase: "http://vllm:8000/v1" };
