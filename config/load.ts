/**
 * Reads this project's stack config from Pulumi and hands it to parseSpec. The only module that
 * touches `pulumi.Config`: components receive the typed spec and never read config themselves.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./errors";
import { SECRET_KEYS, SecretKey } from "./keys";
import { GatewaySpec, parseSpec, RawStackConfig, SECTION_NAMES } from "./spec";

/** Keys whose value is a plain string rather than JSON. */
const STRING_SECTIONS = new Set(["target"]);

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

export function readRawConfig(project: string, stack: string): RawStackConfig {
    const prefix = `${project}:`;
    const all = pulumi.runtime.allConfig();
    const values: Record<string, unknown> = {};
    const secrets: RawStackConfig["secrets"] = {};
    const unknownKeys: string[] = [];
    const problems: { key: string; message: string; fix: string }[] = [];
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(prefix)) continue;
        const key = fullKey.slice(prefix.length);
        if ((SECRET_KEYS as readonly string[]).includes(key)) {
            secrets[key as SecretKey] = { value: text, isSecret: isConfigSecret(fullKey) };
        } else if ((SECTION_NAMES as string[]).includes(key)) {
            if (STRING_SECTIONS.has(key)) values[key] = text;
            else {
                try {
                    values[key] = JSON.parse(text);
                } catch {
                    problems.push({ key: fullKey, message: "is not a structured value", fix: `set it as a YAML object/list in Pulumi.${stack}.yaml, or with \`pulumi config set --path ${key}.<field> <value>\`` });
                }
            }
        } else unknownKeys.push(key);
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return { project, stack, values, secrets, unknownKeys };
}

/** Reads and validates the current stack's config. Throws ConfigError before any resource exists. */
export function loadSpec(): GatewaySpec {
    return parseSpec(readRawConfig(pulumi.getProject(), pulumi.getStack()));
}
