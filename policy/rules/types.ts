/**
 * The shapes every rule shares. Rules are plain data plus pure functions so they can be unit-tested and
 * replayed over mock-recorded resources without the Pulumi CLI; `policies.ts` adapts them to CrossGuard.
 */
import type { AcceptedAdvisory } from "../../config/advisories";

/** Mirrors `@pulumi/policy` EnforcementLevel without importing it, so rules stay dependency-free. */
export type RuleEnforcement = "advisory" | "mandatory";

export type RuleSeverity = "low" | "medium" | "high" | "critical";

/**
 * What a rule may know beyond the resource: the stack's `gateway.acceptedAdvisories` (read from the stack config
 * Pulumi hands the pack, stackConfig.ts) and the moment acceptances are judged at.
 */
export interface RuleContext {
    acceptedAdvisories: readonly Partial<AcceptedAdvisory>[];
    now: Date;
}

/** Resource properties after `normalizeProps`: secrets unwrapped, unknowns replaced by `UNKNOWN`. */
export type Props = Record<string, unknown>;

/** A rule over one resource. `check` returns one message per violation; each message says how to fix it. */
export interface ResourceRule {
    name: string;
    description: string;
    enforcementLevel: RuleEnforcement;
    severity: RuleSeverity;
    /** The Pulumi type tokens this rule inspects; any other type is "not applicable". */
    resourceTypes: readonly string[];
    check(type: string, props: Props, context: RuleContext): string[];
}

/** The minimal view of a stack resource a stack rule needs (PolicyResource and mock records both fit). */
export interface StackResourceView {
    type: string;
    name: string;
    props: Props;
}

export interface StackContext {
    /** The stack being checked, when known (from a URN, `PULUMI_STACK`, or the caller). */
    stack?: string;
    /** Stacks treated as local development stacks (policy config `devStacks`, default `["dev"]`). */
    devStacks: readonly string[];
}

/** A rule over the whole stack. */
export interface StackRule {
    name: string;
    description: string;
    enforcementLevel: RuleEnforcement;
    severity: RuleSeverity;
    check(resources: readonly StackResourceView[], context: StackContext): string[];
}
