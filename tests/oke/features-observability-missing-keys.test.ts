/**
 * oke with observability on and a Langfuse host, but without the key secrets: tracing is OFF with one
 * warning naming the keys; no callback, no Langfuse env, no Job flags or egress; the stack still deploys.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder } from "../helpers/mocks";
import type { DeployedStack } from "../../stacks/types";
import { buildOkeFeatureStack, gatewayEnv, jobContainer, K8S, metaName, policySpec, releaseValues } from "./features-support";

describe("oke stack with observability on but the Langfuse keys missing", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let warnings: string[];

    before(async () => {
        ({ mocks, stack, warnings } = await buildOkeFeatureStack({ observability: { enabled: true, host: "https://cloud.langfuse.com" } }, { langfusePublicKey: "pk-lf-only-the-public-key" }));
    });

    test("warns once, naming the missing key and how to set it", () => {
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.match(warnings[0], /langfuseSecretKey is not set, so Langfuse tracing is OFF/);
        assert.match(warnings[0], /pulumi config set --secret langfuseSecretKey/);
    });

    test("no callback, no Langfuse env, no Langfuse Secret for the Job", () => {
        assert.equal(releaseValues(mocks).proxy_config.litellm_settings.callbacks, undefined);
        const { plain, refs } = gatewayEnv(mocks);
        assert.deepEqual([...Object.keys(plain), ...Object.keys(refs)].filter((k) => k.startsWith("LANGFUSE")), []);
        assert.ok(!mocks.byType(K8S.secret).some((s) => /langfuse/.test(metaName(s) ?? "")));
        assert.equal(stack.outputs.langfuseUrl, undefined);
    });

    test("the verification Job gets no Langfuse flag, env or egress, and the gateway still deploys", () => {
        const container = jobContainer(mocks);
        assert.ok(!container.command.includes("--langfuse-url"));
        assert.ok(!container.env.some((e: { name: string }) => e.name.startsWith("LANGFUSE")));
        assert.equal(policySpec(mocks, "litellm-verification").egress.length, 2, "gateway and DNS only");
        assert.equal(mocks.byType(K8S.release).length, 1);
    });
});
