/**
 * Gateway pods run as non-root with a read-only root filesystem, so a compromised LiteLLM process (see the
 * 2026 supply-chain incident) can neither write a persistence hook into the image nor act as root.
 *
 * Decision: "gateway" = a container whose IMAGE is a LiteLLM image (ghcr.io/berriai/litellm*,
 * docker.litellm.ai/berriai/litellm*, berriai/litellm*), and a Helm release of LiteLLM's chart. Names and
 * labels are not used: in this project almost everything is named `litellm-gateway-*`, including the
 * verification Job, while the image says exactly which process runs.
 */
import { isLiteLLMImage } from "../../config/image";
import { asString, dig, isUnknown } from "./props";
import { HELM_TYPES, K8S_WORKLOADS } from "./resourceTypes";
import type { Props, ResourceRule } from "./types";
import { helmValues, isLiteLLMChart, podOf } from "./workloads";

/** true/false when decided, undefined when unknown during preview (then we do not judge). */
function isTrue(v: unknown): boolean | undefined {
    return isUnknown(v) ? undefined : v === true;
}

function missingControls(runAsNonRoot: unknown, readOnlyRootFilesystem: unknown): string[] {
    const missing: string[] = [];
    if (isTrue(runAsNonRoot) === false) missing.push("runAsNonRoot: true");
    if (isTrue(readOnlyRootFilesystem) === false) missing.push("readOnlyRootFilesystem: true");
    return missing;
}

export function checkGatewaySecurityContext(type: string, props: Props): string[] {
    if (K8S_WORKLOADS.includes(type)) {
        const pod = podOf(type, props);
        if (!pod) return [];
        const podRunAsNonRoot = dig(pod.podSpec, "securityContext", "runAsNonRoot");
        return pod.containers
            .filter(({ where, container }) => !where.includes(".ephemeralContainers[") && isLiteLLMImage(asString(container.image) ?? ""))
            .flatMap(({ where, container }) => {
                const own = dig(container, "securityContext", "runAsNonRoot");
                const runAsNonRoot = own === undefined ? podRunAsNonRoot : own;
                const missing = missingControls(runAsNonRoot, dig(container, "securityContext", "readOnlyRootFilesystem"));
                if (missing.length === 0) return [];
                return [
                    `LiteLLM container ${where} lacks ${missing.join(" and ")}. Fix: set \`securityContext.runAsNonRoot: true\` (pod or container) ` +
                        "and the container's `securityContext.readOnlyRootFilesystem: true`, with writable emptyDir mounts for /tmp and the migration dir.",
                ];
            });
    }
    if (HELM_TYPES.includes(type) && isLiteLLMChart(props, isLiteLLMImage)) {
        if (isUnknown(props.values)) return [];
        const values = helmValues(props);
        const own = dig(values, "securityContext", "runAsNonRoot");
        const runAsNonRoot = own === undefined ? dig(values, "podSecurityContext", "runAsNonRoot") : own;
        const missing = missingControls(runAsNonRoot, dig(values, "securityContext", "readOnlyRootFilesystem"));
        if (missing.length === 0) return [];
        return [
            `LiteLLM Helm release lacks ${missing.join(" and ")}. Fix: set \`values.securityContext\` to ` +
                "{runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}} " +
                "(or runAsNonRoot in `values.podSecurityContext`); the chart then mounts emptyDirs at /tmp, /.cache and /.npm.",
        ];
    }
    return [];
}

export const gatewaySecurityContextRule: ResourceRule = {
    name: "gateway-non-root-readonly",
    description: "Pods running the LiteLLM image run as non-root with a read-only root filesystem (Kubernetes securityContext or the chart's securityContext/podSecurityContext).",
    enforcementLevel: "mandatory",
    severity: "high",
    resourceTypes: [...K8S_WORKLOADS, ...HELM_TYPES],
    check: checkGatewaySecurityContext,
};
