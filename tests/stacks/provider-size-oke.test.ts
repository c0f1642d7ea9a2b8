/**
 * The oke stack's dynamic resources stay small in the state: each LiteLLMTeam and LiteLLMKey stores at
 * most 20 KB of inputs, the serialized provider included (the verification runs as a Job on oke, not as
 * a dynamic resource). Measured on the real graph under mocks; sizes are printed as a benchmark.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { MockRecorder } from "../helpers/mocks";
import { dynamicSizes, overBudget, sizeReport } from "../helpers/provider-size";
import { buildOkeFeatureStack } from "../oke/features-support";

const ACCESS = {
    adminUrl: "http://127.0.0.1:14000",
    teams: [{ alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100 }],
    keys: [
        { alias: "search-api", team: "search", models: ["chat"], secret: { namespace: "search" } },
        { alias: "ops-tool", models: ["chat"] },
    ],
};

describe("oke stack: dynamic resources within their state budget", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildOkeFeatureStack({ access: ACCESS }));
        await new Promise((r) => setTimeout(r, 100));
    });

    test("every team and key is within budget", (t) => {
        const sizes = dynamicSizes(mocks.resources);
        for (const line of sizeReport(sizes).split("\n")) t.diagnostic(`benchmark: serialized on oke: ${line}`);
        assert.deepEqual(sizes.map((s) => s.type.split(":").pop()).sort(), ["LiteLLMKey", "LiteLLMKey", "LiteLLMTeam"]);
        assert.ok(sizes.every((s) => s.providerBytes > 1000), "every one carries its provider");
        assert.deepEqual(overBudget(sizes), []);
    });
});
