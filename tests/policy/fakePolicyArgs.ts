/**
 * Fake CrossGuard arguments, so the policy wrappers run without the CLI or the policy server
 * (pulumi.md §4 "Unit-testing policies without the CLI", updated for @pulumi/policy 1.21: `stackTags`,
 * `notApplicable`, and an `isType` that compares the class's `__pulumiType` with the resource type).
 */
import type {
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy/policy";

export class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(`not applicable: ${reason ?? ""}`);
    }
}

export interface PolicyRun {
    violations: string[];
    /** Set when the policy called `args.notApplicable(reason)`. */
    notApplicable?: string;
}

const OPTS = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};

function isTypeOf(type: string) {
    return (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === type;
}

export function urnOf(stack: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::litellm-gateway::${type}::${name}`;
}

export function fakeResourceArgs(type: string, props: Record<string, unknown>, options: { name?: string; stack?: string; config?: object } = {}): ResourceValidationArgs {
    const name = options.name ?? "test-resource";
    const isType = isTypeOf(type);
    return {
        type,
        props,
        urn: urnOf(options.stack ?? "dev", type, name),
        name,
        opts: OPTS,
        stackTags: new Map<string, string>(),
        isType,
        asType: ((cls: unknown) => (isType(cls) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => (options.config ?? {}) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

export function fakePolicyResource(stack: string, type: string, name: string, props: Record<string, unknown>): PolicyResource {
    const isType = isTypeOf(type);
    return {
        type,
        props,
        urn: urnOf(stack, type, name),
        name,
        opts: OPTS,
        dependencies: [],
        propertyDependencies: {},
        isType,
        asType: ((cls: unknown) => (isType(cls) ? props : undefined)) as PolicyResource["asType"],
    };
}

export function fakeStackArgs(resources: PolicyResource[], config: object = {}): StackValidationArgs {
    return {
        resources,
        stackTags: new Map<string, string>(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

async function collect(run: (report: ReportViolation) => Promise<void> | void): Promise<PolicyRun> {
    const violations: string[] = [];
    try {
        await run((message) => violations.push(message));
    } catch (e) {
        if (e instanceof NotApplicable) return { violations, notApplicable: e.reason ?? "" };
        throw e;
    }
    return { violations };
}

export function runResourcePolicy(policy: ResourceValidationPolicy, args: ResourceValidationArgs): Promise<PolicyRun> {
    const validations = policy.validateResource === undefined ? [] : Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    return collect(async (report) => {
        for (const validate of validations) await validate(args, report);
    });
}

export function runStackPolicy(policy: StackValidationPolicy, args: StackValidationArgs): Promise<PolicyRun> {
    return collect((report) => policy.validateStack(args, report));
}
