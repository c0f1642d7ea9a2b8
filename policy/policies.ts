/**
 * The rules as CrossGuard policy objects. Kept apart from `index.ts` because `new PolicyPack` starts a gRPC
 * server: tests import this module (types only from @pulumi/policy) and drive the wrappers with fake args.
 */
// "/policy" subpath: see index.ts for why the package root's typings cannot be imported.
import type { Policies, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy/policy";
import { RESOURCE_RULES, STACK_RULES } from "./rules/catalog";
import { normalizeProps } from "./rules/props";
import { ruleContextFromEnv } from "./rules/stackConfig";
import type { Props, ResourceRule, StackRule } from "./rules/types";
import { DEFAULT_DEV_STACKS, stackFromUrn } from "./rules/verificationEnabled";

function plainProps(props: unknown): Props {
    return (normalizeProps(props) ?? {}) as Props;
}

export function toResourceValidationPolicy(rule: ResourceRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!rule.resourceTypes.includes(args.type)) {
                args.notApplicable(`${rule.name} only inspects ${rule.resourceTypes.join(", ")}`);
            }
            for (const message of rule.check(args.type, plainProps(args.props), ruleContextFromEnv(process.env))) reportViolation(message);
        },
    };
}

export interface StackRuleConfig {
    devStacks?: string[];
}

/**
 * The stack name: StackValidationArgs has none in @pulumi/policy 1.21, but every URN embeds it; the
 * `PULUMI_STACK` environment variable is the fallback for an empty stack.
 */
export function stackNameOf(args: Pick<StackValidationArgs, "resources">, env: Record<string, string | undefined> = process.env): string | undefined {
    return args.resources.map((r) => stackFromUrn(r.urn)).find((s) => s !== undefined) ?? (env.PULUMI_STACK || undefined);
}

export function toStackValidationPolicy(rule: StackRule): StackValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        configSchema: {
            properties: {
                devStacks: {
                    type: "array",
                    items: { type: "string" },
                    default: [...DEFAULT_DEV_STACKS],
                    description: "Stacks treated as local development stacks, exempt from this rule.",
                },
            },
        },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const devStacks = args.getConfig<StackRuleConfig>().devStacks ?? [...DEFAULT_DEV_STACKS];
            const stack = stackNameOf(args);
            if (stack === undefined) args.notApplicable("the stack name is unknown (no URNs and no PULUMI_STACK)");
            if (devStacks.includes(stack)) args.notApplicable(`"${stack}" is a development stack (devStacks)`);
            const views = args.resources.map((r) => ({ type: r.type, name: r.name, props: plainProps(r.props) }));
            for (const message of rule.check(views, { stack, devStacks })) reportViolation(message);
        },
    };
}

export const policies: Policies = [...RESOURCE_RULES.map(toResourceValidationPolicy), ...STACK_RULES.map(toStackValidationPolicy)];
