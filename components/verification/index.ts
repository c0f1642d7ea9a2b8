/**
 * GatewayVerification: proves a deployed gateway works, on every `pulumi up`.
 *
 * A thin door into the verification engine (verify/): a dynamic resource runs the engine's checks against
 * the live gateway and exposes the report as an output. In `enforce` mode a failing check fails the
 * update with a readable summary; in `warn` mode the update succeeds with a warning. Wire it with
 * `dependsOn` the healthy gateway, and skip constructing it to turn verification off.
 */
import * as pulumi from "@pulumi/pulumi";
import { newRunId } from "../../verify/options";
import type { AcceptedAdvisory } from "../../verify/advisories";
import type { AccessExpectation, VerificationReport } from "../../verify/types";
import { verificationEngineBundle } from "./engine-bundle";
import { createVerificationProvider, summarizeFailures, VERIFICATION_SUITE, VerificationInputs } from "./provider";

export { VERIFICATION_SUITE } from "./provider";
export type { VerificationReport } from "../../verify/types";

export interface GatewayVerificationArgs {
    /** Base URL of the gateway as reachable from where `pulumi up` runs, e.g. `http://127.0.0.1:4000`. */
    gatewayUrl: pulumi.Input<string>;
    /** LiteLLM master key. Passed as a secret, never in outputs or messages. */
    masterKey: pulumi.Input<string>;
    /** Model group the checks call (completion, keys, budget, spend logs, fallback primary). */
    model: pulumi.Input<string>;
    /** Group `model` falls back to. Without it the `fallback` check is skipped. Default: none. */
    fallbackModel?: pulumi.Input<string>;
    /** Verification-only group that always fails and falls back like `model`; the `fallback` check calls it. Default: none (mock params). */
    fallbackProbeModel?: pulumi.Input<string>;
    /** Check ids to run. Default: every registered check. */
    only?: pulumi.Input<string[]>;
    /** `enforce` fails the update when a check fails; `warn` logs a warning and succeeds. Default `enforce`. */
    mode?: pulumi.Input<"enforce" | "warn">;
    /** How long to wait for batch-written spend rows, in ms. Default 60000. */
    spendLogTimeoutMs?: pulumi.Input<number>;
    /** The gateway caches responses in Redis (runs the `cache` check). Default false. */
    expectCache?: pulumi.Input<boolean>;
    /** Guardrail name to prove (runs the `guardrail-pii` check). Default: none. */
    guardrail?: pulumi.Input<string>;
    /**
     * Base URL of the stub upstream's report endpoint as reachable from where `pulumi up` runs, e.g.
     * `http://127.0.0.1:4010` on dev: `guardrail-pii` reads what the model really received from it, and
     * `cache` that a hit did not call it. Default: none (the checks rely on the gateway's spend logs).
     */
    upstreamReportUrl?: pulumi.Input<string>;
    /** Langfuse to find traces in (the `langfuse-trace` check once registered). Passed as a secret. Default: none. */
    langfuse?: pulumi.Input<{ url: string; publicKey: string; secretKey: string }>;
    /** OTLP receiver to find spans at (runs the `otel-trace` check). Default: none. */
    otel?: pulumi.Input<{ queryUrl: string; promptsLogged?: boolean }>;
    /** Declared teams and keys (runs the `access` check). Default: none. */
    access?: pulumi.Input<AccessExpectation>;
    /** Raw values of the declared keys by alias, to call with. Passed as a secret. Default: none (no calls). */
    accessKeys?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Groups the `models` check calls (the declared models). Default: every group `/model/info` lists. */
    models?: pulumi.Input<string[]>;
    /** `models` check: completions in flight at once. Default 4. */
    modelsConcurrency?: pulumi.Input<number>;
    /** `latency` check: requests sent. Default 20. */
    latencyRequests?: pulumi.Input<number>;
    /** `latency` check: requests in flight at once. Default 2. */
    latencyConcurrency?: pulumi.Input<number>;
    /** `latency` check: the SLO on the p95 of `x-litellm-overhead-duration-ms`, in ms. Default 500. */
    overheadP95Ms?: pulumi.Input<number>;
    /** `security` check: advisories the running release may have, each `{id, reason, expires}`. Default: none. */
    acceptedAdvisories?: pulumi.Input<AcceptedAdvisory[]>;
}

type RunProps = { [K in keyof VerificationInputs]: pulumi.Input<VerificationInputs[K]> | undefined };

/** The dynamic resource that runs the checks. Its inputs carry `suite` so policies can recognise it. */
class GatewayVerificationRun extends pulumi.dynamic.Resource {
    // `declare`, not a field: a class field would reset the output to undefined after super() (pulumi.md §3).
    declare readonly report: pulumi.Output<VerificationReport>;

    constructor(name: string, props: RunProps, opts: pulumi.CustomResourceOptions) {
        super(createVerificationProvider(verificationEngineBundle().packed), name, { report: undefined, ...props }, opts, "verification", "GatewayVerificationRun");
    }
}

export class GatewayVerification extends pulumi.ComponentResource {
    /** The verification report: `{ok, durationMs, usage, checks:[{id, status, durationMs, message}]}`. */
    public readonly report: pulumi.Output<VerificationReport>;

    constructor(name: string, args: GatewayVerificationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:verification:GatewayVerification", name, {}, opts);
        const mode = pulumi.output(args.mode ?? "enforce");
        const run = new GatewayVerificationRun(
            `${name}-run`,
            {
                suite: VERIFICATION_SUITE,
                // Fresh every program run, so the provider's diff sees a change and the checks re-run.
                runId: newRunId(),
                gatewayUrl: args.gatewayUrl,
                masterKey: pulumi.secret(args.masterKey),
                model: args.model,
                fallbackModel: args.fallbackModel,
                fallbackProbeModel: args.fallbackProbeModel,
                only: args.only,
                mode,
                spendLogTimeoutMs: args.spendLogTimeoutMs,
                expectCache: args.expectCache,
                guardrail: args.guardrail,
                upstreamReportUrl: args.upstreamReportUrl,
                langfuse: args.langfuse === undefined ? undefined : pulumi.secret(args.langfuse),
                otel: args.otel,
                access: args.access,
                accessKeys: args.accessKeys === undefined ? undefined : pulumi.secret(pulumi.output(args.accessKeys)),
                models: args.models,
                modelsConcurrency: args.modelsConcurrency,
                latencyRequests: args.latencyRequests,
                latencyConcurrency: args.latencyConcurrency,
                overheadP95Ms: args.overheadP95Ms,
                acceptedAdvisories: args.acceptedAdvisories,
            },
            { parent: this },
        );
        this.report = run.report;
        pulumi.all([run.report, mode]).apply(([report, m]) => {
            if (report && !report.ok && m === "warn") pulumi.log.warn(summarizeFailures(report), this);
        });
        this.registerOutputs({ report: this.report });
    }
}
