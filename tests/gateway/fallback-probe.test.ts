/**
 * The fallback probe (components/gateway/fallback-probe.ts): the verification-only group the `fallback`
 * check calls on LiteLLM 1.104+, where mock testing params are refused. It must fail for real, fall back
 * like the verified model, carry no credential, exist only when the check runs, and never come with the
 * flag that re-enables mock params.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FALLBACK_PROBE_API_BASE, fallbackProbe } from "../../components/gateway/fallback-probe";
import { gatewayEnv } from "../../components/gateway/env";
import { renderLiteLLMConfig } from "../../components/gateway/render-config";
import { verificationModels } from "../../components/verification/models";
import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import { ConfigError } from "../../config/errors";
import { parseSpec } from "../../config/spec";
import { rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

const wiring = { masterKey: "m", saltKey: "s", databaseUrl: "d", stubApiBase: "http://stub/v1" };
const dev = (overrides: Record<string, unknown> = {}) => parseSpec(rawConfig("dev", overrides, { masterKey: VALID_MASTER_KEY }));

describe("the fallback probe", () => {
    test("fails at once on a closed port, with no credential and no retries, and falls back like the verified model", () => {
        const probe = fallbackProbe(dev());
        assert.ok(probe);
        assert.deepEqual(probe.entry, {
            model_name: FALLBACK_PROBE_MODEL,
            litellm_params: { model: `openai/${FALLBACK_PROBE_MODEL}`, api_base: "http://127.0.0.1:9/v1", api_key: "os.environ/FALLBACK_PROBE_PLACEHOLDER_KEY", max_retries: 0, num_retries: 0 },
            model_info: { id: `${FALLBACK_PROBE_MODEL}--closed-port`, input_cost_per_token: 0, output_cost_per_token: 0 },
        });
        assert.equal(FALLBACK_PROBE_API_BASE, "http://127.0.0.1:9/v1");
        assert.deepEqual(probe.fallbacks, { [FALLBACK_PROBE_MODEL]: ["chat-backup"] });
        const custom = fallbackProbe(dev({ models: [{ name: "a", upstream: "stub", model: "m" }, { name: "b", upstream: "stub", model: "m" }, { name: "c", upstream: "stub", model: "m" }], fallbacks: [{ model: "a", to: ["c", "b"] }] }));
        assert.deepEqual(custom?.fallbacks, { [FALLBACK_PROBE_MODEL]: ["c", "b"] }, "the whole chain, in order");
    });

    test("exists exactly when the fallback check runs, and the verification gets its name", () => {
        const on = dev();
        assert.deepEqual(verificationModels(on), { model: "chat", fallbackModel: "chat-backup", fallbackProbeModel: FALLBACK_PROBE_MODEL, models: ["chat", "chat-backup"] });
        assert.ok(!verificationModels(on).models.includes(FALLBACK_PROBE_MODEL), "the models check never gets the probe");
        const off: [string, Record<string, unknown>][] = [
            ["verification off", { verification: { enabled: false } }],
            ["fallback check not selected", { verification: { checks: ["health", "completion"] } }],
            ["no fallback chain", { fallbacks: [] }],
        ];
        for (const [why, overrides] of off) {
            const spec = dev(overrides);
            assert.equal(fallbackProbe(spec), undefined, why);
            assert.equal(verificationModels(spec).fallbackProbeModel, undefined, why);
            assert.ok(!renderLiteLLMConfig(spec).includes(FALLBACK_PROBE_MODEL), why);
            assert.ok(!gatewayEnv(spec, wiring).some((v) => v.name === "FALLBACK_PROBE_PLACEHOLDER_KEY"), why);
        }
        assert.deepEqual(gatewayEnv(on, wiring).find((v) => v.name === "FALLBACK_PROBE_PLACEHOLDER_KEY"), { name: "FALLBACK_PROBE_PLACEHOLDER_KEY", value: "fallback-probe-needs-no-key" });
    });

    test("no stack re-enables mock testing params", () => {
        const oke = parseSpec(rawConfig("oke", {}, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY }));
        for (const spec of [dev(), oke]) {
            const text = renderLiteLLMConfig(spec);
            assert.ok(text.includes(FALLBACK_PROBE_MODEL), "the probe is rendered");
            assert.ok(!text.includes("dangerously_allow_mock_testing_request_params"), `${spec.stack} never sets the flag`);
        }
    });

    test("its name is reserved", () => {
        assert.throws(
            () => dev({ models: [{ name: FALLBACK_PROBE_MODEL, upstream: "stub", model: "m" }], fallbacks: [] }),
            (err: ConfigError) => err.problems.some((p) => p.key === "litellm-gateway:models[0].name" && /reserved for the verification's fallback probe/.test(p.message)),
        );
    });
});
