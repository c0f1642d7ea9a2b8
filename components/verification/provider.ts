/**
 * The dynamic provider behind GatewayVerification. Pulumi serializes it by value and runs it in the
 * provider host, so (pulumi.md §3): a plain object literal, no `this`, no Pulumi values inside methods,
 * modules required inside functions, and the engine captured as a bundled string.
 *
 * `diff` always reports a change (the run id is fresh every `up`), and `update` re-runs the checks and
 * returns full outputs: the checks re-run on every deployment, without replacing the resource.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AcceptedAdvisory } from "../../verify/advisories";
import type { AccessExpectation, VerificationReport, VerifyOptions } from "../../verify/types";
import { isUnknown, loadBundledModule, withoutUndefined } from "../shared/dynamic-provider";

export { UNKNOWN_SENTINEL, withoutUndefined } from "../shared/dynamic-provider";

/** Input marker the policy pack uses to find verification resources among dynamic resources. */
export const VERIFICATION_SUITE = "litellm-gateway-verification";

export interface VerificationInputs {
    suite: typeof VERIFICATION_SUITE;
    runId: string;
    gatewayUrl: string;
    masterKey: string;
    model: string;
    fallbackModel?: string;
    fallbackProbeModel?: string;
    only?: string[];
    mode: "enforce" | "warn";
    spendLogTimeoutMs?: number;
    expectCache?: boolean;
    guardrail?: string;
    upstreamReportUrl?: string;
    langfuse?: { url: string; publicKey: string; secretKey: string };
    otel?: { queryUrl: string; promptsLogged?: boolean };
    access?: AccessExpectation;
    /** `models` check: the groups to call (the declared models). */
    models?: string[];
    modelsConcurrency?: number;
    /** `latency` check: requests, requests in flight, and the SLO on the overhead p95 (ms). */
    latencyRequests?: number;
    latencyConcurrency?: number;
    overheadP95Ms?: number;
    /** Raw values of the declared keys by alias (secret). */
    accessKeys?: Record<string, string>;
    /** `security` check: advisories the running release may have (config `gateway.acceptedAdvisories`). */
    acceptedAdvisories?: AcceptedAdvisory[];
}

/** Outputs: the inputs minus every secret, plus the report. */
export type VerificationOutputs = Omit<VerificationInputs, "masterKey" | "langfuse" | "accessKeys"> & { report: VerificationReport };

/** Unpacks and evaluates the engine bundle (once per host). Runs inside the provider host. */
function loadEngine(code: string): { runVerification(options: VerifyOptions): Promise<VerificationReport> } {
    return loadBundledModule(code, "litellm-gateway-verification-engine.js");
}

/** One line per failing check: what `pulumi up` prints in enforce mode (and the warning in warn mode). */
export function summarizeFailures(report: VerificationReport): string {
    const failed = report.checks.filter((c) => c.status === "fail");
    const lines = failed.map((c) => `  - ${c.id}: ${c.message}`);
    return `gateway verification failed: ${failed.length} of ${report.checks.length} check(s) failed\n${lines.join("\n")}`;
}

/** Inputs echoed in the outputs: every input but the secrets (`masterKey`, `langfuse`, `accessKeys`). */
const PUBLISHED_INPUTS = [
    "suite", "runId", "gatewayUrl", "model", "fallbackModel", "fallbackProbeModel", "only", "mode", "spendLogTimeoutMs", "expectCache", "guardrail", "upstreamReportUrl", "otel", "access",
    "models", "modelsConcurrency", "latencyRequests", "latencyConcurrency", "overheadP95Ms", "acceptedAdvisories",
] as const;

async function verify(code: string, inputs: VerificationInputs): Promise<VerificationOutputs> {
    const engine = loadEngine(code);
    const report = await engine.runVerification(
        withoutUndefined({
            gatewayUrl: inputs.gatewayUrl,
            masterKey: inputs.masterKey,
            model: inputs.model,
            fallbackModel: inputs.fallbackModel,
            fallbackProbeModel: inputs.fallbackProbeModel,
            only: inputs.only,
            runId: inputs.runId,
            spendLogTimeoutMs: inputs.spendLogTimeoutMs,
            expectCache: inputs.expectCache,
            guardrail: inputs.guardrail,
            upstreamReportUrl: inputs.upstreamReportUrl,
            langfuse: inputs.langfuse,
            otel: inputs.otel,
            access: inputs.access,
            accessKeys: inputs.accessKeys,
            models: inputs.models,
            modelsConcurrency: inputs.modelsConcurrency,
            latencyRequests: inputs.latencyRequests,
            latencyConcurrency: inputs.latencyConcurrency,
            overheadP95Ms: inputs.overheadP95Ms,
            acceptedAdvisories: inputs.acceptedAdvisories,
        }),
    );
    if (!report.ok && inputs.mode !== "warn") throw new Error(summarizeFailures(report));
    const published = Object.fromEntries(PUBLISHED_INPUTS.map((k) => [k, inputs[k]]));
    return withoutUndefined({ ...published, report }) as VerificationOutputs;
}

function validate(inputs: VerificationInputs): { property: string; reason: string }[] {
    const failures: { property: string; reason: string }[] = [];
    if (!isUnknown(inputs.gatewayUrl) && !/^https?:\/\//.test(String(inputs.gatewayUrl ?? ""))) {
        failures.push({ property: "gatewayUrl", reason: `must be an http(s) URL, got "${inputs.gatewayUrl}"` });
    }
    if (!isUnknown(inputs.model) && (typeof inputs.model !== "string" || inputs.model === "")) {
        failures.push({ property: "model", reason: "a model group is required" });
    }
    for (const name of ["modelsConcurrency", "latencyRequests", "latencyConcurrency", "overheadP95Ms"] as const) {
        const value = inputs[name];
        if (value !== undefined && !isUnknown(value) && !(typeof value === "number" && Number.isFinite(value) && value > 0)) {
            failures.push({ property: name, reason: `must be a positive number, got ${JSON.stringify(value)}` });
        }
    }
    if (!isUnknown(inputs.mode) && inputs.mode !== "enforce" && inputs.mode !== "warn") {
        failures.push({ property: "mode", reason: `must be "enforce" or "warn", got "${inputs.mode}"` });
    }
    return failures;
}

/** Builds the provider around the packed engine bundle (components/verification/engine-bundle.ts). */
export function createVerificationProvider(engineCode: string): pulumi.dynamic.ResourceProvider<VerificationInputs, VerificationOutputs> {
    // One shared object, so the serialized provider holds the engine text once, not once per method.
    const engine = { code: engineCode };
    return {
        async check(_olds: VerificationInputs, news: VerificationInputs) {
            const failures = validate(news);
            const inputs = withoutUndefined(news);
            return failures.length > 0 ? { inputs, failures } : { inputs };
        },
        async diff() {
            // Always re-run: a green verification is only worth something if it is about this deployment.
            return { changes: true };
        },
        async create(inputs: VerificationInputs) {
            const outs = await verify(engine.code, inputs);
            return { id: `${inputs.gatewayUrl}#${inputs.runId}`, outs };
        },
        async update(_id: string, _olds: VerificationOutputs, news: VerificationInputs) {
            return { outs: await verify(engine.code, news) };
        },
        async read(id: string, props?: VerificationOutputs) {
            // A run has no remote state to refresh: the report stays the one of the last `up`.
            return { id, props: props && withoutUndefined(props) };
        },
        async delete() {
            // Nothing to remove: every key a run creates is deleted when that run ends.
        },
    };
}
