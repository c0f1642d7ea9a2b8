/**
 * An existing Redis (cache.mode external): host and port from config, the password from the
 * `redisPassword` secret, TLS when the server demands it. Nothing is created; the component only gives
 * the values the shape every other Redis implementation has.
 */
import * as pulumi from "@pulumi/pulumi";
import { RedisComponent } from "./contract";
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

export class ExternalRedis extends RedisComponent {

    constructor(name: string, args: ExternalRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:redis:ExternalRedis", name, {}, opts);
        this.publish({ host: pulumi.output(args.host), port: pulumi.output(args.port ?? REDIS_PORT), password: pulumi.output(args.password), tls: args.tls ?? false });
    }
}
