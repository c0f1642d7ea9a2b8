/**
 * Does the oke stack fit a small node? Every pod the stack schedules, with the config key its requests come
 * from, and the warnings `pulumi preview` prints when a pod, or the whole stack, asks for more CPU or memory
 * than one node of `oke.nodeCpu` / `oke.nodeMemory` can allocate. Pure.
 *
 * Why a preview-time warning: a pod the scheduler cannot place stays Pending ("0/1 nodes are available: 1
 * Insufficient cpu"). Pulumi's await shows that reason only as a passing status line while it waits, and the
 * update fails ten minutes later with "timed out waiting to be Ready" (docs/oke.md#sizes-and-scheduling).
 */
import type { GatewaySpec } from "../../config/spec";
import type { OkeSettings } from "../../config/sections/oke";
import { canonicalQuantity, quantityValue } from "./quantity";

export interface PodRequest {
    /** What runs, e.g. `gateway`, `presidio analyzer`. */
    workload: string;
    /** The config keys its CPU and memory requests come from. */
    cpuKey: string;
    memoryKey: string;
    /** Pods of it at once. */
    count: number;
    cpu: string;
    memory: string;
    /** A Job that comes and goes (the migration hook, the verification Job): at most one of them runs at a time. */
    transient: boolean;
}

const res = (w: string) => `oke.resources.${w}`;

/** The pods of the stack, with their requests; none for services outside the cluster. */
export function okePodRequests(spec: GatewaySpec, oke: OkeSettings): PodRequest[] {
    const r = oke.resources;
    const of = (workload: string, key: string, size: { cpuRequest: string; memoryRequest: string }, transient = false): PodRequest => ({
        workload, cpuKey: `${res(key)}.cpuRequest`, memoryKey: `${res(key)}.memoryRequest`, count: 1, cpu: size.cpuRequest, memory: size.memoryRequest, transient,
    });
    return [
        {
            workload: "gateway",
            cpuKey: "oke.cpuRequest",
            memoryKey: "gateway.memoryMb",
            count: oke.autoscaling.enabled ? oke.autoscaling.minReplicas : oke.replicas,
            cpu: oke.cpuRequest,
            memory: `${spec.gateway.memoryMb}Mi`,
            transient: false,
        },
        ...(spec.database.mode === "in-cluster" ? [of("postgres", "postgres", r.postgres)] : []),
        ...(spec.cache.enabled && spec.cache.mode === "in-cluster" ? [of("redis", "redis", r.redis)] : []),
        ...(spec.guardrails.enabled ? [of("presidio analyzer", "presidioAnalyzer", r.presidioAnalyzer), of("presidio anonymizer", "presidioAnonymizer", r.presidioAnonymizer)] : []),
        of("migration hook", "migration", r.migration, true),
        ...(spec.verification.enabled ? [of("verification Job", "verification", r.verification, true)] : []),
    ];
}

export interface PeakRequests {
    cpu: number;
    memory: number;
}

/** Everything that runs steadily, plus the larger of the Jobs (the hook runs before an upgrade, the checks after). */
export function peakRequests(pods: PodRequest[]): PeakRequests {
    const sum = (ps: PodRequest[], f: (p: PodRequest) => number) => ps.reduce((n, p) => n + p.count * f(p), 0);
    const steady = pods.filter((p) => !p.transient);
    const jobs = pods.filter((p) => p.transient);
    return {
        cpu: sum(steady, (p) => quantityValue(p.cpu)) + Math.max(0, ...jobs.map((p) => quantityValue(p.cpu))),
        memory: sum(steady, (p) => quantityValue(p.memory)) + Math.max(0, ...jobs.map((p) => quantityValue(p.memory))),
    };
}

const cores = (n: number) => canonicalQuantity(`${Math.round(n * 1000)}m`);
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2).replace(/\.?0+$/, "")}Gi`;

/** Warnings for `pulumi preview`: each pod too big for a small node, then the whole stack. Empty when it fits. */
export function schedulingWarnings(pods: PodRequest[], node: { cpu: string; memory: string }): string[] {
    const nodeCpu = quantityValue(node.cpu);
    const nodeMemory = quantityValue(node.memory);
    const warnings: string[] = [];
    const setNode = "or set oke.nodeCpu / oke.nodeMemory to the allocatable of your smallest node (kubectl describe node)";
    for (const p of pods) {
        if (quantityValue(p.cpu) > nodeCpu) {
            warnings.push(`${p.cpuKey} (${p.cpu}, the ${p.workload}) is more CPU than a small node allocates (oke.nodeCpu ${node.cpu}): its pod would stay Pending with the scheduler's "Insufficient cpu" and pulumi up would time out. Lower it, ${setNode}.`);
        }
        if (quantityValue(p.memory) > nodeMemory) {
            warnings.push(`${p.memoryKey} (${p.memory}, the ${p.workload}) is more memory than a small node allocates (oke.nodeMemory ${node.memory}): its pod would stay Pending with the scheduler's "Insufficient memory" and pulumi up would time out. Lower it, ${setNode}.`);
        }
    }
    const peak = peakRequests(pods);
    if (peak.cpu > nodeCpu || peak.memory > nodeMemory) {
        const list = pods.map((p) => `${p.workload} ${p.count > 1 ? `${p.count} x ` : ""}${p.cpu}/${p.memory}`).join(", ");
        const nodes = Math.max(Math.ceil(peak.cpu / nodeCpu), Math.ceil(peak.memory / nodeMemory));
        warnings.push(
            `the stack requests ${cores(peak.cpu)} CPU and ${gib(peak.memory)} of memory at its peak (${list}), more than one small node allocates (oke.nodeCpu ${node.cpu}, oke.nodeMemory ${node.memory}); ` +
                `on a single such node some pods stay Pending with "Insufficient cpu" or "Insufficient memory". Give the cluster room for at least ${nodes} such nodes' worth (minus what already runs there), lower oke.cpuRequest, gateway.memoryMb, oke.replicas or oke.resources.*, ${setNode}.`,
        );
    }
    return warnings;
}
