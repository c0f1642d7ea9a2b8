/**
 * oke with cache.mode external: nothing Redis is created; the gateway gets the configured host, port and
 * TLS flag, and the `redisPassword` secret through `<release>-env`, which never appears in plaintext.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder, occurrences, plaintextOccurrences } from "../helpers/mocks";
import { parseCliArgs } from "../../verify/cli-args";
import { buildOkeFeatureStack, gatewayEnv, jobContainer, K8S, metaName, OCI_CACHE_TYPE, releaseValues, secretData } from "./features-support";

const REDIS_PASSWORD = "Ext3rnal-Redis-Pa55word-0123456789";

describe("oke stack with the cache on an external Redis", () => {
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildOkeFeatureStack({ cache: { enabled: true, mode: "external", host: "redis.internal.example.com", port: 6380, tls: true } }, { redisPassword: REDIS_PASSWORD }));
    });

    test("no Redis resource is created: no Deployment, no OCI Cache, no Redis NetworkPolicy", () => {
        assert.equal(mocks.byType(K8S.deployment).length, 0);
        assert.equal(mocks.byType(OCI_CACHE_TYPE).length, 0);
        assert.ok(!mocks.resources.some((r) => r.custom && /redis/i.test(r.name)), mocks.resources.filter((r) => /redis/i.test(r.name)).map((r) => r.name).join(", "));
        assert.ok(!mocks.byType(K8S.netpol).some((p) => /redis/.test(metaName(p) ?? "")));
    });

    test("host, port and TLS come from config; the password from the secret, through <release>-env", () => {
        const { plain, refs } = gatewayEnv(mocks);
        assert.deepEqual([plain.REDIS_HOST, plain.REDIS_PORT, plain.REDIS_SSL], ["redis.internal.example.com", "6380", "True"]);
        assert.equal(plain.REDIS_PASSWORD, undefined);
        assert.deepEqual(refs.REDIS_PASSWORD, { name: "litellm-env", key: "REDIS_PASSWORD" });
        assert.equal(secretData(mocks, "litellm-env").REDIS_PASSWORD, REDIS_PASSWORD);
        assert.ok(occurrences(mocks.resources, REDIS_PASSWORD) >= 1);
        assert.deepEqual(plaintextOccurrences(mocks.resources, REDIS_PASSWORD), [], "the password stays secret");
    });

    test("cache_params are rendered, and the verification Job runs the cache check", () => {
        const settings = releaseValues(mocks).proxy_config.litellm_settings;
        assert.equal(settings.cache, true);
        assert.equal(settings.cache_params.password, "os.environ/REDIS_PASSWORD");
        assert.equal(parseCliArgs(jobContainer(mocks).command.slice(2), {}).options.expectCache, true);
    });
});
