/**
 * Labels every oke resource shares, and the selectors NetworkPolicies use to tell the pods apart.
 * The gateway's selector is the LiteLLM chart's own (`litellm.selectorLabels`: name + instance), which
 * its migration hook Job carries too, so "the gateway may reach Postgres" also covers migrations.
 */

export const PART_OF = { "app.kubernetes.io/part-of": "litellm-gateway", "app.kubernetes.io/managed-by": "pulumi" } as const;

/** The chart's `nameOverride`; part of its selector labels. */
export const CHART_NAME = "litellm";

/** Pods of the LiteLLM release `releaseName` (Deployment and migration hook Job). */
export function gatewaySelector(releaseName: string): Record<string, string> {
    return { "app.kubernetes.io/name": CHART_NAME, "app.kubernetes.io/instance": releaseName };
}

/** The in-cluster verification Job; the policy pack's `verification-enabled` rule looks for this label. */
export const VERIFICATION_COMPONENT = { "app.kubernetes.io/component": "verification" } as const;

export function verificationLabels(): Record<string, string> {
    return { ...PART_OF, "app.kubernetes.io/name": "litellm-gateway-verification", ...VERIFICATION_COMPONENT };
}

/** Selector of a backend the gateway talks to (Postgres now; Redis and Presidio later). */
export function backendSelector(name: string): Record<string, string> {
    return { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": PART_OF["app.kubernetes.io/part-of"] };
}

/** Labels of a backend's pods and objects. */
export function backendLabels(name: string, component: string): Record<string, string> {
    return { ...PART_OF, ...backendSelector(name), "app.kubernetes.io/component": component };
}
