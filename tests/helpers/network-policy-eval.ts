/**
 * Whether Kubernetes NetworkPolicies allow one egress flow, by the API's semantics
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod no Egress policy selects
 * may connect anywhere; a selected pod only where some rule of some selecting policy admits the peer and the
 * port. Enough of the model for the stack's own policies: matchLabels selectors, namespaceSelector on
 * `kubernetes.io/metadata.name`, IPv4 ipBlock with `except`, numeric ports. The destination's ingress policies
 * are the destination namespace's business and not modelled.
 */

type Labels = Record<string, string>;

export interface Pod {
    namespace: string;
    labels: Labels;
}

/** In-cluster: a pod (labels may be unknown: only an empty podSelector matches it), or an address outside. */
export type Destination = { namespace: string; labels?: Labels; port: number } | { ip: string; port: number };

export interface Policy {
    namespace: string;
    spec: any;
}

const matches = (selector: { matchLabels?: Labels; matchExpressions?: unknown[] } | undefined, labels: Labels | undefined): boolean => {
    if (selector === undefined) return true;
    if (selector.matchExpressions?.length) throw new Error("network-policy-eval: matchExpressions are not modelled");
    const wanted = Object.entries(selector.matchLabels ?? {});
    if (wanted.length === 0) return true;
    return labels !== undefined && wanted.every(([k, v]) => labels[k] === v);
};

const ipv4 = (ip: string) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
function inCidr(ip: string, cidr: string): boolean {
    const [base, bits] = cidr.split("/");
    const size = 2 ** (32 - Number(bits));
    return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}

function peerAdmits(peer: any, from: Pod, to: Destination): boolean {
    if (peer.ipBlock) return "ip" in to && inCidr(to.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => inCidr(to.ip, c));
    if (!("namespace" in to)) return false;
    const namespaceOk = peer.namespaceSelector === undefined ? to.namespace === from.namespace : matches(peer.namespaceSelector, { "kubernetes.io/metadata.name": to.namespace });
    return namespaceOk && matches(peer.podSelector, to.labels);
}

const portAdmits = (ports: any[] | undefined, port: number) => !ports || ports.length === 0 || ports.some((p) => p.port === undefined || p.port === port);

export function egressAllowed(policies: Policy[], from: Pod, to: Destination): boolean {
    const selecting = policies.filter((p) => p.namespace === from.namespace && matches(p.spec.podSelector, from.labels) && (p.spec.policyTypes ?? []).includes("Egress"));
    if (selecting.length === 0) return true;
    return selecting.some((p) => (p.spec.egress ?? []).some((rule: any) => portAdmits(rule.ports, to.port) && (!rule.to || rule.to.length === 0 || rule.to.some((peer: any) => peerAdmits(peer, from, to)))));
}
