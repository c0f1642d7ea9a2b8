/**
 * The LiteLLM gateway on Kubernetes as a `helm.v3.Release` of the legacy `litellm-helm` chart. A real
 * Helm release (not helm.v4.Chart) because the schema migration runs as a pre-install/pre-upgrade hook,
 * which only a release honours (pulumi.md §7). Values come from liteLLMHelmValues (pure, unit-tested).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface HelmLiteLLMGatewayArgs {
    namespace: pulumi.Input<string>;
    /** Release name; equal to the values' `fullnameOverride`, so the Service is named after it. */
    releaseName: string;
    /** `oci://` chart reference, e.g. oci://ghcr.io/berriai/litellm-helm. */
    chart: string;
    /** Exact chart version (pinned). */
    version: string;
    /** From liteLLMHelmValues. */
    values: Record<string, unknown>;
    /** The Service port (values.service.port). */
    port: number;
    /** Seconds Helm waits for hooks and rollout. Default 900. */
    timeoutSeconds?: number;
}

export class HelmLiteLLMGateway extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    /** The chart's ClusterIP Service name. */
    readonly serviceName: string;
    /** In-cluster URL, e.g. http://litellm.litellm.svc.cluster.local:4000. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: HelmLiteLLMGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:gateway:HelmLiteLLMGateway", name, {}, opts);
        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            {
                name: args.releaseName,
                namespace: args.namespace,
                chart: args.chart,
                version: args.version,
                values: args.values,
                createNamespace: false,
                // Wait for the migration hook and the rollout; a failed install is cleaned up, not left half-done.
                skipAwait: false,
                waitForJobs: true,
                cleanupOnFail: true,
                timeout: args.timeoutSeconds ?? 900,
                maxHistory: 10,
            },
            { parent: this },
        );
        this.serviceName = args.releaseName;
        // Read from the release's outputs, so nothing that uses the URL starts before the rollout finished.
        this.url = pulumi.interpolate`http://${this.release.name}.${this.release.namespace}.svc.cluster.local:${args.port}`;
        this.registerOutputs({ url: this.url });
    }
}
