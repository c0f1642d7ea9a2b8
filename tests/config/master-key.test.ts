/**
 * LiteLLM 1.104+ refuses to start with an unset, empty or publicly known master key
 * (proxy/auth/master_key_boot_check.py). A refusal there happens after the containers exist, so config
 * must refuse every key the proxy would, and accept the keys the stack generates.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { parseSpec } from "../../config/spec";
import { configProblems, rawConfig } from "../helpers/raw-config";

/** `PUBLICLY_KNOWN_MASTER_KEY_SHA256_DIGESTS` in litellm 1.108.7 and 1.110.2, proxy/auth/master_key_boot_check.py. */
const LITELLM_PUBLICLY_KNOWN_DIGESTS = new Set(["88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b"]);
const digest = (key: string) => createHash("sha256").update(key.trim()).digest("hex");
const withKey = (masterKey: string) => () => parseSpec(rawConfig("dev", {}, { masterKey }));

describe("master keys the proxy would refuse at startup are refused at config time", () => {
    test("the publicly known key LiteLLM refuses (sk-1234) is refused, naming the key and the fix", () => {
        assert.ok(LITELLM_PUBLICLY_KNOWN_DIGESTS.has(digest("sk-1234")), "the digest is the one of sk-1234");
        const [problem] = configProblems(withKey("sk-1234"));
        assert.equal(problem.key, "litellm-gateway:masterKey");
        assert.match(problem.message, /published example/);
        assert.match(problem.fix, /at least 32 random characters, or unset it .*to have one generated/);
    });

    test("the key format the stack generates (sk- + 48 alphanumerics) is accepted here and by the proxy", () => {
        for (let i = 0; i < 20; i++) {
            const generated = `sk-${randomBytes(36).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 48).padEnd(48, "x")}`;
            assert.doesNotThrow(withKey(generated), generated.slice(0, 6));
            assert.equal(LITELLM_PUBLICLY_KNOWN_DIGESTS.has(digest(generated)), false);
            assert.notEqual(generated.trim(), "", "never empty");
        }
    });

    test("an empty master key means 'generate one', never an empty key reaching the proxy", () => {
        assert.equal(parseSpec(rawConfig("dev", {}, { masterKey: "" })).secrets.masterKey, undefined);
    });
});
