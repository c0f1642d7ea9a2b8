/**
 * Runs every rule over a plain list of resources, without the Pulumi CLI or the policy server. Stack
 * tests feed it the resources the mocks recorded (`tests/helpers/mocks.ts` RecordedResource: `inputs` may
 * hold secret wrappers) to prove the real `dev` and `oke` stacks pass every mandatory rule.
 *
 * Pure: no I/O, no environment reads; the stack name comes from `options.stack` or the resources' URNs.
 */
import { RESOURCE_RULES, STACK_RULES } from "./rules/catalog";
import { normalizeProps } from "./rules/props";
import type { Props, RuleContext, RuleEnforcement, RuleSeverity, StackResourceView } from "./rules/types";
import { DEFAULT_DEV_STACKS, stackFromUrn } from "./rules/verificationEnabled";

/** A resource as the mocks record it (`inputs`) or as a policy sees it (`props`); `urn` is optional. */
export interface PolicyInputResource {
    type: string;
    name: string;
    inputs?: Record<string, unknown>;
    props?: Record<string, unknown>;
    urn?: string;
}

export interface PolicyViolation {
    policyName: string;
    enforcementLevel: RuleEnforcement;
    severity: RuleSeverity;
    /** Absent for stack-level violations. */
    resourceType?: string;
    resourceName?: string;
    message: string;
}

export interface EvaluateOptions {
    /** The stack under test (e.g. "dev", "oke"); otherwise taken from a resource URN. */
    stack?: string;
    /** Stacks exempt from the stack-level verification rule; default `["dev"]`. */
    devStacks?: readonly string[];
    /** The stack's `gateway.acceptedAdvisories` (the pack reads them from the stack config); default none. */
    acceptedAdvisories?: RuleContext["acceptedAdvisories"];
    /** When acceptances are judged; default now. */
    now?: Date;
}

export function evaluatePolicies(resources: readonly PolicyInputResource[], options: EvaluateOptions = {}): PolicyViolation[] {
    const views: StackResourceView[] = resources.map((r) => ({
        type: r.type,
        name: r.name,
        props: (normalizeProps(r.props ?? r.inputs ?? {}) ?? {}) as Props,
    }));
    const violations: PolicyViolation[] = [];
    const context: RuleContext = { acceptedAdvisories: options.acceptedAdvisories ?? [], now: options.now ?? new Date() };
    for (const view of views) {
        for (const rule of RESOURCE_RULES) {
            if (!rule.resourceTypes.includes(view.type)) continue;
            for (const message of rule.check(view.type, view.props, context)) {
                violations.push({ policyName: rule.name, enforcementLevel: rule.enforcementLevel, severity: rule.severity, resourceType: view.type, resourceName: view.name, message });
            }
        }
    }
    const stack = options.stack ?? resources.map((r) => stackFromUrn(r.urn)).find((s) => s !== undefined);
    for (const rule of STACK_RULES) {
        for (const message of rule.check(views, { stack, devStacks: options.devStacks ?? DEFAULT_DEV_STACKS })) {
            violations.push({ policyName: rule.name, enforcementLevel: rule.enforcementLevel, severity: rule.severity, message });
        }
    }
    return violations;
}

export function mandatoryViolations(violations: readonly PolicyViolation[]): PolicyViolation[] {
    return violations.filter((v) => v.enforcementLevel === "mandatory");
}

/** One line per violation, for assertion messages. */
export function formatViolations(violations: readonly PolicyViolation[]): string {
    return violations
        .map((v) => `[${v.enforcementLevel}] ${v.policyName}${v.resourceName ? ` on ${v.resourceType} "${v.resourceName}"` : ""}: ${v.message}`)
        .join("\n");
}
