/** With the cache off, the dev stack is exactly the basic stack: no Redis and no cache block. */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { installMocks, MockRecorder, settle, unwrap } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";

describe("dev stack with the cache off", () => {
    let mocks: MockRecorder;
    before(async () => {
        mocks = installMocks("litellm-gateway", "dev");
        const { config, secretKeys } = stackConfig("dev", { cache: { enabled: false } });
        pulumi.runtime.setAllConfig(config, secretKeys);
        const { deploy } = await import("../../program");
        const { loadSpec } = await import("../../config/load");
        await settle(deploy(loadSpec()).outputs.gatewayUrl);
    });

    test("no Redis resource, no REDIS_* env, no cache block", () => {
        assert.ok(mocks.resources.length > 5, "the stack itself was built");
        assert.deepEqual(mocks.resources.filter((r) => /redis/i.test(r.name) || /redis/i.test(r.type)), []);
        const gateway = mocks.byType("docker:index/container:Container").find((c) => c.name.endsWith("-litellm-container"));
        const env = unwrap(gateway?.inputs.envs) as string[];
        assert.deepEqual(env.filter((e) => e.startsWith("REDIS_")), []);
        const config = parse((unwrap(gateway?.inputs.uploads) as { content: string }[])[0].content);
        assert.equal(config.litellm_settings.cache, undefined);
        assert.equal(config.litellm_settings.cache_params, undefined);
    });
});
