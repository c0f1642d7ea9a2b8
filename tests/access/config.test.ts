/**
 * The `access` section: what a valid declaration parses to, and every mistake reported with the full key
 * path, the bad value and a specific fix.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError } from "../../config/errors";
import { consumerNamespaces, keySecretName } from "../../config/sections/access";
import { parseSpec } from "../../config/spec";
import { accessCliArgs, accessExpectation } from "../../stacks/access";
import { rawConfig, VALID_PEM } from "../helpers/raw-config";

const TEAM = { alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100, budgetDuration: "30d", rpmLimit: 600 };
const KEY = { alias: "search-api", team: "search", models: ["chat"], maxBudgetUsd: 10, duration: "90d", metadata: { owner: "search" }, rotation: "2026-11" };

function problems(stack: string, access: unknown, secrets: Record<string, string> = {}): { key: string; message: string; fix: string }[] {
    try {
        parseSpec(rawConfig(stack, { access }, secrets));
    } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
    }
    return [];
}
const oke = (access: unknown) => problems("oke", access, { ociPrivateKey: VALID_PEM });
const OKE_MODELS = { teams: [{ alias: "search", models: ["chat", "chat-backup"] }] };

describe("config: access", () => {
    test("undeclared: empty lists, nothing for the check", () => {
        const spec = parseSpec(rawConfig("dev"));
        assert.deepEqual(spec.access, { adminUrl: undefined, teams: [], keys: [] });
        assert.deepEqual(accessCliArgs(spec), []);
    });

    test("a team and a key parse as declared; the check's expectation drops what only Pulumi needs", () => {
        const spec = parseSpec(rawConfig("dev", { access: { teams: [TEAM], keys: [KEY] } }));
        assert.deepEqual(spec.access.keys[0], KEY);
        assert.deepEqual(accessExpectation(spec), {
            teams: [TEAM],
            keys: [{ alias: "search-api", team: "search", models: ["chat"], maxBudgetUsd: 10, metadata: { owner: "search" } }],
        });
        assert.deepEqual(JSON.parse(accessCliArgs(spec)[1]), accessExpectation(spec));
    });

    test("a key naming an undeclared model group, an undeclared team, or models outside its team's: each named with a fix", () => {
        const found = problems("dev", { teams: [{ alias: "search", models: ["chat"] }], keys: [{ alias: "a1", models: ["gpt-5"] }, { alias: "b1", team: "nope", models: ["chat"] }, { alias: "c1", team: "search", models: ["chat-backup"] }] });
        const at = (k: string) => found.find((p) => p.key === `litellm-gateway:access.${k}`);
        assert.match(at("keys[0].models[0]")!.message, /undeclared model group 'gpt-5'/);
        assert.match(at("keys[0].models[0]")!.fix, /chat, chat-backup/);
        assert.match(at("keys[1].team")!.message, /undeclared team 'nope'/);
        assert.match(at("keys[1].team")!.fix, /search/);
        assert.match(at("keys[2].models")!.message, /grants chat-backup, which team 'search' does not have/);
        assert.equal(found.length, 3, JSON.stringify(found));
    });

    test("shape errors name the full path, the value and the fix: alias, empty models, durations, budgets, unknown fields", () => {
        const found = problems("dev", { teams: [{ alias: "-x", models: [], budgetDuration: "monthly", maxBudgetUsd: -1, owner: "me" }] });
        const byKey = Object.fromEntries(found.map((p) => [p.key, p]));
        assert.match(byKey["litellm-gateway:access.teams[0].alias"].fix, /letters, digits/);
        assert.match(byKey["litellm-gateway:access.teams[0].models"].fix, /empty list would grant every model/);
        assert.match(byKey["litellm-gateway:access.teams[0].budgetDuration"].fix, /30d/);
        assert.match(byKey["litellm-gateway:access.teams[0].maxBudgetUsd"].message, /negative/);
        assert.ok(byKey["litellm-gateway:access.teams[0].owner"], "a misspelt field is an error");
    });

    test("duplicate aliases, and aliases that would collide as resource names, are refused", () => {
        const found = problems("dev", { keys: [{ alias: "a-b", models: ["chat"] }, { alias: "a-b", models: ["chat"] }, { alias: "A_b", models: ["chat"] }] });
        assert.ok(found.some((p) => p.key === "litellm-gateway:access.keys[1].alias" && /duplicate key alias 'a-b'/.test(p.message)));
        assert.ok(found.some((p) => p.key === "litellm-gateway:access.keys[2].alias" && /share a name/.test(p.message)));
    });

    test("dev: no Secret delivery and no adminUrl; oke: adminUrl required, Secret delivery allowed, not for an imported key", () => {
        const dev = problems("dev", { adminUrl: "http://127.0.0.1:4000", keys: [{ ...KEY, team: undefined, secret: { namespace: "apps" } }] });
        assert.ok(dev.some((p) => p.key === "litellm-gateway:access.adminUrl" && /only used on oke/.test(p.message)));
        assert.ok(dev.some((p) => p.key === "litellm-gateway:access.keys[0].secret" && /only exists on the oke target/.test(p.message)));

        const noUrl = oke({ ...OKE_MODELS });
        assert.equal(noUrl.length, 1);
        assert.equal(noUrl[0].key, "litellm-gateway:access.adminUrl");
        assert.match(noUrl[0].fix, /kubectl port-forward/);

        const imported = oke({ ...OKE_MODELS, adminUrl: "http://127.0.0.1:4000", keys: [{ alias: "old", models: ["chat"], import: true, secret: { namespace: "apps" } }] });
        assert.match(imported.find((p) => p.key === "litellm-gateway:access.keys[0].secret")!.message, /cannot be delivered: LiteLLM stores only its hash/);

        const fine = oke({ ...OKE_MODELS, adminUrl: "http://127.0.0.1:4000", keys: [{ alias: "search-api", team: "search", models: ["chat"], secret: { namespace: "apps" } }] });
        assert.deepEqual(fine, []);
    });

    test("Secret names: default from the alias, unique per namespace; consumer namespaces are listed once", () => {
        assert.equal(keySecretName({ alias: "Search_API/v2" }), "litellm-key-search-api-v2");
        assert.equal(keySecretName({ alias: "x1", secret: { namespace: "apps", name: "mine" } }), "mine");
        const clash = oke({ adminUrl: "http://127.0.0.1:4000", keys: [{ alias: "a1", models: ["chat"], secret: { namespace: "apps", name: "same" } }, { alias: "b1", models: ["chat"], secret: { namespace: "apps", name: "same" } }] });
        assert.ok(clash.some((p) => /same Secret/.test(p.message)), JSON.stringify(clash));
        assert.deepEqual(consumerNamespaces({ teams: [], keys: [{ alias: "a1", models: ["chat"], secret: { namespace: "b" } }, { alias: "b1", models: ["chat"], secret: { namespace: "a" } }, { alias: "c1", models: ["chat"], secret: { namespace: "b" } }] }), ["a", "b"]);
    });
});
