/**
 * The response-cache part of config.yaml. Host, port and password are explicit env references:
 * with a partial `cache_params` LiteLLM has been seen to ignore REDIS_* env and fall back to an
 * in-memory `local` cache without a word (peers.md pain #12), which the `cache` check also catches.
 */
import type { GatewaySpec } from "../../../config/spec";
import type { EnvVar } from "../../shared/docker";
import { envRef } from "../contract";
import type { RedisEndpoint } from "../../redis/contract";

export const CACHE_ENV = { host: "REDIS_HOST", port: "REDIS_PORT", password: "REDIS_PASSWORD", ssl: "REDIS_SSL" } as const;

export function cacheSettings(spec: GatewaySpec): Record<string, unknown> {
    if (!spec.cache.enabled) return {};
    return {
        cache: true,
        cache_params: {
            type: "redis",
            host: envRef(CACHE_ENV.host),
            port: envRef(CACHE_ENV.port),
            password: envRef(CACHE_ENV.password),
            ttl: spec.cache.ttlSeconds,
            namespace: "litellm.caching",
            mode: "default_on",
        },
    };
}

/** The gateway env that the cache block refers to. */
export function cacheGatewayEnv(redis: Pick<RedisEndpoint, "host" | "port" | "password" | "tls">): EnvVar[] {
    return [
        { name: CACHE_ENV.host, value: redis.host },
        { name: CACHE_ENV.port, value: redis.port.apply(String) },
        { name: CACHE_ENV.password, value: redis.password, secret: true },
        // Only when TLS is on: unset means plain TCP, and no string "False" can be mistaken for a truthy flag.
        ...(redis.tls ? [{ name: CACHE_ENV.ssl, value: "True" }] : []),
    ];
}
