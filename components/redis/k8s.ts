/**
 * Redis inside the cluster for the response cache on `oke` (cache.mode in-cluster): a one-replica
 * Deployment from a pinned image, a generated password kept in a Secret, a ClusterIP Service. A cache
 * needs no persistence, so nothing is saved and the data directory is an emptyDir. Non-root with a
 * read-only root filesystem. The gateway-only NetworkPolicy is added by the stack through `selector`.
 *
 * The password reaches the pod as an env var from the Secret (secretKeyRef) and reaches redis-server on
 * stdin (`redis-server -` reads config from stdin), so it is neither in the pod spec nor in the server's
 * argv (`ps` on the node would show argv). The probes authenticate through REDISCLI_AUTH for the same reason.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { backendLabels, backendSelector } from "../k8s/labels";
import { quantityValue } from "../k8s/quantity";
import { ContainerSize, containerResources } from "../k8s/resources";
import { RedisComponent } from "./contract";
import { REDIS_PORT } from "./docker";

/** The `redis` user of the official images (alpine and debian). */
export const REDIS_UID = 999;
export const REDIS_PASSWORD_KEY = "REDIS_PASSWORD";

export interface KubernetesRedisArgs {
    namespace: pulumi.Input<string>;
    /** Pinned Redis (or Valkey) image. */
    image: pulumi.Input<string>;
    /** Service (and Deployment) name; the host is `<serviceName>.<namespace>.svc.cluster.local`. */
    serviceName: string;
    /**
     * Requests and limits (oke.resources.redis). Redis' `maxmemory` (LRU eviction beyond it) is the memory
     * request, so the limit above it is headroom for the server's own overhead.
     */
    resources: ContainerSize;
    /** UID the server runs as: the image's redis user (config/image-user.ts). Default 999 (the official images' `redis` user). */
    runAsUser?: number;
    /** GID, also the pod's fsGroup. Default: `runAsUser`. */
    runAsGroup?: number;
}

/**
 * The container command. The heredoc is expanded by the shell at start, and `exec` hands its stdin to
 * redis-server, which reads `requirepass` from it; every other setting is a plain flag.
 */
export function redisServerCommand(maxMemoryMb: number): string[] {
    const flags = [`--port ${REDIS_PORT}`, `--maxmemory ${maxMemoryMb}mb`, "--maxmemory-policy allkeys-lru", "--save ''", "--appendonly no", "--dir /data"].join(" ");
    return ["sh", "-c", `exec redis-server - ${flags} <<EOF\nrequirepass $${REDIS_PASSWORD_KEY}\nEOF\n`];
}

/** `redis-cli ping` that only succeeds when the password is accepted (REDISCLI_AUTH is set from the Secret). */
export const REDIS_PING = ["sh", "-c", `redis-cli -p ${REDIS_PORT} ping | grep -q PONG`];

export class KubernetesRedis extends RedisComponent {
    /** Labels selecting the server pod (for NetworkPolicies). */
    readonly selector: Record<string, string>;
    readonly secret: k8s.core.v1.Secret;
    readonly deployment: k8s.apps.v1.Deployment;
    readonly service: k8s.core.v1.Service;

    constructor(name: string, args: KubernetesRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:redis:KubernetesRedis", name, {}, opts);
        const maxMemoryMb = Math.floor(quantityValue(args.resources.memoryRequest) / 2 ** 20);
        const uid = args.runAsUser ?? REDIS_UID;
        const gid = args.runAsGroup ?? uid;
        const labels = backendLabels(args.serviceName, "cache");
        this.selector = backendSelector(args.serviceName);

        // Alphanumeric: it passes through a shell heredoc and LiteLLM's env unchanged.
        const password = pulumi.secret(new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this }).result);
        this.secret = new k8s.core.v1.Secret(
            `${name}-credentials`,
            { metadata: { name: `${args.serviceName}-credentials`, namespace: args.namespace, labels }, type: "Opaque", stringData: { [REDIS_PASSWORD_KEY]: password } },
            { parent: this },
        );
        const fromSecret = { secretKeyRef: { name: this.secret.metadata.name, key: REDIS_PASSWORD_KEY } };

        this.service = new k8s.core.v1.Service(
            `${name}-service`,
            {
                metadata: { name: args.serviceName, namespace: args.namespace, labels },
                spec: { type: "ClusterIP", selector: this.selector, ports: [{ name: "redis", port: REDIS_PORT, targetPort: "redis", protocol: "TCP" }] },
            },
            { parent: this },
        );

        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            {
                metadata: { name: args.serviceName, namespace: args.namespace, labels },
                spec: {
                    replicas: 1,
                    // One pod and no persistence: replacing it empties the cache, which only costs misses.
                    strategy: { type: "Recreate" },
                    selector: { matchLabels: this.selector },
                    template: {
                        metadata: { labels },
                        spec: {
                            automountServiceAccountToken: false,
                            enableServiceLinks: false,
                            securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "redis",
                                    image: args.image,
                                    command: redisServerCommand(maxMemoryMb),
                                    ports: [{ name: "redis", containerPort: REDIS_PORT, protocol: "TCP" }],
                                    env: [
                                        { name: REDIS_PASSWORD_KEY, valueFrom: fromSecret },
                                        { name: "REDISCLI_AUTH", valueFrom: fromSecret },
                                    ],
                                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                    resources: containerResources(args.resources),
                                    startupProbe: { exec: { command: REDIS_PING }, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 30 },
                                    readinessProbe: { exec: { command: REDIS_PING }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
                                    livenessProbe: { exec: { command: REDIS_PING }, initialDelaySeconds: 10, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 4 },
                                    volumeMounts: [
                                        { name: "data", mountPath: "/data" },
                                        { name: "tmp", mountPath: "/tmp" },
                                    ],
                                },
                            ],
                            volumes: [
                                { name: "data", emptyDir: { sizeLimit: "64Mi" } },
                                // The shell's heredoc may need a temporary file.
                                { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
                            ],
                        },
                    },
                },
            },
            { parent: this },
        );

        this.publish({
            host: pulumi.interpolate`${this.service.metadata.name}.${this.service.metadata.namespace}.svc.cluster.local`,
            port: pulumi.output(REDIS_PORT),
            password,
            // Plain TCP inside the cluster network; the NetworkPolicy limits who may connect.
            tls: false,
        });
    }
}
