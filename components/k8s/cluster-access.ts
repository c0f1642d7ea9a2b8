/**
 * OkeClusterAccess: the explicit providers the oke stack threads through every child. Never the ambient
 * kubeconfig or ~/.oci/config:
 * - the OCI provider is built from the `oci.*` identity and the `ociPrivateKey` secret;
 * - the Kubernetes provider gets its kubeconfig either from the cluster OCID (through
 *   oci.containerengine.getClusterKubeConfig, with that OCI provider) or from the `kubeconfig` secret.
 *
 * An OKE kubeconfig authenticates with an exec plugin running `oci ce cluster generate-token`, so the OCI
 * CLI must be on PATH (and configured) wherever `pulumi up` runs; a kubeconfig secret with a token avoids it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as oci from "@pulumi/oci";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";

export interface OciIdentity {
    region: string;
    tenancyOcid: string;
    userOcid: string;
    fingerprint: string;
    /** PEM of the API signing key (secret). */
    privateKey: pulumi.Input<string>;
}

export interface OkeClusterAccessArgs {
    /** OKE cluster OCID. Used when `kubeconfig` is not given; needs `ociIdentity`. */
    clusterId?: string;
    /** kubeconfig contents, as read from secret config (wrapped as a secret here). Takes precedence over `clusterId`. */
    kubeconfig?: string;
    /** Endpoint the fetched kubeconfig points at (PUBLIC_ENDPOINT, PRIVATE_ENDPOINT, ...). Default: the OCI API's default. */
    kubeconfigEndpoint?: string;
    /** Identity for the explicit OCI provider. Default: no OCI provider. */
    ociIdentity?: OciIdentity;
}

/**
 * A stable id for the cluster a kubeconfig points at (its current context's server URL), so token
 * rotation inside the kubeconfig does not replace the provider and every resource under it.
 */
export function kubeconfigClusterIdentifier(kubeconfig: string): string | undefined {
    try {
        const doc = parse(kubeconfig) as {
            "current-context"?: string;
            contexts?: { name: string; context?: { cluster?: string } }[];
            clusters?: { name: string; cluster?: { server?: string } }[];
        };
        const contextName = doc["current-context"] ?? doc.contexts?.[0]?.name;
        const clusterName = doc.contexts?.find((c) => c.name === contextName)?.context?.cluster ?? doc.clusters?.[0]?.name;
        return doc.clusters?.find((c) => c.name === clusterName)?.cluster?.server;
    } catch {
        return undefined;
    }
}

export class OkeClusterAccess extends pulumi.ComponentResource {
    /** Every Kubernetes resource of the stack uses this provider. */
    readonly kubernetes: k8s.Provider;
    /** Present when an OCI identity was given (cluster kubeconfig lookup, OCI Database with PostgreSQL). */
    readonly oci?: oci.Provider;

    constructor(name: string, args: OkeClusterAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:k8s:OkeClusterAccess", name, {}, opts);
        if (args.ociIdentity) {
            const id = args.ociIdentity;
            this.oci = new oci.Provider(
                `${name}-oci`,
                { region: id.region, tenancyOcid: id.tenancyOcid, userOcid: id.userOcid, fingerprint: id.fingerprint, privateKey: pulumi.secret(id.privateKey) },
                { parent: this },
            );
        }

        let kubeconfig: pulumi.Output<string>;
        let clusterIdentifier: string;
        if (args.kubeconfig !== undefined) {
            kubeconfig = pulumi.secret(args.kubeconfig);
            clusterIdentifier = args.clusterId ?? kubeconfigClusterIdentifier(args.kubeconfig) ?? `${name}-kubeconfig`;
        } else if (args.clusterId !== undefined) {
            if (!this.oci) throw new Error("OkeClusterAccess: a cluster OCID needs an OCI identity to fetch its kubeconfig");
            const fetched = oci.containerengine.getClusterKubeConfigOutput(
                { clusterId: args.clusterId, tokenVersion: "2.0.0", ...(args.kubeconfigEndpoint ? { endpoint: args.kubeconfigEndpoint } : {}) },
                { parent: this, provider: this.oci },
            );
            kubeconfig = pulumi.secret(fetched.content);
            clusterIdentifier = args.clusterId;
        } else {
            throw new Error("OkeClusterAccess: give a cluster OCID or a kubeconfig; the ambient kubeconfig is never used");
        }

        this.kubernetes = new k8s.Provider(`${name}-k8s`, { kubeconfig, clusterIdentifier }, { parent: this });
        this.registerOutputs({});
    }
}
