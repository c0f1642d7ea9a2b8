/**
 * Pulumi mocks for stack tests: records every registered resource so tests can assert on types,
 * names, inputs, providers and secretness. Call `installMocks` BEFORE importing program code.
 *
 * The engine is absent under mocks, so two engine behaviours are reproduced here on purpose:
 * - `RandomPassword.result` is returned as a secret (the real SDK marks it via additionalSecretOutputs);
 * - provider-computed outputs (image ids, network names) get stable fake values.
 */
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    provider?: string;
    custom?: boolean;
    /** URNs the SDK sent as this resource's dependencies (dependsOn, parents' dependsOn, and inputs' resources). */
    dependencies: string[];
}

export interface MockRecorder {
    resources: RecordedResource[];
    calls: pulumi.runtime.MockCallArgs[];
    byType(type: string): RecordedResource[];
    one(type: string, nameSuffix?: string): RecordedResource;
}

/** The sentinel wrapping secret values in mock inputs (pulumi SDK rpc.ts `specialSigKey`/`specialSecretSig`). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(v: unknown): boolean {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** Recursively strips the secret wrappers, leaving the plain values. */
export function unwrap(v: unknown): any {
    if (isSecretValue(v)) return unwrap((v as { value: unknown }).value);
    if (Array.isArray(v)) return v.map(unwrap);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
    return v;
}

/** Fake state for provider-computed outputs, by resource type. */
function computedOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    switch (args.type) {
        case "random:index/randomPassword:RandomPassword":
            return { result: pulumi.secret(`pw${args.name.replace(/[^A-Za-z0-9]/g, "").slice(-20)}0123456789abcdef`) };
        case "random:index/randomId:RandomId":
            return { hex: "00c0ffee", b64Url: "AMD_7g", dec: "12648430" };
        case "docker:index/remoteImage:RemoteImage":
            return { imageId: `sha256:${"0".repeat(60)}${args.name.length.toString().padStart(4, "0")}`, repoDigest: `${args.inputs.name}@sha256:${"a".repeat(64)}` };
        case "docker:index/network:Network":
            return { name: args.inputs.name ?? args.name };
        case "pulumi-nodejs:dynamic/access:LiteLLMTeam":
            return { teamId: `team-id-${args.name}`, imported: false };
        // Deliberately NOT wrapped as a secret: tests prove the program keeps the key secret on its own.
        case "pulumi-nodejs:dynamic/access:LiteLLMKey":
            return { key: `sk-mockkey-${args.name.replace(/[^A-Za-z0-9]/g, "").slice(-24)}`, tokenHash: `hash-${args.name}`, expires: null, imported: false };
        default:
            return {};
    }
}

export interface MockOptions {
    /** Fake invoke results by token (e.g. `oci:ContainerEngine/getClusterKubeConfig:getClusterKubeConfig`); other invokes echo their inputs. */
    calls?: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>;
}

export function installMocks(project = "litellm-gateway", stack = "dev", preview = false, options: MockOptions = {}): MockRecorder {
    const resources: RecordedResource[] = [];
    const calls: pulumi.runtime.MockCallArgs[] = [];
    const dependencies = new Map<string, string[]>();
    pulumi.runtime.setMocks(
        {
            newResource(args) {
                resources.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, custom: args.custom, dependencies: dependencies.get(`${args.type}::${args.name}`) ?? [] });
                return { id: args.id || `${args.name}-id`, state: { ...args.inputs, ...computedOutputs(args) } };
            },
            call(args) {
                calls.push(args);
                const fake = options.calls?.[args.token];
                return fake ? fake(args.inputs) : args.inputs;
            },
        },
        project,
        stack,
        preview,
    );
    // MockResourceArgs carries no dependencies, but the register request the mock monitor receives does.
    type RegisterRequest = { getType(): string; getName(): string; getDependenciesList(): string[] };
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, callback: unknown): unknown };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        dependencies.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
        return register(req, callback);
    };
    const byType = (type: string) => resources.filter((r) => r.type === type);
    return {
        resources,
        calls,
        byType,
        one(type, nameSuffix) {
            const found = byType(type).filter((r) => nameSuffix === undefined || r.name.endsWith(nameSuffix));
            if (found.length !== 1) {
                throw new Error(`expected exactly one ${type}${nameSuffix ? ` named *${nameSuffix}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
            }
            return found[0];
        },
    };
}

/** Resolves an Output's value (hangs on unknowns: give tests a timeout). */
export function promiseOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

/** Waits until every registration queued so far has reached the mock monitor. */
export async function settle(...outputs: pulumi.Output<unknown>[]): Promise<void> {
    await Promise.all(outputs.map((o) => promiseOf(o)));
    await new Promise((r) => setTimeout(r, 50));
}

/**
 * Where `needle` appears in recorded inputs OUTSIDE a secret wrapper: `<resource name>:<path>`.
 * An empty list means every input carrying the value keeps it secret.
 */
export function plaintextOccurrences(resources: RecordedResource[], needle: string): string[] {
    const hits: string[] = [];
    const walk = (v: unknown, where: string) => {
        if (isSecretValue(v)) return;
        if (typeof v === "string") {
            if (v.includes(needle)) hits.push(where);
        } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
    };
    for (const r of resources) walk(r.inputs, `${r.type}::${r.name}`);
    return hits;
}

/** Whether `needle` appears anywhere in recorded inputs (secret or not): proves a plaintext check is not vacuous. */
export function occurrences(resources: RecordedResource[], needle: string): number {
    return JSON.stringify(resources.map((r) => r.inputs)).split(needle).length - 1;
}
