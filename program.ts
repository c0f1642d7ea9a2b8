/**
 * The program: validate the stack config once, then deploy the target's stack. Invalid config
 * throws in loadSpec, before any resource is registered.
 */
import { loadSpec } from "./config/load";
import type { GatewaySpec } from "./config/spec";
import { deployDocker } from "./stacks/docker";
import { deployOke } from "./stacks/oke";
import type { DeployedStack, StackOutputs } from "./stacks/types";

export function deploy(spec: GatewaySpec): DeployedStack {
    switch (spec.target) {
        case "docker":
            return deployDocker(spec);
        case "oke":
            return deployOke(spec);
    }
}

export function program(): StackOutputs {
    return deploy(loadSpec()).outputs;
}
