/** With guardrails off (the default): no Presidio resources and no guardrail block. */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";

describe("dev stack with guardrails off", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildStack("dev"));
    });

    test("no Presidio resources, no PRESIDIO_* env, no guardrails block, prompts not stored", () => {
        assert.ok(mocks.resources.length > 5, "the stack itself was built");
        assert.deepEqual(mocks.resources.filter((r) => /presidio/i.test(r.name)), []);
        const gateway = mocks.byType("docker:index/container:Container").find((c) => c.name.endsWith("-litellm-container"));
        assert.deepEqual((unwrap(gateway?.inputs.envs) as string[]).filter((e) => e.startsWith("PRESIDIO_")), []);
        const cfg = parse((unwrap(gateway?.inputs.uploads) as { content: string }[])[0].content);
        assert.equal(cfg.guardrails, undefined);
        assert.equal(cfg.general_settings.store_prompts_in_spend_logs, undefined);
    });
});
