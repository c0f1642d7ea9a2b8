/**
 * Builds a whole stack under Pulumi mocks from its real stack file plus overrides, and waits until
 * every resource has registered. One call per test FILE: mocks are process-global and node:test runs
 * each file in its own process.
 */
import * as pulumi from "@pulumi/pulumi";
import { installMocks, MockRecorder, settle } from "./mocks";
import { stackConfig } from "./stack-config";
import type { DeployedStack } from "../../stacks/types";

export interface BuiltStack {
    mocks: MockRecorder;
    stack: DeployedStack;
}

export async function buildStack(stackName: string, overrides: Record<string, unknown> = {}, secrets: Record<string, string> = {}): Promise<BuiltStack> {
    const mocks = installMocks("litellm-gateway", stackName);
    const { config, secretKeys } = stackConfig(stackName, overrides, secrets);
    pulumi.runtime.setAllConfig(config, secretKeys);
    // Imported after the mocks and config are in place, as Pulumi's testing guide requires.
    const { deploy } = await import("../../program");
    const { loadSpec } = await import("../../config/load");
    const stack = deploy(loadSpec());
    await settle(stack.outputs.gatewayUrl, stack.outputs.masterKey);
    return { mocks, stack };
}
