/** The Redis response cache on the dev stack (Docker). */
import { cacheGatewayEnv } from "../../components/gateway/features/cache";
import { DockerRedis } from "../../components/redis/docker";
import { DockerFeatureContext, FeatureResult, NO_FEATURE } from "./types";

export function dockerCache(ctx: DockerFeatureContext): FeatureResult {
    if (!ctx.spec.cache.enabled) return NO_FEATURE;
    const redis = new DockerRedis(`${ctx.prefix}-redis`, { network: ctx.network, image: ctx.spec.cache.image }, ctx.opts);
    return { env: cacheGatewayEnv(redis), dependsOn: [redis], outputs: {}, verification: { expectCache: true } };
}
