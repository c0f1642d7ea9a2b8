/**
 * Stack rule (advisory): a non-dev stack runs the post-deploy verification. Without it, `pulumi up` can
 * report success for a gateway that answers nothing, which is exactly what this project exists to prevent.
 *
 * Verification shows up as either
 * - a dynamic resource (`pulumi-nodejs:dynamic:Resource`) whose props carry `suite: "litellm-gateway-verification"`, or
 * - a `kubernetes:batch/v1:Job` labelled `app.kubernetes.io/component: verification`.
 *
 * StackValidationArgs (@pulumi/policy 1.21) carries no stack name, so the name comes from the resource
 * URNs (`urn:pulumi:<stack>::<project>::...`), then `PULUMI_STACK`; which stacks count as "dev" comes from
 * the policy config `devStacks` (default `["dev"]`).
 */
import { asRecord, asString, dig } from "./props";
import { DYNAMIC_RESOURCE, K8S_JOB } from "./resourceTypes";
import type { StackContext, StackResourceView, StackRule } from "./types";

export const VERIFICATION_SUITE = "litellm-gateway-verification";
export const DEFAULT_DEV_STACKS: readonly string[] = ["dev"];

function isVerification(resource: StackResourceView): boolean {
    if (resource.type === DYNAMIC_RESOURCE) return asString(resource.props.suite) === VERIFICATION_SUITE;
    if (resource.type !== K8S_JOB) return false;
    const labelled = (labels: unknown) => asString(asRecord(labels)?.["app.kubernetes.io/component"]) === "verification";
    return labelled(dig(resource.props, "metadata", "labels")) || labelled(dig(resource.props, "spec", "template", "metadata", "labels"));
}

/** The stack name inside a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`), if it is one. */
export function stackFromUrn(urn: string | undefined): string | undefined {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn ?? "");
    return match ? match[1] : undefined;
}

export function checkVerificationEnabled(resources: readonly StackResourceView[], context: StackContext): string[] {
    // Unknown stack or a dev stack: nothing to demand (callers report "not applicable").
    if (context.stack === undefined || context.devStacks.includes(context.stack)) return [];
    if (resources.some(isVerification)) return [];
    return [
        `Stack "${context.stack}" deploys no post-deploy verification, so a broken gateway would still report success. ` +
            "Fix: enable verification in the stack config (the in-cluster verification Job labelled " +
            `\`app.kubernetes.io/component: verification\`, or the "${VERIFICATION_SUITE}" dynamic resources), ` +
            "or list the stack in this policy's `devStacks` config if it is a throwaway development stack.",
    ];
}

export const verificationEnabledRule: StackRule = {
    name: "verification-enabled",
    description: "Non-dev stacks deploy the post-deploy verification (dynamic resources or the in-cluster Job).",
    enforcementLevel: "advisory",
    severity: "medium",
    check: checkVerificationEnabled,
};
