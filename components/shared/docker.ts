/**
 * Small helpers every Docker component uses, so the conventions live in one place: images are pulled
 * by their pinned reference and kept; containers restart unless stopped; durations and memory limits are
 * written exactly as the Docker provider reads them back, so the first `up` converges (no diff after it).
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";

/** Pulls a pinned image as a child of `parent`; use `.imageId` as the container image. */
export function pinnedImage(parent: pulumi.Resource, name: string, ref: pulumi.Input<string>): docker.RemoteImage {
    return new docker.RemoteImage(name, { name: ref, keepLocally: true }, { parent });
}

export interface HealthcheckOptions {
    intervalSeconds?: number;
    timeoutSeconds?: number;
    retries?: number;
    startPeriodSeconds?: number;
}

/**
 * Whole seconds as Go's `time.Duration` prints them ("5s", "1m0s", "1h2m3s"): the form the Docker provider
 * reads durations back in. Any other spelling ("60s" for "1m0s") shows as a change on every preview.
 */
export function goDuration(seconds: number): string {
    if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`goDuration takes whole, non-negative seconds, got ${seconds}`);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    if (h > 0) return `${h}h${m}m${s}s`;
    if (m > 0) return `${m}m${s}s`;
    return `${s}s`;
}

/** A Docker healthcheck running `test` (exec form) with sane defaults. */
export function healthcheck(test: string[], o: HealthcheckOptions = {}): docker.types.input.ContainerHealthcheck {
    return {
        tests: ["CMD", ...test],
        interval: goDuration(o.intervalSeconds ?? 10),
        timeout: goDuration(o.timeoutSeconds ?? 5),
        retries: o.retries ?? 5,
        startPeriod: goDuration(o.startPeriodSeconds ?? 10),
    };
}

/**
 * A container memory limit with swap off: `memorySwap` (memory + swap) equal to `memory`. Left unset,
 * Docker fills in twice the limit and the provider reads that back as a change the program then
 * removes. No swap is also what a latency-sensitive service wants: it is killed at its limit rather
 * than slowed by paging. (On a host without swap accounting Docker may report -1 here.)
 */
export function memoryLimit(mb: pulumi.Input<number>): { memory: pulumi.Input<number>; memorySwap: pulumi.Input<number> } {
    return { memory: mb, memorySwap: mb };
}

/** One env entry; `secret` marks values that must stay encrypted in state and hidden in output. */
export interface EnvVar {
    name: string;
    value: pulumi.Input<string>;
    secret?: boolean;
}

/** Docker `envs` (`NAME=value`), sorted by name; an entry with a secret value is itself a secret. */
export function dockerEnvs(vars: EnvVar[]): pulumi.Output<string>[] {
    return [...vars]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((v) => {
            const entry = pulumi.interpolate`${v.name}=${v.value}`;
            return v.secret ? pulumi.secret(entry) : entry;
        });
}
