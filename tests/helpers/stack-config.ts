/**
 * Builds the config map Pulumi would hand the program for a stack: Pulumi.yaml defaults overlaid
 * by Pulumi.<stack>.yaml, plus test overrides. `secure:` values cannot be decrypted without the
 * CLI, so tests pass secrets explicitly through `secrets`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const PROJECT = "litellm-gateway";

export interface StackConfig {
    config: Record<string, string>;
    secretKeys: string[];
}

const asConfigString = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

export function projectDefaults(): Record<string, unknown> {
    const project = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> };
    return Object.fromEntries(Object.entries(project.config).filter(([, d]) => d.default !== undefined).map(([k, d]) => [k, d.default]));
}

export function stackFile(stack: string): Record<string, unknown> {
    const file = parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    return file.config ?? {};
}

/**
 * @param overrides plain values by short key (`gateway`, `target`, ...); `undefined` removes a key.
 * @param secrets secret values by short key; `plaintext` lists secret keys to pass WITHOUT the secret flag.
 */
export function stackConfig(stack: string, overrides: Record<string, unknown> = {}, secrets: Record<string, string> = {}, plaintext: string[] = []): StackConfig {
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(projectDefaults())) merged[`${PROJECT}:${k}`] = v;
    for (const [k, v] of Object.entries(stackFile(stack))) {
        if (v && typeof v === "object" && "secure" in (v as object)) continue;
        merged[k] = v;
    }
    for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete merged[`${PROJECT}:${k}`];
        else merged[`${PROJECT}:${k}`] = v;
    }
    for (const [k, v] of Object.entries(secrets)) merged[`${PROJECT}:${k}`] = v;
    const config = Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, asConfigString(v)]));
    const secretKeys = Object.keys(secrets).filter((k) => !plaintext.includes(k)).map((k) => `${PROJECT}:${k}`);
    return { config, secretKeys };
}
