/**
 * The three stores behind a self-hosted Langfuse on Docker, besides Postgres: ClickHouse (traces),
 * Redis (queues and cache) and MinIO (raw event uploads). Each is a child container of the DockerLangfuse
 * component: pinned image, healthcheck Pulumi waits on, memory limit, private network only.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { dockerEnvs, healthcheck, memoryLimit, pinnedImage } from "../shared/docker";
import { LANGFUSE_HOSTS, LANGFUSE_PORTS } from "./contract";
import { clickhouseEnv, MINIO_COMMAND, MINIO_ENTRYPOINT, minioEnv, REDIS_COMMAND, redisEnv } from "./env";

export interface DatastoreContext {
    /** The DockerLangfuse component: parent of everything created here. */
    parent: pulumi.Resource;
    /** Component name; children are `${name}-<role>`. */
    name: string;
    network: pulumi.Input<string>;
}

const common = { restart: "unless-stopped", wait: true, waitTimeout: 180 } as const;

export function clickhouseContainer(ctx: DatastoreContext, image: string, password: pulumi.Input<string>, memoryMb: number): docker.Container {
    const role = `${ctx.name}-clickhouse`;
    const pulled = pinnedImage(ctx.parent, `${role}-image`, image);
    const data = new docker.Volume(`${role}-data`, { name: `${role}-data` }, { parent: ctx.parent });
    const logs = new docker.Volume(`${role}-logs`, { name: `${role}-logs` }, { parent: ctx.parent });
    return new docker.Container(
        `${role}-container`,
        {
            name: role,
            image: pulled.imageId,
            envs: dockerEnvs(clickhouseEnv(password)),
            // The image's clickhouse user, as in Langfuse's compose file.
            user: "101:101",
            ulimits: [{ name: "nofile", soft: 262144, hard: 262144 }],
            volumes: [
                { volumeName: data.name, containerPath: "/var/lib/clickhouse" },
                { volumeName: logs.name, containerPath: "/var/log/clickhouse-server" },
            ],
            networksAdvanced: [{ name: ctx.network, aliases: [LANGFUSE_HOSTS.clickhouse] }],
            healthcheck: healthcheck(["wget", "--no-verbose", "--tries=1", "--spider", `http://localhost:${LANGFUSE_PORTS.clickhouseHttp}/ping`], { intervalSeconds: 5, retries: 20 }),
            ...memoryLimit(memoryMb),
            ...common,
        },
        { parent: ctx.parent },
    );
}

export function redisContainer(ctx: DatastoreContext, image: string, password: pulumi.Input<string>, memoryMb: number): docker.Container {
    const role = `${ctx.name}-redis-queue`;
    const pulled = pinnedImage(ctx.parent, `${role}-image`, image);
    return new docker.Container(
        `${role}-container`,
        {
            name: role,
            image: pulled.imageId,
            command: REDIS_COMMAND,
            envs: dockerEnvs(redisEnv(password)),
            networksAdvanced: [{ name: ctx.network, aliases: [LANGFUSE_HOSTS.redis] }],
            healthcheck: healthcheck(["sh", "-c", 'redis-cli -a "$REDIS_PASSWORD" --no-auth-warning ping | grep -q PONG'], { intervalSeconds: 3, retries: 20 }),
            ...memoryLimit(memoryMb),
            ...common,
        },
        { parent: ctx.parent },
    );
}

export function minioContainer(ctx: DatastoreContext, image: string, accessKeyId: pulumi.Input<string>, secretAccessKey: pulumi.Input<string>, memoryMb: number): docker.Container {
    const role = `${ctx.name}-minio-storage`;
    const pulled = pinnedImage(ctx.parent, `${role}-image`, image);
    const data = new docker.Volume(`${role}-data`, { name: `${role}-data` }, { parent: ctx.parent });
    return new docker.Container(
        `${role}-container`,
        {
            name: role,
            image: pulled.imageId,
            entrypoints: MINIO_ENTRYPOINT,
            command: MINIO_COMMAND,
            envs: dockerEnvs(minioEnv(accessKeyId, secretAccessKey)),
            volumes: [{ volumeName: data.name, containerPath: "/data" }],
            networksAdvanced: [{ name: ctx.network, aliases: [LANGFUSE_HOSTS.storage] }],
            healthcheck: healthcheck(["mc", "ready", "local"], { intervalSeconds: 3, retries: 20 }),
            ...memoryLimit(memoryMb),
            ...common,
        },
        { parent: ctx.parent },
    );
}
