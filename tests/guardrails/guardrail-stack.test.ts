/**
 * The Presidio guardrail on the dev stack, under mocks: both services pinned, private, health-checked
 * and memory-limited; the gateway pointed at them by env; the rendered guardrails block.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { MockRecorder, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import type { DeployedStack } from "../../stacks/types";

const CONTAINER = "docker:index/container:Container";

describe("dev stack with the Presidio guardrail", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    before(async () => {
        ({ mocks, stack } = await buildStack("dev", { guardrails: { enabled: true, entities: ["US_SSN", "EMAIL_ADDRESS"] } }));
    });

    test("analyzer and anonymizer run from pinned ghcr.io/data-privacy-stack images, private, health-checked, memory-limited", () => {
        for (const role of ["analyzer", "anonymizer"]) {
            const image = mocks.one("docker:index/remoteImage:RemoteImage", `-presidio-${role}-image`);
            assert.match(String(image.inputs.name), new RegExp(`^ghcr\\.io/data-privacy-stack/presidio-${role}:\\d+\\.\\d+\\.\\d+$`));
            const c = mocks.one(CONTAINER, `-presidio-${role}`);
            assert.equal(c.inputs.ports, undefined, `${role} is not published`);
            assert.deepEqual((c.inputs.networksAdvanced as { aliases: string[] }[])[0].aliases, [`presidio-${role}`]);
            assert.ok((c.inputs.healthcheck as { tests: string[] }).tests.join(" ").includes("/health"));
        }
        assert.ok(Number(mocks.one(CONTAINER, "-presidio-analyzer").inputs.memory) >= 2048, "the analyzer has room for its spaCy model");
    });

    test("the gateway env points at both services and the gateway waits for them", () => {
        const env = unwrap(mocks.one(CONTAINER, "-litellm-container").inputs.envs) as string[];
        assert.ok(env.includes("PRESIDIO_ANALYZER_API_BASE=http://presidio-analyzer:3000"));
        assert.ok(env.includes("PRESIDIO_ANONYMIZER_API_BASE=http://presidio-anonymizer:3000"));
        assert.ok(stack.dependencies.gateway.some((d) => d.constructor.name === "DockerPresidio"));
    });

    test("config.yaml has the guardrail: presidio, pre_call, default_on, services by env, entities masked", () => {
        const uploads = unwrap(mocks.one(CONTAINER, "-litellm-container").inputs.uploads) as { file: string; content: string }[];
        const cfg = parse(uploads.find((u) => u.file === "/app/config.yaml")?.content ?? "");
        assert.deepEqual(cfg.guardrails, [
            {
                guardrail_name: "presidio-pii",
                litellm_params: {
                    guardrail: "presidio",
                    mode: "pre_call",
                    default_on: true,
                    presidio_analyzer_api_base: "os.environ/PRESIDIO_ANALYZER_API_BASE",
                    presidio_anonymizer_api_base: "os.environ/PRESIDIO_ANONYMIZER_API_BASE",
                    presidio_language: "en",
                    pii_entities_config: { EMAIL_ADDRESS: "MASK", US_SSN: "MASK" },
                },
            },
        ]);
        assert.equal(cfg.general_settings.store_prompts_in_spend_logs, true, "masked prompts are kept so redaction can be audited");
    });
});
