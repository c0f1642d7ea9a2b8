/**
 * The `dev` stack exporting to an EXTERNAL Langfuse (host + both secret keys): no Langfuse containers,
 * the gateway gets the callback and the host and keys (secret), and the verification target is secret.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { isSecretValue, MockRecorder, plaintextOccurrences, promiseOf, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import type { DeployedStack } from "../../stacks/types";

const HOST = "https://langfuse.example.com";
const PK = "pk-lf-external-0123456789";
const SK = "sk-lf-external-abcdefghijklmnop";

describe("dev stack with an external Langfuse", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let spec: import("../../config/spec").GatewaySpec;

    before(async () => {
        ({ mocks, stack } = await buildStack("dev", { observability: { enabled: true, host: `${HOST}/` } }, { langfusePublicKey: PK, langfuseSecretKey: SK }));
        spec = (await import("../../config/load")).loadSpec();
    });

    test("deploys no Langfuse containers and renders the OTel callback", () => {
        assert.deepEqual(mocks.resources.filter((r) => /langfuse/i.test(r.name)).map((r) => r.name), []);
        const gateway = mocks.one("docker:index/container:Container", "-litellm-container");
        const cfg = parse((unwrap(gateway.inputs.uploads) as { file: string; content: string }[]).find((u) => u.file === "/app/config.yaml")?.content ?? "");
        assert.deepEqual(cfg.litellm_settings.callbacks, ["langfuse_otel"]);
    });

    test("the gateway gets the host (trailing slash dropped) and both keys, which stay secret", () => {
        const gateway = mocks.one("docker:index/container:Container", "-litellm-container");
        const env = (unwrap(gateway.inputs.envs) as string[]).filter((e) => e.startsWith("LANGFUSE"));
        assert.deepEqual(env.sort(), [`LANGFUSE_HOST=${HOST}`, `LANGFUSE_OTEL_HOST=${HOST}`, `LANGFUSE_PUBLIC_KEY=${PK}`, `LANGFUSE_SECRET_KEY=${SK}`]);
        assert.ok(isSecretValue(gateway.inputs.envs));
        assert.deepEqual(plaintextOccurrences(mocks.resources, SK), []);
        assert.deepEqual(plaintextOccurrences(mocks.resources, PK), []);
    });

    test("the verification target is the external Langfuse, as one secret", async () => {
        const { dockerObservability } = await import("../../stacks/features/docker-observability");
        const feature = dockerObservability({ spec, prefix: "probe", network: "probe-net", opts: {} });
        const target = feature.verification.langfuse as pulumi.Output<{ url: string; publicKey: string; secretKey: string }>;
        assert.equal(await pulumi.isSecret(target), true);
        assert.deepEqual(await promiseOf(target), { url: HOST, publicKey: PK, secretKey: SK });
        assert.deepEqual(feature.dependsOn, []);
        assert.equal(stack.outputs.langfuseUrl, HOST);
    });
});
