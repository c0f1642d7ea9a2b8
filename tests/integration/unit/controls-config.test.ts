/**
 * The suite runs the dev spec with cache and guardrail on, rendered by the project's own renderer, and each
 * negative control changes one thing of it: its diff from the baseline stays inside that one setting.
 */
import { FALLBACK_PROBE_MODEL } from "../../../config/defaults";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildLiteLLMConfig, renderLiteLLMConfig, stringifyLiteLLMConfig } from "../../../components/gateway/render-config";
import { NEGATIVE_CONTROLS } from "../gateway/controls";
import { suiteEnv, suiteModels, suiteSpec, Wiring } from "../gateway/suite-config";

const WIRING: Wiring = {
    masterKey: "sk-master-0123456789abcdef0123456789abcdef",
    saltKey: "sk-salt-0123456789abcdef0123456789abcdef",
    databaseUrl: "postgresql://litellm:pw@127.0.0.1:5999/db",
    stubApiBase: "http://127.0.0.1:5998/v1",
    redis: { host: "127.0.0.1", port: 5997, password: "redis-pw" },
    presidio: { analyzerUrl: "http://127.0.0.1:5996", anonymizerUrl: "http://127.0.0.1:5995" },
};

/** Leaf paths of a JSON value, `a.b[0].c` → value. */
function leaves(value: unknown, path = "", out: Record<string, unknown> = {}): Record<string, unknown> {
    if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) leaves(v, path === "" ? k : `${path}.${k}`, out);
        if (Object.keys(value).length === 0) out[path] = value;
    } else out[path] = value;
    return out;
}

function changedPaths(a: unknown, b: unknown): string[] {
    const [la, lb] = [leaves(a), leaves(b)];
    return [...new Set([...Object.keys(la), ...Object.keys(lb)])].filter((k) => JSON.stringify(la[k]) !== JSON.stringify(lb[k])).sort();
}

function variant(id: string) {
    const control = NEGATIVE_CONTROLS.find((c) => c.id === id)!;
    const spec = suiteSpec(control.spec);
    const config = buildLiteLLMConfig(spec);
    control.config?.(config);
    const env = suiteEnv(spec, WIRING);
    control.env?.(env);
    return { config, env };
}

const baseSpec = suiteSpec();
const base = { config: buildLiteLLMConfig(baseSpec), env: suiteEnv(baseSpec, WIRING) };

describe("the suite's gateway", () => {
    it("is the dev spec with cache and guardrail on and a 2 s spend batch, rendered by renderLiteLLMConfig", () => {
        assert.equal(baseSpec.stack, "dev");
        assert.equal(baseSpec.cache.enabled, true);
        assert.equal(baseSpec.guardrails.enabled, true);
        assert.equal(baseSpec.gateway.spendBatchWriteSeconds, 2);
        assert.equal(baseSpec.gateway.port, 4000, "the rest of the gateway section comes from Pulumi.dev.yaml");
        assert.equal(stringifyLiteLLMConfig(base.config), renderLiteLLMConfig(baseSpec));
        assert.deepEqual(suiteModels(), { model: "chat", fallbackModel: "chat-backup", fallbackProbeModel: FALLBACK_PROBE_MODEL, models: ["chat", "chat-backup"] });
    });

    it("gets the stack's env with this run's endpoints", () => {
        assert.equal(base.env.REDIS_PORT, "5997");
        assert.equal(base.env.PRESIDIO_ANALYZER_API_BASE, "http://127.0.0.1:5996");
        assert.equal(base.env.STUB_API_BASE, "http://127.0.0.1:5998/v1");
        assert.equal(base.env.LITELLM_MASTER_KEY, WIRING.masterKey);
        assert.equal(base.env.LITELLM_LOCAL_MODEL_COST_MAP, "True");
    });
});

const CONFINED: Record<string, RegExp> = {
    "no-master-key": /^env\.(LITELLM_MASTER_KEY|LITELLM_DANGEROUSLY_PERMIT_WEAK_OR_UNSET_MASTER_KEY)$/,
    "cache-off": /^(config\.litellm_settings\.cache(_params\..*)?|env\.REDIS_(HOST|PORT|PASSWORD))$/,
    "wrong-redis-password": /^env\.REDIS_PASSWORD$/,
    "fallback-removed": /^config\.router_settings\.fallbacks\.\d\./,
    "guardrail-off": /^(config\.guardrails\..*|config\.general_settings\.store_prompts_in_spend_logs|env\.PRESIDIO_ANALYZER_API_BASE|env\.PRESIDIO_ANONYMIZER_API_BASE)$/,
    "ssn-not-an-entity": /^config\.guardrails\.0\.litellm_params\.pii_entities_config\.US_SSN$/,
    "unpriced-model": /^config\.model_list\.\d\.model_info\.(input|output)_cost_per_token$/,
    "dead-endpoint": /^config\.model_list\.\d\.litellm_params\.api_base$/,
    "slow-pre-call-hook": /^config\.litellm_settings\.callbacks\.0$/,
};

describe("negative controls change one thing", () => {
    it("every control has a confinement rule here", () => {
        assert.deepEqual(NEGATIVE_CONTROLS.map((c) => c.id).sort(), Object.keys(CONFINED).sort());
    });
    for (const control of NEGATIVE_CONTROLS) {
        it(`${control.id}: ${control.change}`, () => {
            const changed = changedPaths({ config: base.config, env: base.env }, variant(control.id));
            assert.ok(changed.length > 0, "the control changes nothing");
            const outside = changed.filter((p) => !CONFINED[control.id].test(p));
            assert.deepEqual(outside, [], `changes outside its setting: ${outside.join(", ")}`);
        });
    }
});
