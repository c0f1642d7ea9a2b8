/**
 * A self-hosted Langfuse on the `dev` stack's private Docker network: web + worker (one pinned major),
 * Postgres, ClickHouse, Redis and MinIO, as the current release requires (langfuse-presidio.md §3).
 * Headless initialisation creates the org, project, API key pair and a user on first boot, with every
 * credential generated as a secret. Only the web UI is published, on 127.0.0.1.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { DockerPostgres } from "../postgres/docker";
import { dockerEnvs, healthcheck, memoryLimit, pinnedImage } from "../shared/docker";
import { LANGFUSE_HOSTS, LANGFUSE_INTERNAL_URL, LANGFUSE_PORTS, LangfuseEndpoint } from "./contract";
import { LangfuseCredentials } from "./credentials";
import { clickhouseContainer, minioContainer, redisContainer } from "./docker-datastores";
import { langfuseWebEnv, langfuseWorkerEnv, LangfuseServerWiring } from "./env";

export interface DockerLangfuseMemory {
    /** Default 1536. */
    web?: number;
    /** Default 1024. */
    worker?: number;
    /** Default 2048. */
    clickhouse?: number;
    /** Default 512. */
    postgres?: number;
    /** Default 256. */
    redis?: number;
    /** Default 512. */
    storage?: number;
}

export interface DockerLangfuseArgs {
    /** Name of the private Docker network to join. */
    network: pulumi.Input<string>;
    /** Pinned images; web and worker must be the same Langfuse version. */
    images: { web: string; worker: string; clickhouse: string; postgres: string; redis: string; storage: string };
    /** Host port of the web UI, bound to 127.0.0.1. Default 3000. */
    uiPort?: number;
    /** E-mail of the user created at first boot. Default `admin@example.com`. */
    userEmail?: pulumi.Input<string>;
    /** Organisation id of the headless initialisation. Default `litellm-gateway`. */
    orgId?: string;
    /** Project id of the headless initialisation. Default `litellm-gateway`. */
    projectId?: string;
    /** Name of the organisation and the project in the UI. Default "LiteLLM Gateway". */
    displayName?: string;
    /** Project public key to provision (secret). Default: generated `pk-lf-…`. */
    publicKey?: pulumi.Input<string>;
    /** Project secret key to provision (secret). Default: generated `sk-lf-…`. */
    secretKey?: pulumi.Input<string>;
    /** Memory limits in MB (laptop-sized; Langfuse's production minimums are far larger). */
    memoryMb?: DockerLangfuseMemory;
    /** Seconds to wait for the web container: first boot runs Postgres and ClickHouse migrations. Default 600. */
    webWaitTimeoutSeconds?: number;
}

export class DockerLangfuse extends pulumi.ComponentResource implements LangfuseEndpoint {
    readonly internalUrl: pulumi.Output<string>;
    /** e.g. http://127.0.0.1:3000: the UI and the public API, from the host. */
    readonly uiUrl: pulumi.Output<string>;
    readonly publicKey: pulumi.Output<string>;
    readonly secretKey: pulumi.Output<string>;
    readonly userEmail: pulumi.Output<string>;
    /** Secret. */
    readonly userPassword: pulumi.Output<string>;
    readonly web: docker.Container;
    readonly worker: docker.Container;

