/**
 * VerificationJob: the in-cluster door into the verification engine on `oke`. A `batch/v1` Job runs the
 * bundled CLI (verify/cli.ts) in a pinned Node image, from a pod in the same cluster as the gateway:
 * - the bundle arrives through an immutable ConfigMap named after its hash (it holds no secret);
 * - the master key arrives as a Secret-backed env var (LITELLM_MASTER_KEY), never as an argument;
 * - GATEWAY_URL is the chart Service's cluster DNS name.
 * Pulumi awaits a Job until it completes and fails the update when it fails (pulumi.md §7), so in
 * `enforce` mode a failing check fails `pulumi up`. A fresh run id in the Job's name and pod template makes
 * every `up` replace the Job, so the checks re-run each time. The report is the Job's log.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Bundle, bundleEntry, CONTAINER_NODE_TARGET, sourceEntry } from "../shared/bundle";
import type { AcceptedAdvisory } from "../../verify/advisories";
import type { SecretKeyRef } from "../k8s/gateway-secrets";
import { verificationLabels } from "../k8s/labels";
import { ContainerSize, containerResources } from "../k8s/resources";

export const BUNDLE_DIR = "/opt/litellm-verify";
export const BUNDLE_FILE = "verify.js";
/** A ConfigMap holds at most 1 MiB; keep headroom for metadata. */
export const MAX_BUNDLE_BYTES = 900 * 1024;

/** The CLI as one file for plain `node`. Throws when it is too big for a ConfigMap. */
export function verificationCliBundle(): Bundle {
    const bundle = bundleEntry(sourceEntry("verify/cli"), { target: CONTAINER_NODE_TARGET });
    if (Buffer.byteLength(bundle.code) > MAX_BUNDLE_BYTES) throw new Error(`the verification bundle is ${Buffer.byteLength(bundle.code)} bytes, more than a ConfigMap can carry (${MAX_BUNDLE_BYTES})`);
    return bundle;
}

export interface VerificationCliOptions {
    model: string;
    fallbackModel?: string;
    /** The verification-only group the `fallback` check calls (components/gateway/fallback-probe.ts). */
    fallbackProbeModel?: string;
    runId: string;
    spendLogTimeoutSeconds: number;
    /** Check ids (verification.checks). Default: all. */
    only?: string[];
    /** Groups the `models` check calls (the declared models). Default: every group /model/info lists. */
    models?: string[];
    /** `latency` check: the SLO on the overhead p95 (ms), requests sent, requests in flight. Default: the engine's. */
    overheadP95Ms?: number;
    latencyRequests?: number;
    latencyConcurrency?: number;
    /** `security` check: advisories the running release may have (config `gateway.acceptedAdvisories`). Default none. */
    acceptedAdvisories?: AcceptedAdvisory[];
    /** Flags contributed by features (e.g. --expect-cache, --guardrail <name>). */
    extraArgs?: string[];
}

/** The CLI's arguments. The master key is deliberately absent: argv is visible to anyone who can list pods. */
export function verificationCliArgs(o: VerificationCliOptions): string[] {
    return [
        "--model", o.model,
        ...(o.fallbackModel ? ["--fallback-model", o.fallbackModel] : []),
        ...(o.fallbackProbeModel ? ["--fallback-probe-model", o.fallbackProbeModel] : []),
        "--run-id", o.runId,
        "--spend-log-timeout-ms", String(o.spendLogTimeoutSeconds * 1000),
        ...(o.only && o.only.length > 0 ? ["--only", o.only.join(",")] : []),
        ...(o.models && o.models.length > 0 ? ["--models", o.models.join(",")] : []),
        ...(o.overheadP95Ms !== undefined ? ["--overhead-p95-ms", String(o.overheadP95Ms)] : []),
        ...(o.latencyRequests !== undefined ? ["--latency-requests", String(o.latencyRequests)] : []),
        ...(o.latencyConcurrency !== undefined ? ["--latency-concurrency", String(o.latencyConcurrency)] : []),
        ...(o.acceptedAdvisories && o.acceptedAdvisories.length > 0 ? ["--accepted-advisories", JSON.stringify(o.acceptedAdvisories)] : []),
        ...(o.extraArgs ?? []),
    ];
}

/** enforce: the CLI's exit code is the Job's. warn: failures are logged, the Job still succeeds. */
export function verificationCommand(mode: "enforce" | "warn", args: string[]): string[] {
    const script = `${BUNDLE_DIR}/${BUNDLE_FILE}`;
    if (mode === "enforce") return ["node", script, ...args];
    const warn = `node ${script} "$@" || echo "verification failed (exit $?); verification.mode is warn, so the update continues" >&2`;
    return ["sh", "-c", warn, "verify", ...args];
}

