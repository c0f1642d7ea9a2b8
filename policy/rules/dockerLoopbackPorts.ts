/**
 * Docker containers publish ports on the loopback interface only. The `dev` stack runs on a laptop: a
 * port on 0.0.0.0 puts a gateway holding the master key (or Postgres) on the café Wi-Fi.
 *
 * Every `ports[]` entry publishes something: without `ip`, Docker binds 0.0.0.0, and without `external` it
 * picks a random host port (>= 32768). So every entry must name a loopback `ip`; containers reached only
 * over the private Docker network should have no `ports` at all.
 */
import { asArray, asRecord, asString, isUnknown } from "./props";
import { DOCKER_CONTAINER } from "./resourceTypes";
import type { Props, ResourceRule } from "./types";

const LOOPBACK = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

export function checkDockerLoopbackPorts(type: string, props: Props): string[] {
    if (type !== DOCKER_CONTAINER) return [];
    return asArray(props.ports).flatMap((p, i) => {
        const port = asRecord(p);
        if (!port || isUnknown(port.ip)) return [];
        const ip = asString(port.ip);
        if (ip !== undefined && LOOPBACK.has(ip.trim().toLowerCase())) return [];
        const internal = isUnknown(port.internal) ? "?" : String(port.internal ?? "?");
        const external = port.external === undefined ? "a random host port" : `host port ${String(port.external)}`;
        const bound = ip === undefined || ip === "" ? "0.0.0.0 (Docker's default when `ip` is absent)" : ip;
        return [
            `ports[${i}] publishes container port ${internal} on ${external} at ${bound}. ` +
                'Fix: set `ip: "127.0.0.1"` on the port, or drop the entry if only other containers on the network need it.',
        ];
    });
}

export const dockerLoopbackPortsRule: ResourceRule = {
    name: "docker-ports-loopback-only",
    description: "Docker containers publish ports on 127.0.0.1 (or ::1) only; a missing ip means 0.0.0.0.",
    enforcementLevel: "mandatory",
    severity: "high",
    resourceTypes: [DOCKER_CONTAINER],
    check: checkDockerLoopbackPorts,
};
