/**
 * The whole `dev` stack, built from Pulumi.yaml + Pulumi.dev.yaml under Pulumi mocks: every
 * container, image, the network, the gateway's env wiring, the 127.0.0.1 publish, ordering, and
 * that every secret stays a secret in every input and output that carries it.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { MockRecorder, occurrences, plaintextOccurrences, promiseOf, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import { DEFAULT_IMAGES, FALLBACK_PROBE_MODEL } from "../../config/defaults";
import type { DeployedStack } from "../../stacks/types";

const CONTAINER = "docker:index/container:Container";
const IMAGE = "docker:index/remoteImage:RemoteImage";

describe("dev stack (docker)", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let env: Map<string, string>;
    let masterKey: string;

    before(async () => {
        ({ mocks, stack } = await buildStack("dev"));
        masterKey = await promiseOf(stack.outputs.masterKey);
        const gateway = mocks.one(CONTAINER, "-litellm-container");
        env = new Map((unwrap(gateway.inputs.envs) as string[]).map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
    });

    test("runs exactly postgres, redis, the stub upstream and the gateway, each from its pinned image", () => {
        const containers = mocks.byType(CONTAINER).map((c) => c.name).sort();
        assert.deepEqual(containers, ["litellm-gateway-dev-litellm-container", "litellm-gateway-dev-postgres-container", "litellm-gateway-dev-redis-container", "litellm-gateway-dev-stub-container"]);
        const images = Object.fromEntries(mocks.byType(IMAGE).map((i) => [i.name.replace(/^litellm-gateway-dev-/, ""), i.inputs.name]));
        assert.deepEqual(images, { "litellm-image": DEFAULT_IMAGES.litellm, "postgres-image": DEFAULT_IMAGES.postgres, "redis-image": DEFAULT_IMAGES.redis, "stub-image": DEFAULT_IMAGES.node });
        for (const c of mocks.byType(CONTAINER)) assert.match(String(c.inputs.image), /^sha256:/, `${c.name} runs the pulled image by id`);
    });

    test("all containers share one private bridge network, reachable by stable aliases", () => {
        const net = mocks.one("docker:index/network:Network");
        assert.equal(net.inputs.driver, "bridge");
        const aliases = Object.fromEntries(
            mocks.byType(CONTAINER).map((c) => {
                const nets = c.inputs.networksAdvanced as { name: string; aliases: string[] }[];
                assert.equal(nets.length, 1);
                assert.equal(nets[0].name, net.inputs.name, `${c.name} is on the stack network`);
                return [c.name.replace(/^litellm-gateway-dev-|-container$/g, ""), nets[0].aliases];
            }),
        );
        assert.deepEqual(aliases, { litellm: ["litellm"], postgres: ["postgres"], redis: ["redis"], stub: ["stub-upstream"] });
    });

    test("the gateway's env wires Postgres, the stub, and both keys", async () => {
        assert.match(env.get("DATABASE_URL") ?? "", /^postgresql:\/\/litellm:[A-Za-z0-9]+@postgres:5432\/litellm$/);
        assert.equal(env.get("STUB_API_BASE"), "http://stub-upstream:8080/v1");
        assert.equal(env.get("LITELLM_MASTER_KEY"), masterKey);
        assert.match(masterKey, /^sk-[A-Za-z0-9]+$/);
        assert.ok((env.get("LITELLM_SALT_KEY") ?? "").length >= 32);
        assert.notEqual(env.get("LITELLM_SALT_KEY"), masterKey, "the salt key is separate from the master key");
        assert.equal(env.get("LITELLM_LOCAL_MODEL_COST_MAP"), "True", "no cost-map download at boot: dev is offline");
        const pg = mocks.one(CONTAINER, "-postgres-container");
        const pgEnv = unwrap(pg.inputs.envs) as string[];
        const pgPassword = pgEnv.find((e) => e.startsWith("POSTGRES_PASSWORD="))?.split("=")[1];
        assert.ok(pgPassword && env.get("DATABASE_URL")?.includes(`:${pgPassword}@`), "the gateway uses the password Postgres was created with");
    });

    test("the rendered config is uploaded and the command points LiteLLM at it", () => {
        const gateway = mocks.one(CONTAINER, "-litellm-container");
        const uploads = unwrap(gateway.inputs.uploads) as { file: string; content: string }[];
        const config = uploads.find((u) => u.file === "/app/config.yaml");
        assert.ok(config && config.content.includes("model_list:") && config.content.includes("os.environ/LITELLM_MASTER_KEY"));
        assert.deepEqual(unwrap(gateway.inputs.command).slice(0, 4), ["--config", "/app/config.yaml", "--port", "4000"]);
    });

    test("only the gateway and the stub's report endpoint are published, both on 127.0.0.1; Postgres and Redis are not", () => {
        const published = (suffix: string) =>
            ((unwrap(mocks.one(CONTAINER, suffix).inputs.ports) ?? []) as { internal: number; external: number; ip: string }[]).map(({ internal, external, ip }) => ({ internal, external, ip }));
        assert.deepEqual(published("-litellm-container"), [{ internal: 4000, external: 4000, ip: "127.0.0.1" }]);
        assert.deepEqual(published("-stub-container"), [{ internal: 8080, external: 4010, ip: "127.0.0.1" }]);
        assert.deepEqual(published("-postgres-container"), []);
        assert.deepEqual(published("-redis-container"), []);
    });

    test("every container has a healthcheck and waits for it, and a memory limit", () => {
        for (const c of mocks.byType(CONTAINER)) {
            const hc = c.inputs.healthcheck as { tests: string[] };
            assert.equal(hc.tests[0], "CMD", c.name);
            assert.equal(c.inputs.wait, true, `${c.name} waits until healthy`);
            assert.ok(Number(c.inputs.memory) > 0, `${c.name} has a memory limit`);
        }
        const gw = mocks.one(CONTAINER, "-litellm-container").inputs.healthcheck as { tests: string[] };
        assert.ok(gw.tests.join(" ").includes("/health/liveliness"));
    });

    test("the gateway starts only after Postgres and the stub", () => {
        const deps = stack.dependencies.gateway;
        assert.ok(deps.includes(stack.components.postgres), "gateway dependsOn postgres");
        assert.ok(deps.includes(stack.components.stub), "gateway dependsOn stub");
        assert.ok(deps.some((d) => d.constructor.name === "DockerRedis"), "gateway dependsOn redis");
    });

    test("master key, salt key and DB password are secrets in every input and output that carries them", async () => {
        const salt = env.get("LITELLM_SALT_KEY") as string;
        const dbPassword = /:([A-Za-z0-9]+)@/.exec(env.get("DATABASE_URL") as string)?.[1] as string;
        for (const [label, value] of [["master key", masterKey], ["salt key", salt], ["db password", dbPassword]] as const) {
            assert.ok(occurrences(mocks.resources, value) > 0, `${label} is present in some input (so the check below is not vacuous)`);
            assert.deepEqual(plaintextOccurrences(mocks.resources, value), [], `${label} appears unwrapped`);
        }
        assert.equal(await pulumi.isSecret(stack.outputs.masterKey), true, "masterKey output is secret");
        assert.equal(await promiseOf(stack.outputs.gatewayUrl), "http://127.0.0.1:4000");
        assert.deepEqual(stack.outputs.models, ["chat", "chat-backup"]);
    });

    test("verification runs after the healthy gateway, against its URL, with the master key as a secret", async () => {
        assert.deepEqual(stack.dependencies.verification, [stack.components.gateway]);
        const run = mocks.one("pulumi-nodejs:dynamic/verification:GatewayVerificationRun");
        assert.equal(run.inputs.suite, "litellm-gateway-verification");
        assert.equal(unwrap(run.inputs.gatewayUrl), "http://127.0.0.1:4000");
        assert.equal(unwrap(run.inputs.model), "chat");
        assert.equal(unwrap(run.inputs.fallbackModel), "chat-backup");
        assert.equal(unwrap(run.inputs.fallbackProbeModel), FALLBACK_PROBE_MODEL, "the fallback check calls the probe the config renders");
        assert.equal(unwrap(run.inputs.mode), "enforce");
        assert.equal(unwrap(run.inputs.expectCache), true, "the cache is on by default, so its check runs");
        assert.equal(unwrap(run.inputs.spendLogTimeoutMs), 60000);
        assert.equal(unwrap(run.inputs.upstreamReportUrl), "http://127.0.0.1:4010", "checks can see what reached the stub model");
        assert.ok(run.inputs.masterKey !== undefined && JSON.stringify(run.inputs.masterKey).includes("4dabf18193072939515e22adb298388d"), "master key input is secret");
        assert.ok("verificationReport" in stack.outputs);
    });
});
