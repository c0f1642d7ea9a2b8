/**
 * Redis for the response cache on `dev`: pinned image, password-protected (generated secret),
 * healthcheck, memory-capped with LRU eviction, reachable only on the private network.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { dockerEnvs, healthcheck, memoryLimit, pinnedImage } from "../shared/docker";
import { RedisComponent } from "./contract";

export interface DockerRedisArgs {
    /** Name of the private Docker network to join. */
    network: pulumi.Input<string>;
    /** Pinned Redis (or Valkey) image. */
    image: pulumi.Input<string>;
    /** Network alias used as host name. Default `redis`. */
    hostAlias?: string;
    /** Redis maxmemory in MB; the container limit is 64 MB above it. Default 256. */
    maxMemoryMb?: number;
}

export const REDIS_PORT = 6379;

export class DockerRedis extends RedisComponent {
    readonly container: docker.Container;

    constructor(name: string, args: DockerRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:redis:DockerRedis", name, {}, opts);
        const alias = args.hostAlias ?? "redis";
        const maxMemoryMb = args.maxMemoryMb ?? 256;
        const password = pulumi.secret(new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this }).result);

        const image = pinnedImage(this, `${name}-image`, args.image);
        this.container = new docker.Container(
            `${name}-container`,
            {
                name: `${name}`,
                image: image.imageId,
                // The password comes from env, expanded by the shell, so it never sits in the container's args.
                command: ["sh", "-c", `exec redis-server --requirepass "$REDIS_PASSWORD" --maxmemory ${maxMemoryMb}mb --maxmemory-policy allkeys-lru --save ""`],
                envs: dockerEnvs([{ name: "REDIS_PASSWORD", value: password, secret: true }]),
                networksAdvanced: [{ name: args.network, aliases: [alias] }],
                healthcheck: healthcheck(["sh", "-c", 'redis-cli --no-auth-warning -a "$REDIS_PASSWORD" ping | grep -q PONG'], { intervalSeconds: 2, retries: 15 }),
                ...memoryLimit(maxMemoryMb + 64),
                restart: "unless-stopped",
                wait: true,
                waitTimeout: 60,
            },
            { parent: this },
        );
        this.publish({ host: pulumi.output(alias), port: pulumi.output(REDIS_PORT), password, tls: false });
    }
}
