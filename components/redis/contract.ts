/**
 * What the gateway needs from any Redis implementation (container, in-cluster, OCI Cache, external).
 */
import * as pulumi from "@pulumi/pulumi";

export interface RedisEndpoint {
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    /** Secret. */
    password: pulumi.Output<string>;
    /** Whether clients must use TLS (OCI Cache does). Known at program time: it decides the gateway's env. */
    tls: boolean;
}

/**
 * Base of every Redis implementation: the endpoint fields are declared once here, and `publish` sets
 * them (the password kept secret) and registers them as outputs. Call it last in the constructor.
 */
export abstract class RedisComponent extends pulumi.ComponentResource implements RedisEndpoint {
    // `declare`: no class-field initialisation that would reset them after super() (pulumi.md §3).
    declare readonly host: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    /** Secret. */
    declare readonly password: pulumi.Output<string>;
    declare readonly tls: boolean;

    protected publish(endpoint: RedisEndpoint): void {
        const published: RedisEndpoint = { ...endpoint, password: pulumi.secret(endpoint.password) };
        Object.assign(this, published);
        this.registerOutputs({ host: published.host, port: published.port, password: published.password, tls: published.tls });
    }
}
