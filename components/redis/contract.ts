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
