/**
 * The `dev` stack pointed at an external Langfuse without its keys: tracing is OFF with a clear warning,
 * nothing Langfuse is deployed or wired, and the rest of the stack deploys as usual.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, promiseOf, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import type { DeployedStack } from "../../stacks/types";

describe("dev stack with observability on but the Langfuse keys missing", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    const warnings: string[] = [];

    before(async () => {
        // Without an engine, pulumi.log.warn writes to console.warn.
        const original = console.warn;
        console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
        try {
            ({ mocks, stack } = await buildStack("dev", { observability: { enabled: true, host: "https://cloud.langfuse.com" } }));
        } finally {
            console.warn = original;
        }
    });

    test("warns once, naming both keys and how to set them", () => {
        const notes = warnings.filter((w) => w.includes("Langfuse tracing is OFF"));
        assert.equal(notes.length, 1, warnings.join("\n"));
        assert.match(notes[0], /langfusePublicKey and langfuseSecretKey are not set/);
        assert.match(notes[0], /pulumi config set --secret langfuseSecretKey/);
    });

    test("deploys no Langfuse and renders no callback, but the gateway still deploys", async () => {
        assert.deepEqual(mocks.resources.filter((r) => /langfuse/i.test(r.name)).map((r) => r.name), []);
        const gateway = mocks.one("docker:index/container:Container", "-litellm-container");
        const cfg = parse((unwrap(gateway.inputs.uploads) as { file: string; content: string }[]).find((u) => u.file === "/app/config.yaml")?.content ?? "");
        assert.equal(cfg.litellm_settings.callbacks, undefined);
        assert.deepEqual((unwrap(gateway.inputs.envs) as string[]).filter((e) => e.startsWith("LANGFUSE")), []);
        assert.equal(await promiseOf(stack.outputs.gatewayUrl), "http://127.0.0.1:4000");
    });
});
