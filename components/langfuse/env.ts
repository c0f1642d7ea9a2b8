/**
 * The environment of every self-hosted Langfuse service, as pure functions of their wiring, so the lists
 * can be unit-tested and diffed without a provider. Names and semantics: langfuse-presidio.md §3.
 * Every credential is flagged secret; Docker turns the list into `envs`, Kubernetes would use Secrets.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EnvVar } from "../shared/docker";
import { CLICKHOUSE_USER, LANGFUSE_BUCKET, LANGFUSE_HOSTS, LANGFUSE_PORTS } from "./contract";

type Secret = pulumi.Input<string>;

/** What web and worker share (the compose file's `&langfuse-worker-env` anchor). */
export interface LangfuseServerWiring {
    /** Secret. postgresql://… with a percent-encoded password. */
    databaseUrl: Secret;
    clickhousePassword: Secret;
    redisPassword: Secret;
    storageAccessKeyId: Secret;
    storageSecretAccessKey: Secret;
    /** Hashes API keys: changing it invalidates every key. */
    salt: Secret;
    /** Exactly 64 hex characters. */
    encryptionKey: Secret;
    /** Container memory limit; the Node heap is sized below it. */
    memoryMb: number;
}

/** The headless-initialisation values: the org, project, API key pair and first user exist on first boot. */
export interface HeadlessInit {
    orgId: string;
    orgName: string;
    projectId: string;
    projectName: string;
    publicKey: Secret;
    secretKey: Secret;
    userEmail: pulumi.Input<string>;
    userName: string;
    userPassword: Secret;
}

export interface LangfuseWebWiring {
    /** The URL the browser uses for the UI (NextAuth callbacks and cookies). */
    nextauthUrl: pulumi.Input<string>;
    nextauthSecret: Secret;
    init: HeadlessInit;
}

/** Node's heap limit for a container: 3/4 of its memory, leaving room for buffers and native code. */
export function nodeHeapMb(memoryMb: number): number {
    return Math.floor(memoryMb * 0.75);
}

export function langfuseServerEnv(w: LangfuseServerWiring): EnvVar[] {
    return [
        { name: "DATABASE_URL", value: w.databaseUrl, secret: true },
        { name: "SALT", value: w.salt, secret: true },
        { name: "ENCRYPTION_KEY", value: w.encryptionKey, secret: true },
        { name: "CLICKHOUSE_URL", value: `http://${LANGFUSE_HOSTS.clickhouse}:${LANGFUSE_PORTS.clickhouseHttp}` },
        { name: "CLICKHOUSE_MIGRATION_URL", value: `clickhouse://${LANGFUSE_HOSTS.clickhouse}:${LANGFUSE_PORTS.clickhouseNative}` },
        { name: "CLICKHOUSE_USER", value: CLICKHOUSE_USER },
        { name: "CLICKHOUSE_PASSWORD", value: w.clickhousePassword, secret: true },
        // Defaults to true in code; a single-node ClickHouse has no cluster, and migrations fail with it on.
        { name: "CLICKHOUSE_CLUSTER_ENABLED", value: "false" },
        { name: "REDIS_HOST", value: LANGFUSE_HOSTS.redis },
        { name: "REDIS_PORT", value: String(LANGFUSE_PORTS.redis) },
        { name: "REDIS_AUTH", value: w.redisPassword, secret: true },
        { name: "LANGFUSE_S3_EVENT_UPLOAD_BUCKET", value: LANGFUSE_BUCKET },
        { name: "LANGFUSE_S3_EVENT_UPLOAD_REGION", value: "auto" },
        { name: "LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID", value: w.storageAccessKeyId, secret: true },
        { name: "LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY", value: w.storageSecretAccessKey, secret: true },
        { name: "LANGFUSE_S3_EVENT_UPLOAD_ENDPOINT", value: `http://${LANGFUSE_HOSTS.storage}:${LANGFUSE_PORTS.storage}` },
        // MinIO serves buckets by path, not by virtual-host sub-domains.
        { name: "LANGFUSE_S3_EVENT_UPLOAD_FORCE_PATH_STYLE", value: "true" },
        { name: "LANGFUSE_S3_EVENT_UPLOAD_PREFIX", value: "events/" },
        // dev is offline by design: no usage pings to Langfuse.
        { name: "TELEMETRY_ENABLED", value: "false" },
        // Docker sets HOSTNAME to the container id, which would bind the server to the container IP only
        // and make the 127.0.0.1 healthcheck fail.
        { name: "HOSTNAME", value: "0.0.0.0" },
        { name: "NODE_OPTIONS", value: `--max-old-space-size=${nodeHeapMb(w.memoryMb)}` },
    ];
}

