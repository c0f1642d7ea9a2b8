/**
 * The extension point for optional features on `oke` (cache, guardrails, observability). A feature's
 * oke side is a function `(ctx: OkeFeatureContext) => OkeFeatureResult`, listed in stacks/oke.ts; the
 * stack wires what it returns:
 * - `env`: gateway env vars; secret ones are stored in the `<release>-env` Secret and read via secretKeyRef;
 * - `dependsOn`: resources the Helm release waits for;
 * - `backends`: in-cluster services only the gateway may reach (a NetworkPolicy each);
 * - `verification`: check inputs, turned into CLI flags for the verification Job (verificationFlags);
 * - `verifyEnv`: env for the verification Job (use secretKeyRef for secrets: the Job never gets plain ones);
 * - `verifyEgress`: where the verification Job may connect besides the gateway and DNS (e.g. Langfuse).
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../config/spec";
import type { OkeSettings } from "../../config/sections/oke";
import type { FeatureResult } from "../shared/feature-result";
import type { BackendArgs, EgressRule } from "./network-policy";

export interface OkeFeatureContext {
    spec: GatewaySpec;
    oke: OkeSettings;
    /** Name prefix for resources, e.g. `litellm-gateway-oke`. */
    prefix: string;
    namespace: pulumi.Input<string>;
    /** Options for Kubernetes components: the explicit provider, and the namespace as a dependency. */
    opts: pulumi.ComponentResourceOptions;
    /** Options for OCI components (OCI Cache): the explicit OCI provider, when one exists. */
    ociOpts: pulumi.ComponentResourceOptions;
    /** Labels of the gateway's pods (for a feature's own NetworkPolicies). */
    gatewaySelector: Record<string, string>;
}

export interface OkeFeatureResult extends FeatureResult {
    backends: BackendArgs[];
    verifyEnv: k8s.types.input.core.v1.EnvVar[];
    verifyEgress: EgressRule[];
    /** Destinations the gateway itself must reach (e.g. an OTLP endpoint), for a gateway egress policy. Default none. */
    gatewayEgress?: EgressRule[];
}

export const NO_OKE_FEATURE: OkeFeatureResult = { env: [], dependsOn: [], outputs: {}, verification: {}, backends: [], verifyEnv: [], verifyEgress: [] };

export function mergeOkeFeatures(results: OkeFeatureResult[]): OkeFeatureResult {
    return {
        env: results.flatMap((r) => r.env),
        dependsOn: results.flatMap((r) => r.dependsOn),
        outputs: Object.assign({}, ...results.map((r) => r.outputs)),
        verification: Object.assign({}, ...results.map((r) => r.verification)),
        backends: results.flatMap((r) => r.backends),
        verifyEnv: results.flatMap((r) => r.verifyEnv),
        verifyEgress: results.flatMap((r) => r.verifyEgress),
        gatewayEgress: results.flatMap((r) => r.gatewayEgress ?? []),
    };
}

/**
 * Check inputs as CLI flags: `expectCache: true` -> `--expect-cache`, `guardrail: "x"` -> `--guardrail x`.
 * Only plain booleans, strings and numbers known at program time; secrets (Langfuse keys) belong in
 * `verifyEnv` with a secretKeyRef, never in argv.
 */
export function verificationFlags(verification: Record<string, unknown>): string[] {
    const flags: string[] = [];
    for (const [key, value] of Object.entries(verification).sort(([a], [b]) => a.localeCompare(b))) {
        const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        if (value === true) flags.push(flag);
        else if (value === false || value === undefined) continue;
        else if (typeof value === "string" || typeof value === "number") flags.push(flag, String(value));
        else throw new Error(`verificationFlags: '${key}' is not a plain value; pass it to the verification Job through verifyEnv (secretKeyRef for secrets)`);
    }
    return flags;
}
