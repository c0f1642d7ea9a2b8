import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../config/spec";
import type { FeatureResult } from "../../components/shared/feature-result";

export type { FeatureResult } from "../../components/shared/feature-result";

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
