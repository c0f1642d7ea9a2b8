import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../config/spec";

/** Stack outputs: gatewayUrl, masterKey (secret), models, plus per-feature extras. */
export interface StackOutputs {
    gatewayUrl: pulumi.Output<string>;
    /** Secret. */
    masterKey: pulumi.Output<string>;
    models: string[];
    [extra: string]: unknown;
}

/** A deployed stack: its outputs, plus its top-level components and ordering, for tests and composition. */
export interface DeployedStack {
    outputs: StackOutputs;
    components: Record<string, pulumi.Resource>;
    /** Explicit `dependsOn` lists by component, so tests can assert the ordering wires. */
    dependencies: Record<string, pulumi.Resource[]>;
}

/** The outputs every target shares: where the gateway is, its admin key (secret), the model groups it serves. */
export function gatewayOutputs(spec: GatewaySpec, gatewayUrl: pulumi.Output<string>, masterKey: pulumi.Output<string>): StackOutputs {
    return { gatewayUrl, masterKey, models: spec.models.map((m) => m.name).sort() };
}
