/**
 * Small helpers every Docker component uses, so the conventions live in one place: images are pulled
 * by their pinned reference and kept; containers restart unless stopped; durations are Docker strings.
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

/** A Docker healthcheck running `test` (exec form) with sane defaults. */
export function healthcheck(test: string[], o: HealthcheckOptions = {}): docker.types.input.ContainerHealthcheck {
    return {
        tests: ["CMD", ...test],
        interval: `${o.intervalSeconds ?? 10}s`,
        timeout: `${o.timeoutSeconds ?? 5}s`,
        retries: o.retries ?? 5,
        startPeriod: `${o.startPeriodSeconds ?? 10}s`,
    };
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
