/**
 * The host ports the docker target publishes on 127.0.0.1, and the rule that no two of them are the same:
 * Docker would create the first container and fail the second with "port is already allocated", after
 * resources exist. A stack test compares this list with the ports the dev stack really publishes, so a new
 * published port cannot be missed here.
 */
import { displayValue, type ConfigProblem } from "./errors";
import type { Target } from "./primitives";
import { langfuseMode, type ObservabilityInput } from "./sections/observability";

export interface PublishedPort {
    /** The config key that sets it, e.g. `gateway.port`. */
    key: string;
    port: number;
    /** What listens there. */
    what: string;
}

/** What the ports depend on. */
export interface HostPortInput extends ObservabilityInput {
    project: string;
    target: Target;
    gateway: { port: number };
    stub: { reportPort: number };
    models: { upstream: string }[];
}

/** Every host port the stack publishes, in deployment order; empty on oke (Services, no host ports). */
export function publishedHostPorts(spec: HostPortInput): PublishedPort[] {
    if (spec.target !== "docker") return [];
    const ports: PublishedPort[] = [{ key: "gateway.port", port: spec.gateway.port, what: "the LiteLLM gateway" }];
    if (spec.models.some((m) => m.upstream === "stub")) ports.push({ key: "stub.reportPort", port: spec.stub.reportPort, what: "the stub model's report" });
    const langfuse = langfuseMode(spec);
    if (langfuse.kind === "self-hosted") ports.push({ key: "observability.uiPort", port: langfuse.settings.uiPort, what: "the Langfuse UI" });
    return ports;
}

/** A clash is reported on the later key, with a free port to move it to. */
export function hostPortRules(spec: HostPortInput): ConfigProblem[] {
    const ports = publishedHostPorts(spec);
    const taken = new Set(ports.map((p) => p.port));
    const free = (from: number) => {
        let p = from + 1;
        while (taken.has(p) || p > 65535) p = p > 65535 ? 1024 : p + 1;
        taken.add(p);
        return p;
    };
    return ports.flatMap((p, i) => {
        const first = ports.slice(0, i).find((q) => q.port === p.port);
        if (!first) return [];
        const move = free(p.port);
        return [{
            key: `${spec.project}:${p.key}`,
            value: displayValue(p.port),
            message: `is also ${first.key}: ${p.what} and ${first.what} cannot both publish 127.0.0.1:${p.port}`,
            fix: `give it a free port, e.g. \`pulumi config set --path ${p.key} ${move}\``,
        }];
    });
}
