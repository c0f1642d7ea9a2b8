/** With the cache off, the dev stack is exactly the basic stack: no Redis and no cache block. */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";

describe("dev stack with the cache off", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildStack("dev", { cache: { enabled: false } }));
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
