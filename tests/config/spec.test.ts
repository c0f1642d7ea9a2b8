import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseSpec } from "../../config/spec";
import { ConfigError } from "../../config/errors";
import { DEFAULT_IMAGES, STUB_PRICING } from "../../config/defaults";
import { rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

describe("parseSpec", () => {
    test("the dev stack file parses to the documented defaults", () => {
        const spec = parseSpec(rawConfig("dev"));
        assert.equal(spec.target, "docker");
        assert.deepEqual(spec.models.map((m) => [m.name, m.upstream, m.model]), [["chat", "stub", "stub-model"], ["chat-backup", "stub", "stub-model-backup"]]);
        assert.ok(spec.models.every((m) => m.inputCostPerToken === STUB_PRICING.inputCostPerToken && m.outputCostPerToken === STUB_PRICING.outputCostPerToken), "stub models are priced so spend is never $0");
        assert.deepEqual(spec.fallbacks, [{ model: "chat", to: ["chat-backup"] }]);
        assert.equal(spec.gateway.image, DEFAULT_IMAGES.litellm);
        assert.equal(spec.gateway.port, 4000);
        assert.equal(spec.database.mode, "container");
        assert.equal(spec.verification.enabled, true);
        assert.equal(spec.verification.mode, "enforce");
        assert.deepEqual(spec.secrets, {}, "empty Pulumi.yaml defaults of secret keys count as unset");
    });

    test("the oke stack file parses with OCI models once the private key is set as a secret", () => {
        const spec = parseSpec(rawConfig("oke", {}, { ociPrivateKey: VALID_PEM }));
        assert.equal(spec.target, "oke");
        assert.equal(spec.database.mode, "in-cluster");
        assert.ok(spec.models.every((m) => m.upstream === "oci"));
        assert.equal(spec.secrets.ociPrivateKey, VALID_PEM);
    });

    test("explicit settings override defaults and secret values are kept", () => {
        const spec = parseSpec(
            rawConfig("dev", { gateway: { port: 4100, spendBatchWriteSeconds: 5 }, keys: { defaultMaxBudgetUsd: 2.5 } }, { masterKey: VALID_MASTER_KEY }),
        );
        assert.equal(spec.gateway.port, 4100);
        assert.equal(spec.gateway.spendBatchWriteSeconds, 5);
        assert.equal(spec.gateway.logLevel, "INFO", "unset fields of a given section keep their defaults");
        assert.equal(spec.keys.defaultMaxBudgetUsd, 2.5);
        assert.equal(spec.secrets.masterKey, VALID_MASTER_KEY);
    });

    test("an OCI model missing from LiteLLM's cost map is accepted once priced", () => {
        const models = [{ name: "g", upstream: "oci", model: "google.gemini-2.5-flash", inputCostPerToken: 3e-7, outputCostPerToken: 2.5e-6 }];
        const spec = parseSpec(rawConfig("oke", { models, fallbacks: [] }, { ociPrivateKey: VALID_PEM }));
        assert.equal(spec.models[0].inputCostPerToken, 3e-7);
    });

    test("every problem is reported at once, each naming its key and a fix", () => {
        try {
            parseSpec(rawConfig("dev", { target: "aws", gateway: { port: 0, image: "ghcr.io/berriai/litellm" } }));
            assert.fail("expected ConfigError");
        } catch (err) {
            assert.ok(err instanceof ConfigError);
            const keys = err.problems.map((p) => p.key).sort();
            assert.deepEqual(keys, ["litellm-gateway:gateway.image", "litellm-gateway:gateway.port", "litellm-gateway:target"]);
            assert.ok(err.problems.every((p) => p.fix.length > 10));
            assert.match(err.message, /nothing was deployed/);
        }
    });

    test("error messages never echo a secret value", () => {
        const secret = "sk-this-is-a-plaintext-secret-0000000000";
        assert.throws(() => parseSpec(rawConfig("dev", {}, { masterKey: secret }, ["masterKey"])), (err: Error) => !err.message.includes(secret) && /plaintext/.test(err.message));
    });
});
