/**
 * A container's `resources` block from the sizes in config (oke.resources.*, OKE_RESOURCE_DEFAULTS), every
 * quantity in the API server's canonical spelling so a refresh shows no change nobody made. Pure.
 */
import { canonicalQuantity } from "./quantity";

/** Requests and limits of one container, as written in config. */
export interface ContainerSize {
    cpuRequest: string;
    /** Unset: no CPU limit. */
    cpuLimit?: string;
    memoryRequest: string;
    memoryLimit: string;
}

export interface ContainerResources {
    requests: { cpu: string; memory: string };
    limits: { memory: string; cpu?: string };
}

export function containerResources(size: ContainerSize): ContainerResources {
    return {
        requests: { cpu: canonicalQuantity(size.cpuRequest), memory: canonicalQuantity(size.memoryRequest) },
        limits: { memory: canonicalQuantity(size.memoryLimit), ...(size.cpuLimit !== undefined ? { cpu: canonicalQuantity(size.cpuLimit) } : {}) },
    };
}
