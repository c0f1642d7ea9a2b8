import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { buildLiteLLMConfig, renderLiteLLMConfig } from "../../components/gateway/render-config";
import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import { parseSpec } from "../../config/spec";
import { rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

const devSpec = () => parseSpec(rawConfig("dev", {}, { masterKey: VALID_MASTER_KEY, saltKey: "salt-0123456789abcdef0123" }));
const okeSpec = () => parseSpec(rawConfig("oke", {}, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY }));

type Model = { model_name: string; litellm_params: Record<string, unknown>; model_info: Record<string, unknown> };

describe("renderLiteLLMConfig", () => {
    test("stub upstream: OpenAI-compatible params by env reference, explicit pricing, stable ids", () => {
        const cfg = parse(renderLiteLLMConfig(devSpec()));
        const models = cfg.model_list as Model[];
        assert.deepEqual(models.map((m) => m.model_name), ["chat", "chat-backup", FALLBACK_PROBE_MODEL]);
        const chat = models[0];
        assert.deepEqual(chat.litellm_params, { model: "openai/stub-model", api_base: "os.environ/STUB_API_BASE", api_key: "os.environ/STUB_API_KEY" });
        assert.ok((chat.model_info.input_cost_per_token as number) > 0 && (chat.model_info.output_cost_per_token as number) > 0, "stub is priced so spend is never $0");
        assert.equal(chat.model_info.id, "chat--stub--stub-model");
    });

    test("OCI upstream: oci/ provider, oci_* identity by env reference, key by read-only file path, never inline", () => {
        const text = renderLiteLLMConfig(okeSpec());
        const models = parse(text).model_list as Model[];
        const chat = models.find((m) => m.model_name === "chat") as Model;
        assert.deepEqual(chat.litellm_params, {
            model: "oci/meta.llama-3.3-70b-instruct",
            oci_region: "os.environ/OCI_REGION",
            oci_user: "os.environ/OCI_USER",
            oci_tenancy: "os.environ/OCI_TENANCY",
            oci_fingerprint: "os.environ/OCI_FINGERPRINT",
            oci_compartment_id: "os.environ/OCI_COMPARTMENT_ID",
            oci_key_file: "/etc/litellm/oci/oci_api_key.pem",
        });
        assert.equal(chat.model_info.input_cost_per_token, undefined, "cost-map models keep LiteLLM's own pricing");
        assert.ok(!text.includes("oci_key:"), "the PEM is never inlined");
        assert.ok(!text.includes("ocid1."), "OCIDs come from env, so the ConfigMap holds no tenancy identifiers");
    });

    test("fallbacks render as router_settings and every name is a declared model", () => {
        const cfg = buildLiteLLMConfig(devSpec());
        const declared = new Set((cfg.model_list as Model[]).map((m) => m.model_name));
        const fallbacks = (cfg.router_settings as { fallbacks: Record<string, string[]>[] }).fallbacks;
        assert.deepEqual(fallbacks, [{ chat: ["chat-backup"] }, { [FALLBACK_PROBE_MODEL]: ["chat-backup"] }]);
        for (const f of fallbacks) for (const [from, to] of Object.entries(f)) [from, ...to].forEach((n) => assert.ok(declared.has(n), n));
    });

    test("general_settings wires the master key and DB from env; the master-key env name is configurable for Helm", () => {
        const general = buildLiteLLMConfig(devSpec()).general_settings as Record<string, unknown>;
        assert.equal(general.master_key, "os.environ/LITELLM_MASTER_KEY");
        assert.equal(general.database_url, "os.environ/DATABASE_URL");
        assert.equal(general.proxy_batch_write_at, 10);
        const helm = buildLiteLLMConfig(devSpec(), { masterKeyEnv: "PROXY_MASTER_KEY" }).general_settings as Record<string, unknown>;
        assert.equal(helm.master_key, "os.environ/PROXY_MASTER_KEY");
    });

    test("key budget settings render into litellm_settings", () => {
        const spec = parseSpec(rawConfig("dev", { keys: { defaultMaxBudgetUsd: 1.5, maxBudgetUpperBoundUsd: 100, defaultDuration: "30d" } }));
        const settings = buildLiteLLMConfig(spec).litellm_settings as Record<string, unknown>;
        assert.deepEqual(settings.default_key_generate_params, { max_budget: 1.5, duration: "30d" });
        assert.deepEqual(settings.upperbound_key_generate_params, { max_budget: 100 });
        assert.equal(settings.drop_params, true);
    });

    test("no secret value ever appears in the rendered text", () => {
        for (const spec of [devSpec(), okeSpec()]) {
            const text = renderLiteLLMConfig(spec);
            for (const value of Object.values(spec.secrets)) assert.ok(!text.includes(value as string), "a secret leaked into config.yaml");
            assert.ok(!/sk-[A-Za-z0-9]{8,}/.test(text) && !text.includes("PRIVATE KEY"));
        }
    });

    test("output is deterministic: same text across runs and regardless of model order", () => {
        const spec = devSpec();
        const a = renderLiteLLMConfig(spec);
        assert.equal(renderLiteLLMConfig(devSpec()), a);
        const reversed = { ...spec, models: [...spec.models].reverse() };
        assert.equal(renderLiteLLMConfig(reversed), a);
        const keysInOrder = Object.keys(parse(a));
        assert.deepEqual(keysInOrder, [...keysInOrder].sort());
    });
});