    constructor(name: string, args: DockerLangfuseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:langfuse:DockerLangfuse", name, {}, opts);
        const uiPort = args.uiPort ?? 3000;
        const memory = { web: 1536, worker: 1024, clickhouse: 2048, postgres: 512, redis: 256, storage: 512, ...args.memoryMb };
        const displayName = args.displayName ?? "LiteLLM Gateway";

        const creds = new LangfuseCredentials(`${name}-credentials`, { publicKey: args.publicKey, secretKey: args.secretKey }, { parent: this });
        const postgres = new DockerPostgres(
            `${name}-postgres-db`,
            { network: args.network, image: args.images.postgres, database: "langfuse", user: "langfuse", hostAlias: LANGFUSE_HOSTS.postgres, memoryMb: memory.postgres },
            { parent: this },
        );
        const stores = { parent: this, name, network: args.network };
        const clickhouse = clickhouseContainer(stores, args.images.clickhouse, creds.clickhousePassword, memory.clickhouse);
        const redis = redisContainer(stores, args.images.redis, creds.redisPassword, memory.redis);
        const storage = minioContainer(stores, args.images.storage, creds.storageAccessKeyId, creds.storageSecretAccessKey, memory.storage);
        const datastores = [postgres, clickhouse, redis, storage];

        const server = (memoryMb: number): LangfuseServerWiring => ({
            databaseUrl: postgres.url,
            clickhousePassword: creds.clickhousePassword,
            redisPassword: creds.redisPassword,
            storageAccessKeyId: creds.storageAccessKeyId,
            storageSecretAccessKey: creds.storageSecretAccessKey,
            salt: creds.salt,
            encryptionKey: creds.encryptionKey,
            memoryMb,
        });
        this.uiUrl = pulumi.output(`http://127.0.0.1:${uiPort}`);
        this.userEmail = pulumi.output(args.userEmail ?? "admin@example.com");

        const webImage = pinnedImage(this, `${name}-web-image`, args.images.web);
        this.web = new docker.Container(
            `${name}-web-container`,
            {
                name: `${name}-web`,
                image: webImage.imageId,
                envs: dockerEnvs(
                    langfuseWebEnv(server(memory.web), {
                        nextauthUrl: this.uiUrl,
                        nextauthSecret: creds.nextauthSecret,
                        init: {
                            orgId: args.orgId ?? "litellm-gateway",
                            orgName: displayName,
                            projectId: args.projectId ?? "litellm-gateway",
                            projectName: displayName,
                            publicKey: creds.publicKey,
                            secretKey: creds.secretKey,
                            userEmail: this.userEmail,
                            userName: "Gateway Admin",
                            userPassword: creds.userPassword,
                        },
                    }),
                ),
                ports: [{ internal: LANGFUSE_PORTS.web, external: uiPort, ip: "127.0.0.1" }],
                networksAdvanced: [{ name: args.network, aliases: [LANGFUSE_HOSTS.web] }],
                healthcheck: nodeHttpHealthcheck(`http://127.0.0.1:${LANGFUSE_PORTS.web}/api/public/health`),
                ...memoryLimit(memory.web),
                restart: "unless-stopped",
                wait: true,
                waitTimeout: args.webWaitTimeoutSeconds ?? 600,
            },
            { parent: this, dependsOn: datastores },
        );

        const workerImage = pinnedImage(this, `${name}-worker-image`, args.images.worker);
        this.worker = new docker.Container(
            `${name}-worker-container`,
            {
                name: `${name}-worker`,
                image: workerImage.imageId,
                envs: dockerEnvs(langfuseWorkerEnv(server(memory.worker))),
                networksAdvanced: [{ name: args.network, aliases: [LANGFUSE_HOSTS.worker] }],
                healthcheck: nodeHttpHealthcheck(`http://127.0.0.1:${LANGFUSE_PORTS.worker}/api/health`),
                ...memoryLimit(memory.worker),
                restart: "unless-stopped",
                wait: true,
                waitTimeout: 300,
            },
            // After web: web runs the ClickHouse migrations the worker's writes depend on.
            { parent: this, dependsOn: [...datastores, this.web] },
        );

        this.internalUrl = pulumi.output(LANGFUSE_INTERNAL_URL);
        this.publicKey = creds.publicKey;
        this.secretKey = creds.secretKey;
        this.userPassword = creds.userPassword;
        this.registerOutputs({
            internalUrl: this.internalUrl,
            uiUrl: this.uiUrl,
            publicKey: this.publicKey,
            secretKey: this.secretKey,
            userEmail: this.userEmail,
            userPassword: this.userPassword,
        });
    }
}

/** Web and worker images are Node: probe with Node's fetch rather than hope for curl or wget. */
function nodeHttpHealthcheck(url: string): docker.types.input.ContainerHealthcheck {
    return healthcheck(["node", "-e", `fetch('${url}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`], {
        intervalSeconds: 10,
        timeoutSeconds: 5,
        retries: 30,
        // First boot runs the migrations (the docs: "after about 2-3 minutes ... 'Ready'").
        startPeriodSeconds: 180,
    });
}
