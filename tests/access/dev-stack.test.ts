/**
 * The dev stack with teams and keys declared, under Pulumi mocks: the resource graph (teams before their
 * keys, both after the gateway, verification after both), the inputs each resource gets, and secrecy:
 * the master key and every key value stay secret in every input and output, although the mock engine
 * hands the key values back in plaintext.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { buildStack } from "../helpers/build-stack";
import { isSecretValue, MockRecorder, plaintextOccurrences, promiseOf, unwrap } from "../helpers/mocks";
import type { DeployedStack } from "../../stacks/types";

const TEAM_TYPE = "pulumi-nodejs:dynamic/access:LiteLLMTeam";
const KEY_TYPE = "pulumi-nodejs:dynamic/access:LiteLLMKey";
const ACCESS = {
    teams: [{ alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100, budgetDuration: "30d" }],
    keys: [
        { alias: "search-api", team: "search", models: ["chat"], maxBudgetUsd: 10, metadata: { owner: "search" }, rotation: "2026-11" },
        { alias: "reporting", models: ["chat-backup"], duration: "90d" },
    ],
};

describe("dev stack with access declared", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let masterKey: string;
    let keyValues: Record<string, string>;

    before(async () => {
        ({ mocks, stack } = await buildStack("dev", { access: ACCESS }));
        masterKey = await promiseOf(stack.outputs.masterKey);
        const outputs = stack.outputs.accessKeys as Record<string, pulumi.Output<string>>;
        keyValues = Object.fromEntries(await Promise.all(Object.entries(outputs).map(async ([alias, o]) => [alias, await promiseOf(o)] as const)));
        await new Promise((r) => setTimeout(r, 100));
    });

    test("one LiteLLMTeam per team and one LiteLLMKey per key, with the declared settings and the gateway's local URL", () => {
        const team = mocks.one(TEAM_TYPE);
        assert.equal(team.name, "litellm-gateway-dev-access-team-search");
        assert.deepEqual(unwrap({ ...team.inputs, __provider: undefined, masterKey: undefined }), { adminUrl: "http://127.0.0.1:4000", alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100, budgetDuration: "30d", __provider: undefined, masterKey: undefined });
        const keys = Object.fromEntries(mocks.byType(KEY_TYPE).map((k) => [k.inputs.alias, unwrap(k.inputs)]));
        assert.deepEqual(Object.keys(keys).sort(), ["reporting", "search-api"]);
        assert.equal(keys["search-api"].teamId, "team-id-litellm-gateway-dev-access-team-search", "the key names its team by the team's id");
        assert.deepEqual(keys["search-api"].metadata, { owner: "search" });
        assert.equal(keys["search-api"].rotation, "2026-11");
        assert.equal(keys.reporting.teamId, undefined);
        assert.equal(keys.reporting.duration, "90d");
    });

    test("ordering: access after the gateway, verification after access; the check gets the declarations", () => {
        const gateway = stack.components.gateway;
        const access = stack.components.access;
        assert.ok(access, "the access component exists");
        assert.deepEqual(stack.dependencies.access, [gateway]);
        assert.ok(stack.dependencies.verification.includes(access));
        const run = mocks.one("pulumi-nodejs:dynamic/verification:GatewayVerificationRun");
        assert.deepEqual(unwrap(run.inputs.access), {
            teams: [{ alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100, budgetDuration: "30d" }],
            keys: [
                { alias: "search-api", team: "search", models: ["chat"], maxBudgetUsd: 10, metadata: { owner: "search" } },
                { alias: "reporting", models: ["chat-backup"] },
            ],
        });
    });

    test("a secret stack output per key; no key value and no master key in plaintext anywhere", async () => {
        const outputs = stack.outputs.accessKeys as Record<string, pulumi.Output<string>>;
        assert.deepEqual(Object.keys(outputs).sort(), ["reporting", "search-api"]);
        for (const [alias, o] of Object.entries(outputs)) assert.equal(await pulumi.isSecret(o), true, `${alias} is a secret output`);
        assert.match(keyValues["search-api"], /^sk-mockkey-/);
        const run = mocks.one("pulumi-nodejs:dynamic/verification:GatewayVerificationRun");
        assert.ok(isSecretValue(run.inputs.accessKeys), "the verification run gets the key values as a secret");
        assert.deepEqual(unwrap(run.inputs.accessKeys), keyValues);
        for (const value of [masterKey, ...Object.values(keyValues)]) assert.deepEqual(plaintextOccurrences(mocks.resources, value), []);
        for (const r of [...mocks.byType(TEAM_TYPE), ...mocks.byType(KEY_TYPE)]) assert.ok(isSecretValue(r.inputs.masterKey), `${r.name}: the master key input is secret`);
    });
});
