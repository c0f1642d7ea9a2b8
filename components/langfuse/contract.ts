/**
 * What the gateway and the verification need from any Langfuse (self-hosted on dev, or external): where
 * to send traces, where to read them, and the project's API key pair (secret). Plus the in-network names
 * and ports of the self-hosted services, shared by the component and its env lists.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface LangfuseEndpoint {
    /** Base URL the gateway exports to (OTLP under /api/public/otel). */
    internalUrl: pulumi.Output<string>;
    /** Base URL of the UI and public API as reachable from where `pulumi up` runs. */
    uiUrl: pulumi.Output<string>;
    /** Secret. Project public key (pk-lf-…). */
    publicKey: pulumi.Output<string>;
    /** Secret. Project secret key (sk-lf-…). */
    secretKey: pulumi.Output<string>;
}

/** Network aliases of the self-hosted services on the stack's private network. */
export const LANGFUSE_HOSTS = {
    web: "langfuse-web",
    worker: "langfuse-worker",
    postgres: "langfuse-postgres",
    clickhouse: "langfuse-clickhouse",
    redis: "langfuse-redis",
    storage: "langfuse-minio",
} as const;

export const LANGFUSE_PORTS = {
    web: 3000,
    worker: 3030,
    postgres: 5432,
    clickhouseHttp: 8123,
    clickhouseNative: 9000,
    redis: 6379,
    storage: 9000,
} as const;

/** The bucket MinIO creates at start and Langfuse uploads raw events to. */
export const LANGFUSE_BUCKET = "langfuse";

/** ClickHouse's user for Langfuse (its password is generated). */
export const CLICKHOUSE_USER = "clickhouse";

/** The in-network base URL of the web container: what the gateway exports traces to. */
export const LANGFUSE_INTERNAL_URL = `http://${LANGFUSE_HOSTS.web}:${LANGFUSE_PORTS.web}`;
