/**
 * Postgres inside the cluster for the `oke` stack (database.mode in-cluster): a one-replica StatefulSet
 * from a pinned image, a PersistentVolumeClaim, a generated password kept in a Secret, and a ClusterIP
 * Service. Non-root with a read-only root filesystem; only the data volume, the socket dir and /tmp are
 * writable. The gateway-only NetworkPolicy is added by the stack (components/k8s/network-policy.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { backendLabels, backendSelector } from "../k8s/labels";
import { ContainerSize, containerResources } from "../k8s/resources";
import { PostgresComponent } from "./contract";

export const POSTGRES_PORT = 5432;
/** The `postgres` user of the official alpine images; the entrypoint then skips its root-only steps. */
export const POSTGRES_ALPINE_UID = 70;

export interface KubernetesPostgresArgs {
    namespace: pulumi.Input<string>;
    /** Pinned Postgres image. */
    image: pulumi.Input<string>;
    /** Service (and StatefulSet) name; the host is `<serviceName>.<namespace>.svc.cluster.local`. */
    serviceName: string;
    /** Database to create. Default `litellm`. */
    database?: string;
    /** Role to create. Default `litellm`. */
    user?: string;
    /** Volume size in GiB. Default 20. */
    storageGb?: number;
    /** StorageClass of the volume. Default: the cluster default (OKE: oci-bv). */
    storageClassName?: string;
    /** Requests and limits of the server container (oke.resources.postgres). */
    resources: ContainerSize;
    /** UID the server runs as; must be the image's postgres user (config/image-user.ts). Default 70 (alpine images). */
    runAsUser?: number;
    /** GID, also the pod's fsGroup, so the data volume is writable. Default: `runAsUser`. */
    runAsGroup?: number;
}

export class KubernetesPostgres extends PostgresComponent {
    /** No TLS inside the cluster network; the NetworkPolicy limits who may connect. */
    readonly urlQuery = "";
    /** Labels selecting the server pod (for NetworkPolicies). */
    readonly selector: Record<string, string>;
    readonly statefulSet: k8s.apps.v1.StatefulSet;
    readonly service: k8s.core.v1.Service;

    constructor(name: string, args: KubernetesPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:postgres:KubernetesPostgres", name, {}, opts);
        const database = args.database ?? "litellm";
        const user = args.user ?? "litellm";
        const uid = args.runAsUser ?? POSTGRES_ALPINE_UID;
        const gid = args.runAsGroup ?? uid;
        const labels = backendLabels(args.serviceName, "database");
        this.selector = backendSelector(args.serviceName);

        // URL-safe characters only: the password is embedded in DATABASE_URL.
        const password = pulumi.secret(new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this }).result);

        const secret = new k8s.core.v1.Secret(
            `${name}-credentials`,
            { metadata: { name: `${args.serviceName}-credentials`, namespace: args.namespace, labels }, type: "Opaque", stringData: { POSTGRES_PASSWORD: password } },
            { parent: this },
        );

        this.service = new k8s.core.v1.Service(
            `${name}-service`,
            {
                metadata: { name: args.serviceName, namespace: args.namespace, labels },
                spec: { type: "ClusterIP", selector: this.selector, ports: [{ name: "postgres", port: POSTGRES_PORT, targetPort: "postgres", protocol: "TCP" }] },
            },
            { parent: this },
        );

        const isReady = ["pg_isready", "-h", "127.0.0.1", "-U", user, "-d", database];
        this.statefulSet = new k8s.apps.v1.StatefulSet(
            `${name}-statefulset`,
            {
                metadata: { name: args.serviceName, namespace: args.namespace, labels },
                spec: {
                    serviceName: args.serviceName,
                    replicas: 1,
                    selector: { matchLabels: this.selector },
                    template: {
                        metadata: { labels },
                        spec: {
                            automountServiceAccountToken: false,
                            securityContext: { runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "postgres",
                                    image: args.image,
                                    ports: [{ name: "postgres", containerPort: POSTGRES_PORT, protocol: "TCP" }],
                                    env: [
                                        { name: "POSTGRES_DB", value: database },
                                        { name: "POSTGRES_USER", value: user },
                                        { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: secret.metadata.name, key: "POSTGRES_PASSWORD" } } },
                                        // A subdirectory: a fresh block volume's lost+found would make initdb refuse the mount root.
                                        { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
                                    ],
                                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                    resources: containerResources(args.resources),
                                    readinessProbe: { exec: { command: isReady }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 6 },
                                    livenessProbe: { exec: { command: isReady }, initialDelaySeconds: 30, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 6 },
                                    volumeMounts: [
                                        { name: "data", mountPath: "/var/lib/postgresql/data" },
                                        { name: "run", mountPath: "/var/run/postgresql" },
                                        { name: "tmp", mountPath: "/tmp" },
                                    ],
                                },
                            ],
                            volumes: [
                                { name: "run", emptyDir: { sizeLimit: "16Mi" } },
                                { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
                            ],
                        },
                    },
                    volumeClaimTemplates: [
                        {
                            metadata: { name: "data", labels },
                            spec: {
                                accessModes: ["ReadWriteOnce"],
                                ...(args.storageClassName ? { storageClassName: args.storageClassName } : {}),
                                resources: { requests: { storage: `${args.storageGb ?? 20}Gi` } },
                            },
                        },
                    ],
                },
            },
            { parent: this },
        );

        this.publish({
            host: pulumi.interpolate`${this.service.metadata.name}.${this.service.metadata.namespace}.svc.cluster.local`,
            port: pulumi.output(POSTGRES_PORT),
            database: pulumi.output(database),
            user: pulumi.output(user),
            password,
        });
    }
}
