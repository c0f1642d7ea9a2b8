/**
 * The `access` worked examples (README and docs/access.md) are config a reader copies into `Pulumi.oke.yaml`:
 * each must pass the config rules as written, and the consumer app must read a Secret the stack writes, by
 * the data keys it writes.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { DELIVERED_KEYS } from "../../components/access/key-secrets";
import { ConfigError } from "../../config/errors";
import { consumerNamespaces, keySecretName } from "../../config/sections/access";
import { parseSpec } from "../../config/spec";
import { rawConfig, VALID_PEM } from "../helpers/raw-config";
import { REPO_ROOT } from "../helpers/stack-config";

const ACCESS_KEY = "litellm-gateway:access";

/** What is wrong with the first worked example in `markdown`: config problems, or a consumer reading what the stack never writes. */
function exampleProblems(markdown: string): string[] {
    const block = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].find((m) => m[1].includes(`${ACCESS_KEY}:`));
    if (!block) return [`no yaml block declaring ${ACCESS_KEY}`];
    let access;
    try {
        access = parseSpec(rawConfig("oke", { access: (parse(block[1]) as Record<string, unknown>)[ACCESS_KEY] }, { ociPrivateKey: VALID_PEM })).access;
    } catch (err) {
        if (err instanceof ConfigError) return err.problems.map((p) => `${p.key}: ${p.message}`);
        throw err;
    }
    const problems: string[] = [];
    if (access.teams.length !== 1 || access.keys.length !== 2) problems.push("not a team with two keys");
    if (!access.keys.every((k) => k.team === access.teams[0]?.alias && k.secret)) problems.push("a key outside the team, or not delivered as a Secret");
    if (consumerNamespaces(access).length !== 1) problems.push("not one consumer namespace");
    const written = access.keys.map(keySecretName);
    const prose = markdown.slice(block.index + block[0].length);
    const read = [...prose.matchAll(/secretRef: \{name: ([a-z0-9.-]+)\}/g)].map((m) => m[1]);
    if (read.length === 0) problems.push("no consumer envFrom shown");
    for (const name of read) if (!written.includes(name)) problems.push(`the consumer reads Secret ${name}; the stack writes ${written.join(", ")}`);
    for (const dataKey of Object.values(DELIVERED_KEYS)) if (!prose.includes(dataKey)) problems.push(`${dataKey} is not named`);
    return problems;
}

const read = (doc: string) => fs.readFileSync(path.join(REPO_ROOT, doc), "utf8");

describe("the access worked examples", () => {
    for (const doc of ["README.md", "docs/access.md"]) {
        test(`${doc}: a team and two keys that pass the config rules on oke; the consumer reads a Secret the stack writes`, () => {
            assert.deepEqual(exampleProblems(read(doc)), []);
        });
    }

    test("a broken example is caught: an undeclared model, a Secret the stack does not write, a data key not named", () => {
        const readme = read("README.md");
        const unknownModel = exampleProblems(readme.replace("models: [chat], maxBudgetUsd: 50", "models: [gpt-9], maxBudgetUsd: 50"));
        assert.ok(unknownModel.some((p) => p.startsWith("litellm-gateway:access.keys[0].models") && p.includes("gpt-9")), unknownModel.join("\n"));
        assert.deepEqual(exampleProblems(readme.replace("{name: litellm-key-search-api}}]", "{name: search-api-key}}]")), [
            "the consumer reads Secret search-api-key; the stack writes litellm-key-search-api, litellm-key-search-batch",
        ]);
        assert.deepEqual(exampleProblems(readme.replace("`LITELLM_BASE_URL`) in `search`", "the gateway URL) in `search`")), ["LITELLM_BASE_URL is not named"]);
    });
});
