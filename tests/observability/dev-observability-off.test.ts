/**
 * The `dev` stack with observability off (the default): no Langfuse resource of any kind, no callback in
 * config.yaml, no LANGFUSE_* env on the gateway, and no Langfuse outputs.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import type { DeployedStack } from "../../stacks/types";

describe("dev stack with observability off", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;

    before(async () => {
        ({ mocks, stack } = await buildStack("dev", { observability: { enabled: false, langfuseMajor: 4 } }));
    });

    test("no Langfuse resources", () => {
        const langfuse = mocks.resources.filter((r) => /langfuse/i.test(r.name) || r.type.startsWith("litellm-gateway:langfuse:"));
        assert.deepEqual(langfuse.map((r) => r.name), []);
        assert.ok(mocks.resources.length > 5, "the rest of the stack was recorded (the check is not vacuous)");
    });

    test("no callback block and no Langfuse env on the gateway", () => {
        const gateway = mocks.one("docker:index/container:Container", "-litellm-container");
        const cfg = parse((unwrap(gateway.inputs.uploads) as { file: string; content: string }[]).find((u) => u.file === "/app/config.yaml")?.content ?? "");
        assert.ok(cfg.litellm_settings, "config.yaml was rendered");
        for (const k of ["callbacks", "success_callback", "failure_callback"]) assert.equal(cfg.litellm_settings[k], undefined, k);
        const env = unwrap(gateway.inputs.envs) as string[];
        assert.ok(env.length > 3);
        assert.deepEqual(env.filter((e) => e.startsWith("LANGFUSE")), []);
        assert.deepEqual(Object.keys(stack.outputs).filter((k) => k.startsWith("langfuse")), []);
    });
});
