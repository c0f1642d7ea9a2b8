/**
 * The cache on the dev stack, under mocks: on by default (Redis container on the private network,
 * password-protected, not published; gateway env with the password as a secret; rendered cache_params).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, plaintextOccurrences, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";

const CONTAINER = "docker:index/container:Container";

describe("dev stack with the Redis cache (default)", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildStack("dev", { cache: { ttlSeconds: 120 } }));
    });

    const gatewayEnv = () => new Map((unwrap(mocks.one(CONTAINER, "-litellm-container").inputs.envs) as string[]).map((e) => [e.split("=")[0], e.slice(e.indexOf("=") + 1)]));

    test("Redis runs from a pinned image on the private network, password-protected and unpublished", () => {
        const redis = mocks.one(CONTAINER, "-redis-container");
        const net = mocks.one("docker:index/network:Network");
        assert.deepEqual((redis.inputs.networksAdvanced as { name: string }[]).map((n) => n.name), [net.inputs.name]);
        assert.equal(redis.inputs.ports, undefined);
        assert.match(String(mocks.one("docker:index/remoteImage:RemoteImage", "-redis-image").inputs.name), /^redis:\d+\.\d+\.\d+/);
        const command = (redis.inputs.command as string[]).join(" ");
        assert.match(command, /--requirepass "\$REDIS_PASSWORD"/, "the password comes from env, not from args");
        assert.ok((redis.inputs.healthcheck as { tests: string[] }).tests.join(" ").includes("ping"));
    });

    test("the gateway env carries host, port and the password, which stays a secret", () => {
        const env = gatewayEnv();
        assert.equal(env.get("REDIS_HOST"), "redis");
        assert.equal(env.get("REDIS_PORT"), "6379");
        assert.equal(env.has("REDIS_SSL"), false, "plain TCP on the private network: no TLS flag");
        const redisEnv = unwrap(mocks.one(CONTAINER, "-redis-container").inputs.envs) as string[];
        const password = redisEnv.find((e) => e.startsWith("REDIS_PASSWORD="))?.slice("REDIS_PASSWORD=".length) as string;
        assert.equal(env.get("REDIS_PASSWORD"), password, "the gateway uses the password Redis was started with");
        assert.deepEqual(plaintextOccurrences(mocks.resources, password), []);
    });

    test("config.yaml turns the cache on with cache_params of type redis, by env reference", () => {
        const uploads = unwrap(mocks.one(CONTAINER, "-litellm-container").inputs.uploads) as { file: string; content: string }[];
        const cfg = parse(uploads.find((u) => u.file === "/app/config.yaml")?.content ?? "");
        assert.equal(cfg.litellm_settings.cache, true);
        assert.deepEqual(cfg.litellm_settings.cache_params, {
            type: "redis",
            host: "os.environ/REDIS_HOST",
            port: "os.environ/REDIS_PORT",
            password: "os.environ/REDIS_PASSWORD",
            ttl: 120,
            namespace: "litellm.caching",
            mode: "default_on",
        });
    });
});
