/** verification.enabled: false removes the checks entirely (no run resource, no report output). */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, MockRecorder, settle } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";
import type { DeployedStack } from "../../stacks/types";

describe("dev stack with verification off", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    before(async () => {
        mocks = installMocks("litellm-gateway", "dev");
        const { config, secretKeys } = stackConfig("dev", { verification: { enabled: false } });
        pulumi.runtime.setAllConfig(config, secretKeys);
        const { deploy } = await import("../../program");
        const { loadSpec } = await import("../../config/load");
        stack = deploy(loadSpec());
        await settle(stack.outputs.gatewayUrl);
    });

    test("no verification resources and no report output, the rest of the stack unchanged", () => {
        assert.ok(mocks.byType("docker:index/container:Container").length >= 3);
        assert.deepEqual(mocks.resources.filter((r) => /verification/i.test(r.type)), []);
        assert.equal("verificationReport" in stack.outputs, false);
    });
});
