/**
 * What the gateway needs from any Redis implementation (container, in-cluster, OCI Cache, external).
 */
import * as pulumi from "@pulumi/pulumi";

export interface RedisEndpoint {
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    /** Secret. */
    password: pulumi.Output<string>;
    /** Whether clients must use TLS (OCI Cache does). */
    tls: pulumi.Output<boolean>;
}
