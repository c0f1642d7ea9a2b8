/**
 * Every container has a memory limit. Without one, a leaking gateway worker or an analyzer loading a
 * large model (Presidio) can starve Postgres on the same node or laptop instead of being OOM-killed alone.
 */
import { isLiteLLMImage } from "../../config/image";
import { asRecord, dig, isUnknown } from "./props";
import { DOCKER_CONTAINER, HELM_TYPES, K8S_WORKLOADS } from "./resourceTypes";
import type { Props, ResourceRule } from "./types";
import { helmValues, isLiteLLMChart, podOf } from "./workloads";

function hasValue(v: unknown): boolean {
    return (typeof v === "string" && v.trim() !== "") || (typeof v === "number" && v > 0);
}

export function checkMemoryLimits(type: string, props: Props): string[] {
    if (type === DOCKER_CONTAINER) {
        if (isUnknown(props.memory) || hasValue(props.memory)) return [];
        return ["Docker container has no memory limit. Fix: set `memory` (in MB), e.g. `memory: 1024` for the gateway, `512` for Postgres."];
    }
    if (K8S_WORKLOADS.includes(type)) {
        const pod = podOf(type, props);
        if (!pod) return [];
        return pod.containers
            .filter(({ where }) => !where.includes(".ephemeralContainers[")) // ephemeral containers cannot set resources
            .flatMap(({ where, container }) => {
                const memory = dig(container, "resources", "limits", "memory");
                if (isUnknown(memory) || hasValue(memory)) return [];
                return [`Container ${where} has no memory limit. Fix: set \`resources.limits.memory\` (e.g. "1Gi") next to its requests.`];
            });
    }
    if (HELM_TYPES.includes(type) && isLiteLLMChart(props, isLiteLLMImage)) {
        const values = helmValues(props);
        const memory = dig(values, "resources", "limits", "memory");
        if (isUnknown(props.values) || isUnknown(memory) || hasValue(memory)) return [];
        const resourcesGiven = asRecord(values.resources) !== undefined;
        return [
            `LiteLLM Helm release has no memory limit for the gateway pods${resourcesGiven ? "" : " (the chart default is `resources: {}`)"}. ` +
                'Fix: set `values.resources.limits.memory`, e.g. "2Gi".',
        ];
    }
    return [];
}

export const memoryLimitsRule: ResourceRule = {
    name: "containers-memory-limits",
    description: "Every container has a memory limit: Kubernetes `resources.limits.memory`, Docker `memory`, and the LiteLLM chart's `resources.limits.memory`.",
    enforcementLevel: "mandatory",
    severity: "medium",
    resourceTypes: [DOCKER_CONTAINER, ...K8S_WORKLOADS, ...HELM_TYPES],
    check: checkMemoryLimits,
};
