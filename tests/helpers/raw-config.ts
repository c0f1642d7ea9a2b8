/** Builds RawStackConfig for pure parseSpec tests, from the real Pulumi.yaml defaults + a stack file. */
import assert from "node:assert/strict";
import type { RawStackConfig } from "../../config/spec";
import { ConfigError, ConfigProblem } from "../../config/errors";
import { parseConfigText } from "../../config/load";
import { SECTION_NAMES } from "../../config/spec";
import { stackConfig } from "./stack-config";
import type { SecretKey } from "../../config/keys";
import { SECRET_KEYS } from "../../config/keys";

export const VALID_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEfakefakefake\n-----END PRIVATE KEY-----\n";
export const VALID_MASTER_KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";

export function rawConfig(stack: string, overrides: Record<string, unknown> = {}, secrets: Record<string, string> = {}, plaintext: string[] = []): RawStackConfig {
    const { config, secretKeys } = stackConfig(stack, overrides, secrets, plaintext);
    const values: Record<string, unknown> = {};
    const rawSecrets: RawStackConfig["secrets"] = {};
    const unknownKeys: RawStackConfig["unknownKeys"] = [];
    for (const [fullKey, text] of Object.entries(config)) {
        const key = fullKey.replace(/^litellm-gateway:/, "");
        if ((SECRET_KEYS as readonly string[]).includes(key)) rawSecrets[key as SecretKey] = { value: text, isSecret: secretKeys.includes(fullKey) };
        else if (key === "target") values[key] = text;
        else if ((SECTION_NAMES as string[]).includes(key)) values[key] = parseConfigText(text);
        else unknownKeys.push({ key, value: text, isSecret: secretKeys.includes(fullKey) });
    }
    return { project: "litellm-gateway", stack, values, secrets: rawSecrets, unknownKeys };
}

/** The problems of the ConfigError `fn` throws; fails the test when it throws nothing or something else. */
export function configProblems(fn: () => unknown): ConfigProblem[] {
    try {
        fn();
    } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        return err.problems;
    }
    assert.fail("expected a ConfigError");
}
