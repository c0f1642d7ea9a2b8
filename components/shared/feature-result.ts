/**
 * What every optional feature's deployment (cache, guardrails, observability) hands back to the stack that
 * composes it. Here, below stacks/, because components/ extends it (components/k8s/features.ts) and
 * components/ never imports from stacks/; stacks/features/types.ts re-exports it for the features.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EnvVar } from "./docker";

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
