/** verification.enabled: false removes the checks entirely (no run resource, no report output). */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import type { DeployedStack } from "../../stacks/types";

describe("dev stack with verification off", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    before(async () => {
        ({ mocks, stack } = await buildStack("dev", { verification: { enabled: false } }));
    });

    test("no verification resources and no report output, the rest of the stack unchanged", () => {
        assert.ok(mocks.byType("docker:index/container:Container").length >= 3);
        assert.deepEqual(mocks.resources.filter((r) => /verification/i.test(r.type)), []);
        assert.equal("verificationReport" in stack.outputs, false);
    });
});
