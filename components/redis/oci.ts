/**
 * OCI Cache for the response cache on `oke` (cache.mode oci-cache): an `oci.redis.RedisCluster` in a
 * private subnet, non-sharded (LiteLLM's plain Redis client cannot follow cluster redirects).
 *
 * The service accepts TLS connections only, so clients must use TLS (REDIS_SSL) and connect through the
 * primary FQDN, which the certificate names, never the IP (pulumi.md §9).
 *
 * Authentication: a new OCI Cache cluster asks for no password. Who may connect is decided by the subnet's
 * security lists and the NSGs (`nsgIds`), and traffic is encrypted. So `password` is an empty secret and
 * the gateway sends no AUTH (redis-py skips AUTH for an empty password). OCI Cache users
 * (`oci.redis.OciCacheUser`) could add password auth; they are not used here.
 *
 * Pass the explicit OCI provider through `opts.providers`.
 */
import * as oci from "@pulumi/oci";
import * as pulumi from "@pulumi/pulumi";
import { RedisComponent } from "./contract";
import { REDIS_PORT } from "./docker";

export const OCI_CACHE_DEFAULTS = { nodeCount: 1, nodeMemoryInGbs: 2, softwareVersion: "VALKEY_7_2" } as const;

export interface OciRedisArgs {
    compartmentId: pulumi.Input<string>;
    /** Private subnet of the cluster; must be reachable from the OKE pods on 6379. */
    subnetId: pulumi.Input<string>;
    /** Network security groups of the cluster (allow 6379 from the OKE pod/worker subnets). Default: none. */
    nsgIds?: pulumi.Input<string>[];
    displayName: pulumi.Input<string>;
    /** One primary plus replicas. Default 1: a cache loss costs only misses. */
    nodeCount?: pulumi.Input<number>;
    /** Memory per node in GB. Default 2. */
    nodeMemoryInGbs?: pulumi.Input<number>;
    /** Engine and version, e.g. VALKEY_7_2 or REDIS_7_0. Default VALKEY_7_2. */
    softwareVersion?: pulumi.Input<string>;
}

export class OciRedis extends RedisComponent {
    readonly cluster: oci.redis.RedisCluster;

    constructor(name: string, args: OciRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:redis:OciRedis", name, {}, opts);
        this.cluster = new oci.redis.RedisCluster(
            `${name}-cluster`,
            {
                compartmentId: args.compartmentId,
                displayName: args.displayName,
                subnetId: args.subnetId,
                ...(args.nsgIds ? { nsgIds: args.nsgIds } : {}),
                clusterMode: "NONSHARDED",
                nodeCount: args.nodeCount ?? OCI_CACHE_DEFAULTS.nodeCount,
                nodeMemoryInGbs: args.nodeMemoryInGbs ?? OCI_CACHE_DEFAULTS.nodeMemoryInGbs,
                softwareVersion: args.softwareVersion ?? OCI_CACHE_DEFAULTS.softwareVersion,
                freeformTags: { "part-of": "litellm-gateway", "managed-by": "pulumi" },
            },
            { parent: this },
        );
        // The FQDN, not primaryEndpointIpAddress: it matches the service certificate.
        // The password is empty (no AUTH), kept secret like every other implementation's; OCI Cache accepts TLS only.
        this.publish({ host: this.cluster.primaryFqdn, port: pulumi.output(REDIS_PORT), password: pulumi.output(""), tls: true });
    }
}