/** `<base>-verify-<run id>`: a DNS-1123 name, at most 63 characters. */
export function verificationJobName(baseName: string, runId: string): string {
    return `${baseName}-verify-${runId.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63).replace(/-+$/, "");
}

export interface VerificationJobArgs extends VerificationCliOptions {
    namespace: pulumi.Input<string>;
    /** Prefix of the ConfigMap and Job names (the release name). */
    baseName: string;
    /** Pinned Node image. */
    image: string;
    bundle: Bundle;
    /** e.g. http://litellm.litellm.svc.cluster.local:4000 */
    gatewayUrl: pulumi.Input<string>;
    /** Secret and key holding the master key. */
    masterKey: SecretKeyRef;
    mode: "enforce" | "warn";
    /** Env contributed by features (e.g. Langfuse keys, through secretKeyRef). Default: none. */
    extraEnv?: k8s.types.input.core.v1.EnvVar[];
    /** Requests and limits of the Job's container (oke.resources.verification). */
    resources: ContainerSize;
}

export class VerificationJob extends pulumi.ComponentResource {
    readonly configMap: k8s.core.v1.ConfigMap;
    readonly job: k8s.batch.v1.Job;
    readonly jobName: pulumi.Output<string>;
    /** `kubectl logs job/<name> -n <namespace>`: prints the report. */
    readonly logsCommand: pulumi.Output<string>;

    constructor(name: string, args: VerificationJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:verification:VerificationJob", name, {}, opts);
        const labels = verificationLabels();
        this.configMap = new k8s.core.v1.ConfigMap(
            `${name}-bundle`,
            {
                metadata: { name: `${args.baseName}-verify-${args.bundle.sha256.slice(0, 12)}`, namespace: args.namespace, labels, annotations: { "litellm-gateway/bundle-sha256": args.bundle.sha256 } },
                immutable: true,
                data: { [BUNDLE_FILE]: args.bundle.code },
            },
            { parent: this },
        );

        // Checks, the spend-log wait, and slack; Pulumi's own wait is a little longer so the Job's verdict wins.
        const deadlineSeconds = 600 + args.spendLogTimeoutSeconds;
        const nonRoot = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 };
        this.job = new k8s.batch.v1.Job(
            `${name}-job`,
            {
                // The run id in the name: every `up` creates a new Job (then deletes the old one), so the checks re-run.
                metadata: { name: verificationJobName(args.baseName, args.runId), namespace: args.namespace, labels, annotations: { "litellm-gateway/run-id": args.runId } },
                spec: {
                    // One attempt: a failing check is a verdict, not a flake to retry.
                    backoffLimit: 0,
                    activeDeadlineSeconds: deadlineSeconds,
                    template: {
                        metadata: { labels, annotations: { "litellm-gateway/run-id": args.runId } },
                        spec: {
                            restartPolicy: "Never",
                            automountServiceAccountToken: false,
                            enableServiceLinks: false,
                            securityContext: { ...nonRoot, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "verify",
                                    image: args.image,
                                    command: verificationCommand(args.mode, verificationCliArgs(args)),
                                    env: [
                                        { name: "GATEWAY_URL", value: args.gatewayUrl },
                                        { name: "LITELLM_MASTER_KEY", valueFrom: { secretKeyRef: { name: args.masterKey.name, key: args.masterKey.key } } },
                                        ...(args.extraEnv ?? []),
                                    ],
                                    securityContext: { ...nonRoot, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                                    resources: containerResources(args.resources),
                                    volumeMounts: [{ name: "bundle", mountPath: BUNDLE_DIR, readOnly: true }],
                                },
                            ],
                            volumes: [{ name: "bundle", configMap: { name: this.configMap.metadata.name } }],
                        },
                    },
                },
            },
            { parent: this, replaceOnChanges: ["spec"], customTimeouts: { create: `${Math.ceil(deadlineSeconds / 60) + 2}m`, update: `${Math.ceil(deadlineSeconds / 60) + 2}m` } },
        );
        this.jobName = this.job.metadata.name;
        this.logsCommand = pulumi.interpolate`kubectl logs job/${this.job.metadata.name} -n ${args.namespace}`;
        this.registerOutputs({ jobName: this.jobName, logsCommand: this.logsCommand });
    }
}
