/**
 * An existing Redis (cache.mode external): host and port from config, the password from the
 * `redisPassword` secret, TLS when the server demands it. Nothing is created; the component only gives
 * the values the shape every other Redis implementation has.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RedisEndpoint } from "./contract";
import { REDIS_PORT } from "./docker";

export interface ExternalRedisArgs {
    /** Host name as the gateway pods resolve it. */
    host: pulumi.Input<string>;
    /** Default 6379. */
    port?: pulumi.Input<number>;
    /** The `redisPassword` secret as read from config; wrapped as a secret here. */
    password: pulumi.Input<string>;
    /** Connect with TLS (REDIS_SSL). Default false. */
    tls?: boolean;
}

export class ExternalRedis extends pulumi.ComponentResource implements RedisEndpoint {
    readonly host: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    readonly password: pulumi.Output<string>;
    readonly tls: boolean;

    constructor(name: string, args: ExternalRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:redis:ExternalRedis", name, {}, opts);
        this.host = pulumi.output(args.host);
        this.port = pulumi.output(args.port ?? REDIS_PORT);
        this.password = pulumi.secret(args.password);
        this.tls = args.tls ?? false;
        this.registerOutputs({ host: this.host, port: this.port, password: this.password });
    }
}
