/**
 * The Redis response cache on the oke stack, by `cache.mode`: three sibling components behind the
 * RedisEndpoint contract. The gateway env is the same as on dev (cacheGatewayEnv): host, port, the password
 * (a secret, so it lands in `<release>-env` and is read through secretKeyRef) and REDIS_SSL.
 */
import { imageRunAs } from "../../config/image-user";
import { cacheGatewayEnv } from "../../components/gateway/features/cache";
import type { OkeFeatureContext, OkeFeatureResult } from "../../components/k8s/features";
import type { BackendArgs } from "../../components/k8s/network-policy";
import { REDIS_PORT } from "../../components/redis/docker";
import { ExternalRedis } from "../../components/redis/external";
import { KubernetesRedis } from "../../components/redis/k8s";
import { OciRedis } from "../../components/redis/oci";

export type OkeRedis = KubernetesRedis | OciRedis | ExternalRedis;

export function createOkeRedis(ctx: OkeFeatureContext): OkeRedis {
    const { spec, oke, prefix } = ctx;
    const c = spec.cache;
    switch (c.mode) {
        case "in-cluster": {
            const runAs = imageRunAs("redis", c.image, c);
            if (!runAs) throw new Error(`okeCache: cannot tell the user of '${c.image}' (config validation should have said so)`);
            return new KubernetesRedis(`${prefix}-redis`, { namespace: ctx.namespace, image: c.image, serviceName: `${oke.releaseName}-redis`, resources: oke.resources.redis, runAsUser: runAs.user, runAsGroup: runAs.group }, ctx.opts);
        }
        case "oci-cache": {
            if (!c.oci || !spec.oci.compartmentId) throw new Error("okeCache: oci-cache needs cache.oci.subnetId and oci.compartmentId (config validation should have said so)");
            // Never fall back to the ambient OCI provider (~/.oci/config): the stack must hand us its explicit one.
            if (!ctx.ociOpts.providers) throw new Error("okeCache: oci-cache needs the explicit OCI provider, but the stack built none");
            return new OciRedis(
                `${prefix}-redis`,
                {
                    compartmentId: spec.oci.compartmentId,
                    subnetId: c.oci.subnetId,
                    nsgIds: c.oci.nsgIds,
                    displayName: `${prefix}-cache`,
                    nodeCount: c.oci.nodeCount,
                    nodeMemoryInGbs: c.oci.nodeMemoryInGbs,
                    softwareVersion: c.oci.softwareVersion,
                },
                ctx.ociOpts,
            );
        }
        case "external":
            if (!c.host || !spec.secrets.redisPassword) throw new Error("okeCache: external needs cache.host and the redisPassword secret (config validation should have said so)");
            return new ExternalRedis(`${prefix}-redis`, { host: c.host, port: c.port, password: spec.secrets.redisPassword, tls: c.tls }, ctx.opts);
        default:
            throw new Error(`okeCache: cache.mode '${c.mode}' is not available on oke`);
    }
}

export function okeCache(ctx: OkeFeatureContext): OkeFeatureResult {
    const redis = createOkeRedis(ctx);
    const backends: BackendArgs[] = redis instanceof KubernetesRedis ? [{ name: `${ctx.oke.releaseName}-redis`, selector: redis.selector, port: REDIS_PORT }] : [];
    return {
        env: cacheGatewayEnv(redis),
        // The gateway starts once Redis answers (in-cluster) or the OCI Cache cluster is ACTIVE.
        dependsOn: [redis],
        outputs: { cacheHost: redis.host },
        verification: { expectCache: true },
        backends,
        verifyEnv: [],
        verifyEgress: [],
    };
}
