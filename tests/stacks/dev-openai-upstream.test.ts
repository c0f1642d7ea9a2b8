/**
 * The `dev` stack with an OpenAI-compatible upstream next to the stub, in one fallback chain: the key reaches
 * the gateway container as a secret env entry, config.yaml holds only its `os.environ/` reference, and the stub
 * still runs for the stub model.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, occurrences, plaintextOccurrences, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";

const CONTAINER = "docker:index/container:Container";
const KEY = "sk-proj-devUpstreamKeyThatMustStaySecret0123456789";

describe("dev stack with an openai upstream", () => {
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildStack(
            "dev",
            {
                models: [
                    { name: "chat", upstream: "stub", model: "stub-model" },
                    { name: "remote", upstream: "openai", model: "gpt-4o-mini", apiBase: "https://api.openai.com/v1", apiKeySecret: "openai" },
                ],
                fallbacks: [{ model: "chat", to: ["remote"] }],
            },
            { upstreamApiKeys: JSON.stringify({ openai: KEY }) },
        ));
    });

    test("config.yaml renders openai/<model> at its api_base with the key by reference", () => {
        const gateway = mocks.one(CONTAINER, "-litellm-container");
        const upload = (unwrap(gateway.inputs.uploads) as { file: string; content: string }[]).find((u) => u.file === "/app/config.yaml");
        const config = parse(upload!.content);
        const remote = config.model_list.find((m: { model_name: string }) => m.model_name === "remote");
        assert.deepEqual(remote.litellm_params, { model: "openai/gpt-4o-mini", api_base: "https://api.openai.com/v1", api_key: "os.environ/UPSTREAM_API_KEY_OPENAI" });
        assert.ok(!upload!.content.includes(KEY));
    });

    test("the key is a secret env entry of the gateway and nowhere plain", () => {
        const gateway = mocks.one(CONTAINER, "-litellm-container");
        const envs = unwrap(gateway.inputs.envs) as string[];
        assert.ok(envs.includes(`UPSTREAM_API_KEY_OPENAI=${KEY}`), "UPSTREAM_API_KEY_OPENAI is set");
        assert.ok(occurrences(mocks.resources, KEY) >= 1);
        assert.deepEqual(plaintextOccurrences(mocks.resources, KEY), []);
    });

    test("the stub still runs for the stub model", () => {
        assert.ok(mocks.byType(CONTAINER).some((c) => c.name.endsWith("-stub-container")));
    });
});
