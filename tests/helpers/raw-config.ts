/** Builds RawStackConfig for pure parseSpec tests, from the real Pulumi.yaml defaults + a stack file. */
import assert from "node:assert/strict";
import type { RawStackConfig } from "../../config/spec";
import { ConfigError, ConfigProblem } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { stackConfig } from "./stack-config";

export const VALID_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEfakefakefake\n-----END PRIVATE KEY-----\n";
export const VALID_MASTER_KEY = "sk-test-0123456789abcdefghijklmnopqrstuv";

export function rawConfig(stack: string, overrides: Record<string, unknown> = {}, secrets: Record<string, string> = {}, plaintext: string[] = []): RawStackConfig {
    const { config, secretKeys } = stackConfig(stack, overrides, secrets, plaintext);
    return rawConfigFrom("litellm-gateway", stack, config, (fullKey) => secretKeys.includes(fullKey));
}

/** The ConfigError `fn` throws; fails the test (with `expected` when nothing is thrown) when it throws nothing or something else. */
export function configError(fn: () => unknown, expected = "expected a ConfigError"): ConfigError {
    try {
        fn();
    } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        return err;
    }
    return assert.fail(expected);
}

/** The problems of the ConfigError `fn` throws; fails the test when it throws nothing or something else. */
export function configProblems(fn: () => unknown, expected?: string): ConfigProblem[] {
    return configError(fn, expected).problems;
}
