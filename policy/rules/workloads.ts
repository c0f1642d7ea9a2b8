/**
 * Where the containers of each Kubernetes workload and each Helm release live in the props, so the rules
 * talk about containers and never about the shape of a CronJob.
 */
import { asArray, asRecord, asString, dig, isUnknown } from "./props";
import { K8S_CRON_JOB, K8S_POD, K8S_WORKLOADS } from "./resourceTypes";
import type { Props } from "./types";

export interface ContainerView {
    /** A readable location for messages, e.g. `spec.template.spec.containers[0] (litellm)`. */
    where: string;
    name?: string;
    container: Record<string, unknown>;
}

export interface PodView {
    /** Path of the pod spec inside the props. */
    specPath: string;
    podSpec: Record<string, unknown>;
    containers: ContainerView[];
}

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

function podSpecPath(type: string): string[] | undefined {
    if (type === K8S_POD) return ["spec"];
    if (type === K8S_CRON_JOB) return ["spec", "jobTemplate", "spec", "template", "spec"];
    if (K8S_WORKLOADS.includes(type)) return ["spec", "template", "spec"];
    return undefined;
}

/** The pod spec and its containers, or undefined when the type is not a workload or the spec is unknown. */
export function podOf(type: string, props: Props): PodView | undefined {
    const path = podSpecPath(type);
    if (!path) return undefined;
    const podSpec = asRecord(dig(props, ...path));
    if (!podSpec) return undefined;
    const specPath = path.join(".");
    const containers: ContainerView[] = [];
    for (const list of CONTAINER_LISTS) {
        asArray(podSpec[list]).forEach((c, i) => {
            const container = asRecord(c);
            if (!container) return;
            const name = asString(container.name);
            containers.push({ where: `${specPath}.${list}[${i}]${name ? ` (${name})` : ""}`, name, container });
        });
    }
    return { specPath, podSpec, containers };
}

/** True when the Helm release (v3 Release or v4 Chart) installs LiteLLM's chart or runs a LiteLLM image. */
export function isLiteLLMChart(props: Props, isLiteLLMImage: (ref: string) => boolean): boolean {
    const chart = asString(props.chart) ?? "";
    if (/litellm/i.test(chart)) return true;
    const repository = asString(dig(props, "values", "image", "repository"));
    return repository !== undefined && isLiteLLMImage(repository);
}

/** Helm values as a record (empty when absent or unknown). */
export function helmValues(props: Props): Record<string, unknown> {
    const values = props.values;
    return isUnknown(values) ? {} : (asRecord(values) ?? {});
}
