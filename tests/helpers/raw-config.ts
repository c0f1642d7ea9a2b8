/** Builds RawStackConfig for pure parseSpec tests, from the real Pulumi.yaml defaults + a stack file. */
import type { RawStackConfig } from "../../config/spec";
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
