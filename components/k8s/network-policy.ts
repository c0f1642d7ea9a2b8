/**
 * NetworkPolicies of the oke stack, as pure spec builders plus one component:
 * - gateway ingress: only the verification Job, the namespaces in `oke.allowedNamespaces` and the pods
 *   matching `oke.allowedPodLabels` (in the gateway's namespace) reach the gateway port;
 * - backends (Postgres; later Redis, Presidio): only the gateway's pods (the chart's selector labels, which
 *   its migration hook shares) reach them; their egress is DNS only;
 * - the verification Job: no ingress; egress to the gateway port and DNS only.
 * Gateway egress stays open: it must reach OCI Generative AI, any OpenAI-compatible upstream (in-cluster or
 * external: docs/oke.md "OpenAI-compatible upstreams"), and an external or OCI Postgres.
 *
 * Policies only bite with a CNI that enforces them (Calico on OKE); flannel ignores them silently.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PART_OF, VERIFICATION_COMPONENT } from "./labels";

type Labels = Record<string, string>;

/** Cluster DNS (CoreDNS in kube-system, labelled k8s-app: kube-dns on OKE), TCP and UDP 53. */
export const DNS_EGRESS = {
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};

export interface GatewayIngressArgs {
    gatewaySelector: Labels;
    port: number;
    allowedNamespaces: string[];
    allowedPodLabels: Labels[];
}

export function gatewayIngressSpec(a: GatewayIngressArgs) {
    const from = [
        { podSelector: { matchLabels: { ...VERIFICATION_COMPONENT } } },
        // `kubernetes.io/metadata.name` is set by the API server on every namespace (Kubernetes ≥ 1.22).
        ...a.allowedNamespaces.map((ns) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } })),
        ...a.allowedPodLabels.map((labels) => ({ podSelector: { matchLabels: { ...labels } } })),
    ];
    return {
        podSelector: { matchLabels: { ...a.gatewaySelector } },
        policyTypes: ["Ingress"],
        ingress: [{ from, ports: [{ protocol: "TCP", port: a.port }] }],
    };
}

export interface BackendArgs {
    /** Name for the policy, e.g. `litellm-postgres`. */
    name: string;
    /** Labels of the backend's pods. */
    selector: Labels;
    port: number;
}

/** Only the gateway reaches the backend; the backend itself talks to nobody but DNS. */
export function onlyGatewaySpec(backend: BackendArgs, gatewaySelector: Labels) {
    return {
        podSelector: { matchLabels: { ...backend.selector } },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { ...gatewaySelector } } }], ports: [{ protocol: "TCP", port: backend.port }] }],
        egress: [DNS_EGRESS],
    };
}

export type EgressRule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

/** @param extraEgress destinations a feature's check must reach besides the gateway (e.g. Langfuse). */
export function verificationSpec(gatewaySelector: Labels, port: number, extraEgress: EgressRule[] = []) {
    return {
        podSelector: { matchLabels: { ...VERIFICATION_COMPONENT } },
        policyTypes: ["Ingress", "Egress"],
        ingress: [],
        egress: [{ to: [{ podSelector: { matchLabels: { ...gatewaySelector } } }], ports: [{ protocol: "TCP", port }] }, DNS_EGRESS, ...extraEgress],
    };
}

export interface GatewayNetworkPoliciesArgs extends GatewayIngressArgs {
    namespace: pulumi.Input<string>;
    /** Prefix of the policy names. */
    baseName: string;
    /** In-cluster backends only the gateway may reach. Default: none. */
    backends?: BackendArgs[];
    /** Further egress of the verification Job (features' checks). Default: none. */
    verificationEgress?: EgressRule[];
}

export class GatewayNetworkPolicies extends pulumi.ComponentResource {
    readonly policies: k8s.networking.v1.NetworkPolicy[] = [];

    constructor(name: string, args: GatewayNetworkPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:k8s:GatewayNetworkPolicies", name, {}, opts);
        const policy = (role: string, policyName: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
            this.policies.push(
                new k8s.networking.v1.NetworkPolicy(`${name}-${role}`, { metadata: { name: policyName, namespace: args.namespace, labels: { ...PART_OF } }, spec }, { parent: this }),
            );
        policy("gateway-ingress", `${args.baseName}-gateway-ingress`, gatewayIngressSpec(args));
        policy("verification", `${args.baseName}-verification`, verificationSpec(args.gatewaySelector, args.port, args.verificationEgress));
        for (const backend of args.backends ?? []) policy(`${backend.name}-only-gateway`, `${backend.name}-only-gateway`, onlyGatewaySpec(backend, args.gatewaySelector));
        this.registerOutputs({});
    }
}
