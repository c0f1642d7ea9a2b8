import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../config/spec";
import type { EnvVar } from "../../components/shared/docker";

/** What every optional feature's deployment hands back to the stack that composes it. */
export interface FeatureResult {
    /** Env vars the gateway needs for this feature (secret ones flagged). */
    env: EnvVar[];
    /** Resources the gateway must wait for. */
    dependsOn: pulumi.Resource[];
    /** Extra stack outputs. */
    outputs: Record<string, unknown>;
    /** Inputs the post-deploy verification needs for this feature's check. */
    verification: Record<string, pulumi.Input<unknown>>;
}

/** What a Docker feature gets from the dev stack. */
export interface DockerFeatureContext {
    spec: GatewaySpec;
    /** Name prefix for resources, e.g. `litellm-gateway-dev`. */
    prefix: string;
    /** The private network's name. */
    network: pulumi.Input<string>;
    /** Options for top-level components (explicit Docker provider). */
    opts: pulumi.ComponentResourceOptions;
}

export const NO_FEATURE: FeatureResult = { env: [], dependsOn: [], outputs: {}, verification: {} };

export function mergeFeatures(results: FeatureResult[]): FeatureResult {
    return {
        env: results.flatMap((r) => r.env),
        dependsOn: results.flatMap((r) => r.dependsOn),
        outputs: Object.assign({}, ...results.map((r) => r.outputs)),
        verification: Object.assign({}, ...results.map((r) => r.verification)),
    };
}