/**
 * `LANGFUSE_INIT_*`: read by the web container only. `LANGFUSE_INIT_ORG_ID` gates the rest; the key pair
 * and the user are created once (later changes to them are ignored, so rotate both keys together).
 */
export function headlessInitEnv(init: HeadlessInit): EnvVar[] {
    return [
        { name: "LANGFUSE_INIT_ORG_ID", value: init.orgId },
        { name: "LANGFUSE_INIT_ORG_NAME", value: init.orgName },
        { name: "LANGFUSE_INIT_PROJECT_ID", value: init.projectId },
        { name: "LANGFUSE_INIT_PROJECT_NAME", value: init.projectName },
        { name: "LANGFUSE_INIT_PROJECT_PUBLIC_KEY", value: init.publicKey, secret: true },
        { name: "LANGFUSE_INIT_PROJECT_SECRET_KEY", value: init.secretKey, secret: true },
        { name: "LANGFUSE_INIT_USER_EMAIL", value: init.userEmail },
        { name: "LANGFUSE_INIT_USER_NAME", value: init.userName },
        { name: "LANGFUSE_INIT_USER_PASSWORD", value: init.userPassword, secret: true },
    ];
}

export function langfuseWebEnv(server: LangfuseServerWiring, web: LangfuseWebWiring): EnvVar[] {
    return [
        ...langfuseServerEnv(server),
        { name: "NEXTAUTH_URL", value: web.nextauthUrl },
        { name: "NEXTAUTH_SECRET", value: web.nextauthSecret, secret: true },
        // The provisioned user is the only one; nobody else who reaches the port can sign up.
        { name: "AUTH_DISABLE_SIGNUP", value: "true" },
        ...headlessInitEnv(web.init),
    ];
}

export function langfuseWorkerEnv(server: LangfuseServerWiring): EnvVar[] {
    return langfuseServerEnv(server);
}

export function clickhouseEnv(password: Secret): EnvVar[] {
    return [
        { name: "CLICKHOUSE_DB", value: "default" },
        { name: "CLICKHOUSE_USER", value: CLICKHOUSE_USER },
        { name: "CLICKHOUSE_PASSWORD", value: password, secret: true },
        // Langfuse requires ClickHouse to run in UTC.
        { name: "TZ", value: "UTC" },
    ];
}

export function minioEnv(accessKeyId: Secret, secretAccessKey: Secret): EnvVar[] {
    return [
        { name: "MINIO_ROOT_USER", value: accessKeyId, secret: true },
        { name: "MINIO_ROOT_PASSWORD", value: secretAccessKey, secret: true },
    ];
}

/** Redis reads no password from env by itself: the command below passes it on from this variable. */
export function redisEnv(password: Secret): EnvVar[] {
    return [{ name: "REDIS_PASSWORD", value: password, secret: true }];
}

/**
 * Redis as Langfuse needs it: password required, and `noeviction` (an evicted BullMQ key loses a queued
 * ingestion job). The password comes from the env through the shell, never through argv in `docker inspect`;
 * the image's entrypoint still runs, so the server drops root as usual.
 */
export const REDIS_COMMAND = ["sh", "-c", 'exec docker-entrypoint.sh redis-server --requirepass "$REDIS_PASSWORD" --maxmemory-policy noeviction'];

/**
 * MinIO creates the bucket by creating its directory before the server starts (the compose file's way).
 * The entrypoint is replaced: MinIO's own prefixes every command with `minio`.
 */
export const MINIO_ENTRYPOINT = ["sh", "-c"];
export const MINIO_COMMAND = [`mkdir -p /data/${LANGFUSE_BUCKET} && exec minio server --address :${LANGFUSE_PORTS.storage} --console-address :9001 /data`];
