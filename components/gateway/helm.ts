/**
 * The LiteLLM gateway on Kubernetes as a `helm.v3.Release` of the `litellm-helm` chart, plus the
 * ServiceAccount its pods and its migration hook run as. A real Helm release (not helm.v4.Chart) because
 * the schema migration runs as a pre-install/pre-upgrade hook, which only a release honours (pulumi.md §7).
 * The ServiceAccount is created here, ahead of the release: a pre-install hook runs before anything the
 * chart would create, so a chart-made account would not exist yet and the hook pod could never start
 * (upstream issue #20571). Values come from liteLLMHelmValues (pure, unit-tested).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PART_OF } from "../k8s/labels";

/** Where the chart comes from: a registry at a pinned version, or a directory / `.tgz` on disk. */
export interface ChartSource {
    /** `oci://` reference, e.g. oci://ghcr.io/berriai/litellm-helm. */
    repository: string;
    /** Exact chart version; Helm ignores it for a chart on disk (validated against its Chart.yaml instead). */
    version: string;
    /** A chart directory or packaged `.tgz`, relative to the project directory. Default: the registry. */
    path?: string;
}

/** The Release's `chart` and `version` inputs for a chart source. */
export function releaseChart(source: ChartSource): { chart: string; version?: string } {
    // Kept as written (relative): an absolute path would differ between machines and show as a diff on each.
    return source.path !== undefined ? { chart: source.path } : { chart: source.repository, version: source.version };
}

/** The ServiceAccount the gateway's pods and migration hook run as: never the chart's own (see the file comment). */
export function gatewayServiceAccountName(releaseName: string): string {
    return `${releaseName}-gateway`;
}

export interface HelmLiteLLMGatewayArgs {
    namespace: pulumi.Input<string>;
    /** Release name; equal to the values' `fullnameOverride`, so the Service is named after it. */
    releaseName: string;
    /** Registry or on-disk chart, pinned. */
    chart: ChartSource;
    /** From liteLLMHelmValues, whose `serviceAccount.name` is gatewayServiceAccountName(releaseName). */
    values: Record<string, unknown>;
    /** The Service port (values.service.port). */
    port: number;
    /** Seconds Helm waits for hooks and rollout. Default 900. */
    timeoutSeconds?: number;
}

export class HelmLiteLLMGateway extends pulumi.ComponentResource {
    readonly serviceAccount: k8s.core.v1.ServiceAccount;
    readonly release: k8s.helm.v3.Release;
    /** The chart's ClusterIP Service name. */
    readonly serviceName: string;
    /** In-cluster URL, e.g. http://litellm.litellm.svc.cluster.local:4000. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: HelmLiteLLMGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:gateway:HelmLiteLLMGateway", name, {}, opts);
        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-serviceaccount`,
            {
                metadata: { name: gatewayServiceAccountName(args.releaseName), namespace: args.namespace, labels: { ...PART_OF } },
                // LiteLLM never calls the Kubernetes API: no token in its pods or its migration hook.
                automountServiceAccountToken: false,
            },
            { parent: this },
        );
        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            {
                name: args.releaseName,
                namespace: args.namespace,
                ...releaseChart(args.chart),
                values: args.values,
                createNamespace: false,
                // Wait for the migration hook and the rollout; a failed install is cleaned up, not left half-done.
                skipAwait: false,
                waitForJobs: true,
                cleanupOnFail: true,
                timeout: args.timeoutSeconds ?? 900,
                maxHistory: 10,
            },
            { parent: this, dependsOn: [this.serviceAccount] },
        );
        this.serviceName = args.releaseName;
        // Read from the release's outputs, so nothing that uses the URL starts before the rollout finished.
        this.url = pulumi.interpolate`http://${this.release.name}.${this.release.namespace}.svc.cluster.local:${args.port}`;
        this.registerOutputs({ url: this.url, serviceAccountName: this.serviceAccount.metadata.name });
    }
}
