/**
 * No Kubernetes Service of type LoadBalancer or NodePort.
 *
 * Decision: this applies to EVERY Service in the stack, not only those named after litellm, postgres,
 * redis, presidio or langfuse. This program deploys nothing else, a name-based match is easy to dodge by
 * accident (`fullnameOverride: gw`), and the gateway is meant to be reachable only inside the cluster
 * (behind an Ingress/Gateway the platform team owns). A stack that truly needs one can set this policy to
 * "advisory" in its policy-pack config.
 *
 * The LiteLLM chart's Service is not a Pulumi resource under `helm.v3.Release`, so Helm values are read too:
 * any `service.type` (e.g. `values.service.type`, `values.gateway.service.type`).
 */
import { asRecord, asString } from "./props";
import { HELM_TYPES, K8S_SERVICE } from "./resourceTypes";
import type { Props, ResourceRule } from "./types";
import { helmValues } from "./workloads";

const EXPOSED_TYPES = new Set(["loadbalancer", "nodeport"]);
const FIX = "use `type: ClusterIP` and expose the gateway through an Ingress or Gateway API route the platform controls";

function isExposed(type: unknown): type is string {
    const t = asString(type);
    return t !== undefined && EXPOSED_TYPES.has(t.toLowerCase());
}

/** Paths of every `service: {type: LoadBalancer|NodePort}` block in Helm values. */
function exposedHelmServices(v: unknown, path: string, found: string[]): void {
    if (Array.isArray(v)) {
        v.forEach((x, i) => exposedHelmServices(x, `${path}[${i}]`, found));
        return;
    }
    const record = asRecord(v);
    if (!record) return;
    for (const [key, value] of Object.entries(record)) {
        const childPath = `${path}.${key}`;
        if (key === "service" && isExposed(asRecord(value)?.type)) found.push(`${childPath}.type = ${String(asRecord(value)?.type)}`);
        exposedHelmServices(value, childPath, found);
    }
}

export function checkNoPublicServices(type: string, props: Props): string[] {
    if (type === K8S_SERVICE) {
        const serviceType = asRecord(props.spec)?.type;
        return isExposed(serviceType) ? [`Service is of type ${serviceType}, which opens it outside the cluster. Fix: ${FIX}.`] : [];
    }
    if (HELM_TYPES.includes(type)) {
        const found: string[] = [];
        exposedHelmServices(helmValues(props), "values", found);
        return found.map((where) => `Helm ${where} would expose the chart's Service outside the cluster. Fix: set it to ClusterIP; ${FIX}.`);
    }
    return [];
}

export const noPublicServicesRule: ResourceRule = {
    name: "no-public-services",
    description: "No Service (gateway, Postgres, Redis, Presidio, Langfuse: any Service in these stacks) is of type LoadBalancer or NodePort, including Services rendered by Helm.",
    enforcementLevel: "mandatory",
    severity: "high",
    resourceTypes: [K8S_SERVICE, ...HELM_TYPES],
    check: checkNoPublicServices,
};
