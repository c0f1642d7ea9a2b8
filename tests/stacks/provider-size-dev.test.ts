/**
 * The dev stack's dynamic resources stay small in the state: each LiteLLMTeam and LiteLLMKey stores at
 * most 20 KB of inputs (the serialized provider included), the verification run at most 50 KB, measured
 * on the real graph under mocks with teams and keys declared. Sizes are printed as a benchmark.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { buildStack } from "../helpers/build-stack";
import type { MockRecorder } from "../helpers/mocks";
import { dynamicSizes, overBudget, sizeReport } from "../helpers/provider-size";

const ACCESS = {
    teams: [{ alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100, budgetDuration: "30d" }],
    keys: [
        { alias: "search-api", team: "search", models: ["chat"], maxBudgetUsd: 10, metadata: { owner: "search" }, rotation: "2026-11" },
        { alias: "reporting", models: ["chat-backup"], duration: "90d" },
    ],
};

describe("dev stack: dynamic resources within their state budget", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildStack("dev", { access: ACCESS }));
        await new Promise((r) => setTimeout(r, 100));
    });

    test("every team, key and the verification run is within budget", (t) => {
        const sizes = dynamicSizes(mocks.resources);
        for (const line of sizeReport(sizes).split("\n")) t.diagnostic(`benchmark: serialized on dev: ${line}`);
        assert.deepEqual(sizes.map((s) => s.type.split(":").pop()).sort(), ["GatewayVerificationRun", "LiteLLMKey", "LiteLLMKey", "LiteLLMTeam"]);
        assert.ok(sizes.every((s) => s.providerBytes > 1000), "every one carries its provider");
        assert.deepEqual(overBudget(sizes), []);
    });

    test("control: a resource over budget, or of a type without one, is reported", () => {
        const big = { type: "pulumi-nodejs:dynamic/access:LiteLLMKey", name: "k", providerBytes: 317_258, inputBytes: 317_900 };
        const unknown = { type: "pulumi-nodejs:dynamic/other:Thing", name: "x", providerBytes: 10, inputBytes: 20 };
        assert.deepEqual(overBudget([big, unknown]), ["k: 317900 bytes of inputs (provider 317258) > 20480", "x: pulumi-nodejs:dynamic/other:Thing has no size budget (add it to DYNAMIC_INPUT_BUDGET)"]);
    });
});
