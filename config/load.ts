/**
 * Reads this project's stack config from Pulumi and hands it to parseSpec. The only module that
 * touches `pulumi.Config`: components receive the typed spec and never read config themselves.
 */
import * as pulumi from "@pulumi/pulumi";
import { SECRET_KEYS, SecretKey } from "./keys";
import { GatewaySpec, parseSpec, RawStackConfig, SECTION_NAMES } from "./spec";

/**
 * Whether a config key was set with `--secret`. The Node SDK tracks this (PULUMI_CONFIG_SECRET_KEYS)
 * but only exposes it internally, so reach it defensively and fail loudly if the SDK ever drops it:
 * a silent `true` would let a plaintext secret through.
 */
function isConfigSecret(fullKey: string): boolean {
    const fn = (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret;
    if (typeof fn !== "function") throw new Error("@pulumi/pulumi no longer exposes runtime.isConfigSecret; cannot verify that secrets are encrypted");
    return fn(fullKey);
}

/**
 * A top-level value: Pulumi hands structured values over as JSON text and plain ones as the text itself.
 * Text that is not JSON stays text, so the schema reports it with its value (e.g. `gateway` set to
 * `port=8080` without --path) rather than a parse error without one.
 */
function parseConfigText(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * Sorts the config Pulumi hands over (`all`, by full key) into RawStackConfig: this project's keys only, secrets
 * apart, structured values parsed, unknown keys kept for their own problem. `isSecret` says whether a full key
 * was set with `--secret`. Pure, so tests build the same RawStackConfig from a stack file.
 */
export function rawConfigFrom(project: string, stack: string, all: Record<string, string>, isSecret: (fullKey: string) => boolean): RawStackConfig {
    const prefix = `${project}:`;
    const secretValues: string[] = [];
    const raw: RawStackConfig = { project, stack, values: {}, secretValues, secrets: {}, unknownKeys: [] };
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(prefix)) continue;
        const key = fullKey.slice(prefix.length);
        if ((SECRET_KEYS as readonly string[]).includes(key)) {
            raw.secrets[key as SecretKey] = { value: text, isSecret: isSecret(fullKey) };
        } else if ((SECTION_NAMES as string[]).includes(key)) {
            raw.values[key] = key === "target" ? text : parseConfigText(text);
            if (isSecret(fullKey)) secretValues.push(key);
        } else raw.unknownKeys.push({ key, value: text, isSecret: isSecret(fullKey) });
    }
    return raw;
}

export function readRawConfig(project: string, stack: string): RawStackConfig {
    return rawConfigFrom(project, stack, pulumi.runtime.allConfig(), isConfigSecret);
}

/** Reads and validates the current stack's config. Throws ConfigError before any resource exists. */
export function loadSpec(): GatewaySpec {
    return parseSpec(readRawConfig(pulumi.getProject(), pulumi.getStack()));
}
