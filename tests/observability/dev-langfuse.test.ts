/**
 * The `dev` stack with observability on, under Pulumi mocks: a self-hosted Langfuse (web, worker,
 * Postgres, ClickHouse, Redis, MinIO) from pinned images, headless init with generated secrets, the
 * gateway's langfuse_otel callback and env, and only the UI published on 127.0.0.1.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { isSecretValue, MockRecorder, occurrences, plaintextOccurrences, promiseOf, RecordedResource, settle, unwrap } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import { LANGFUSE_IMAGES } from "../../config/sections/observability";
import { imagePinProblem } from "../../config/image";
import { evaluatePolicies, formatViolations, mandatoryViolations } from "../../policy/evaluate";
import type { DeployedStack } from "../../stacks/types";

const CONTAINER = "docker:index/container:Container";
const IMAGE = "docker:index/remoteImage:RemoteImage";
const LF = "litellm-gateway-dev-langfuse";

/**
 * A container's env as name → value. Which variables are flagged secret is asserted on the pure env lists
 * (env.test.ts): once recorded, an `envs` list holding any secret is wrapped as a secret as a whole.
 */
function envOf(c: RecordedResource): Map<string, string> {
    return new Map(
        (unwrap(c.inputs.envs) as string[]).map((text) => {
            const at = text.indexOf("=");
            return [text.slice(0, at), text.slice(at + 1)];
        }),
    );
}

describe("dev stack with a self-hosted Langfuse", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let recorded: RecordedResource[];
    let DockerLangfuse: typeof import("../../components/langfuse/docker").DockerLangfuse;
    const container = (suffix: string) => mocks.one(CONTAINER, suffix);

    before(async () => {
        ({ mocks, stack } = await buildStack("dev", { observability: { enabled: true } }));
        ({ DockerLangfuse } = await import("../../components/langfuse/docker"));
        await settle(stack.outputs.langfuseUrl as pulumi.Output<string>, stack.outputs.langfuseSecretKey as pulumi.Output<string>);
        recorded = [...mocks.resources];
    });

    test("runs every service Langfuse v4 needs, each from its pinned image, as children of one component", () => {
        const names = mocks.byType(CONTAINER).map((c) => c.name).sort();
        for (const role of ["web", "worker", "postgres-db", "clickhouse", "redis-queue", "minio-storage"]) {
            assert.ok(names.includes(`${LF}-${role}-container`), `${role} container (have ${names.join(", ")})`);
        }
        const images = Object.fromEntries(mocks.byType(IMAGE).filter((i) => i.name.startsWith(LF)).map((i) => [i.name.slice(LF.length + 1), i.inputs.name]));
        const v4 = LANGFUSE_IMAGES[4];
        assert.deepEqual(images, {
            "web-image": v4.web,
            "worker-image": v4.worker,
            "postgres-db-image": v4.postgres,
            "clickhouse-image": v4.clickhouse,
            "redis-queue-image": v4.redis,
            "minio-storage-image": v4.storage,
        });
        for (const ref of Object.values(images)) assert.equal(imagePinProblem(String(ref)), undefined, `${ref} is pinned`);
        assert.match(v4.web, /^langfuse\/langfuse:4\.\d+\.\d+$/);
        assert.equal(v4.worker.split(":")[1], v4.web.split(":")[1], "web and worker run the same release");
        const [major, minor] = (/:(\d+)\.(\d+)/.exec(v4.clickhouse) ?? []).slice(1).map(Number);
        assert.ok(major > 25 || (major === 25 && minor >= 12), `ClickHouse ${v4.clickhouse} is at least 25.12 (v4 requirement)`);
        assert.equal(mocks.byType("litellm-gateway:langfuse:DockerLangfuse").length, 1);
    });

    test("the web container gets the headless-init env, its keys and password as secrets", () => {
        const web = envOf(container("-web-container"));
        for (const name of ["LANGFUSE_INIT_ORG_ID", "LANGFUSE_INIT_PROJECT_ID", "LANGFUSE_INIT_USER_EMAIL"]) assert.ok(web.get(name), name);
        assert.equal(web.get("LANGFUSE_INIT_USER_EMAIL"), "admin@example.com");
        for (const role of ["-web-container", "-worker-container", "-clickhouse-container", "-redis-queue-container", "-minio-storage-container", "-postgres-db-container"]) {
            assert.ok(isSecretValue(container(role).inputs.envs), `${role}: the env carrying credentials is a secret`);
        }
        assert.match(web.get("LANGFUSE_INIT_PROJECT_PUBLIC_KEY") ?? "", /^pk-lf-[A-Za-z0-9]+$/);
        assert.match(web.get("LANGFUSE_INIT_PROJECT_SECRET_KEY") ?? "", /^sk-lf-[A-Za-z0-9]+$/);
        assert.match(web.get("ENCRYPTION_KEY") ?? "", /^[0-9a-f]{64}$/, "ENCRYPTION_KEY is 64 hex");
        assert.equal(web.get("NEXTAUTH_URL"), "http://127.0.0.1:3000");
        assert.equal(web.get("AUTH_DISABLE_SIGNUP"), "true");
        const worker = envOf(container("-worker-container"));
        assert.ok(![...worker.keys()].some((k) => k.startsWith("LANGFUSE_INIT_") || k === "NEXTAUTH_SECRET"), "the worker gets no init values");
        assert.equal(worker.get("SALT"), web.get("SALT"), "web and worker share one SALT");
    });

    test("web and worker reach the single-node stores with the credentials those were created with", () => {
        for (const role of ["-web-container", "-worker-container"]) {
            const env = envOf(container(role));
            assert.equal(env.get("CLICKHOUSE_CLUSTER_ENABLED"), "false", role);
            assert.equal(env.get("CLICKHOUSE_URL"), "http://langfuse-clickhouse:8123");
            assert.equal(env.get("CLICKHOUSE_MIGRATION_URL"), "clickhouse://langfuse-clickhouse:9000");
            assert.match(env.get("DATABASE_URL") ?? "", /^postgresql:\/\/langfuse:[A-Za-z0-9]+@langfuse-postgres:5432\/langfuse$/);
            assert.equal(env.get("REDIS_HOST"), "langfuse-redis");
            assert.equal(env.get("LANGFUSE_S3_EVENT_UPLOAD_ENDPOINT"), "http://langfuse-minio:9000");
            assert.equal(env.get("LANGFUSE_S3_EVENT_UPLOAD_FORCE_PATH_STYLE"), "true");
            const ch = envOf(container("-clickhouse-container"));
            assert.equal(env.get("CLICKHOUSE_PASSWORD"), ch.get("CLICKHOUSE_PASSWORD"));
            assert.equal(env.get("CLICKHOUSE_USER"), ch.get("CLICKHOUSE_USER"));
            assert.equal(env.get("REDIS_AUTH"), envOf(container("-redis-queue-container")).get("REDIS_PASSWORD"));
            const minio = envOf(container("-minio-storage-container"));
            assert.equal(env.get("LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID"), minio.get("MINIO_ROOT_USER"));
            assert.equal(env.get("LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY"), minio.get("MINIO_ROOT_PASSWORD"));
        }
        const pg = envOf(container("-postgres-db-container"));
        assert.ok(envOf(container("-web-container")).get("DATABASE_URL")?.includes(`:${pg.get("POSTGRES_PASSWORD")}@`));
        assert.equal(envOf(container("-clickhouse-container")).get("TZ"), "UTC");
        assert.match(unwrap(container("-redis-queue-container").inputs.command).join(" "), /--maxmemory-policy noeviction/);
        assert.match(unwrap(container("-minio-storage-container").inputs.command).join(" "), /mkdir -p \/data\/langfuse/, "the bucket exists at start");
    });

    test("the gateway exports with langfuse_otel on success and failure, to the in-network web container", () => {
        const gateway = container("-litellm-container");
        const uploads = unwrap(gateway.inputs.uploads) as { file: string; content: string }[];
        const cfg = parse(uploads.find((u) => u.file === "/app/config.yaml")?.content ?? "");
        assert.deepEqual(cfg.litellm_settings.callbacks, ["langfuse_otel"]);
        assert.equal(cfg.litellm_settings.success_callback, undefined, "no classic langfuse callback: v4 drops its events");
        const env = envOf(gateway);
        const web = envOf(container("-web-container"));
        assert.equal(env.get("LANGFUSE_OTEL_HOST"), "http://langfuse-web:3000");
        assert.equal(env.get("LANGFUSE_HOST"), "http://langfuse-web:3000");
        assert.equal(env.get("LANGFUSE_PUBLIC_KEY"), web.get("LANGFUSE_INIT_PROJECT_PUBLIC_KEY"), "the gateway uses the provisioned key pair");
        assert.equal(env.get("LANGFUSE_SECRET_KEY"), web.get("LANGFUSE_INIT_PROJECT_SECRET_KEY"));
        assert.ok(isSecretValue(gateway.inputs.envs), "the gateway env carrying the keys is a secret");
        assert.ok(stack.dependencies.gateway.some((r) => r instanceof DockerLangfuse), "the gateway waits for Langfuse");
    });

    test("of Langfuse, only the UI publishes a port, on 127.0.0.1; every port is loopback; every service is on the private network", () => {
        const ports = (c: RecordedResource) => (unwrap(c.inputs.ports) as { internal: number; external: number; ip: string }[]).map(({ internal, external, ip }) => ({ internal, external, ip }));
        const published = mocks.byType(CONTAINER).filter((c) => c.inputs.ports !== undefined);
        assert.deepEqual(published.filter((c) => c.name.startsWith(LF)).map((c) => c.name), [`${LF}-web-container`]);
        assert.deepEqual(ports(container("-web-container")), [{ internal: 3000, external: 3000, ip: "127.0.0.1" }]);
        for (const c of published) for (const p of ports(c)) assert.equal(p.ip, "127.0.0.1", c.name);
        const net = mocks.one("docker:index/network:Network").inputs.name;
        for (const c of mocks.byType(CONTAINER)) assert.deepEqual((c.inputs.networksAdvanced as { name: string }[]).map((n) => n.name), [net], c.name);
    });

    test("every Langfuse container has a healthcheck Pulumi waits on, and a memory limit", () => {
        for (const c of mocks.byType(CONTAINER).filter((x) => x.name.startsWith(LF))) {
            assert.equal((c.inputs.healthcheck as { tests: string[] }).tests[0], "CMD", c.name);
            assert.equal(c.inputs.wait, true, c.name);
            assert.ok(Number(c.inputs.memory) >= 256, c.name);
        }
        assert.match((container("-web-container").inputs.healthcheck as { tests: string[] }).tests.join(" "), /\/api\/public\/health/);
    });

    test("outputs: the UI URL and login e-mail in clear, the password and keys secret", async () => {
        const out = stack.outputs as Record<string, pulumi.Output<string>>;
        assert.equal(await promiseOf(out.langfuseUrl), "http://127.0.0.1:3000");
        assert.equal(await promiseOf(out.langfuseUserEmail), "admin@example.com");
        for (const name of ["langfuseUserPassword", "langfusePublicKey", "langfuseSecretKey"]) assert.equal(await pulumi.isSecret(out[name]), true, name);
        assert.equal(await promiseOf(out.langfuseUserPassword), envOf(container("-web-container")).get("LANGFUSE_INIT_USER_PASSWORD"));
    });

    test("no generated Langfuse secret appears unwrapped in any input", () => {
        const web = envOf(container("-web-container"));
        for (const name of ["LANGFUSE_INIT_PROJECT_SECRET_KEY", "LANGFUSE_INIT_PROJECT_PUBLIC_KEY", "LANGFUSE_INIT_USER_PASSWORD", "SALT", "ENCRYPTION_KEY", "NEXTAUTH_SECRET", "CLICKHOUSE_PASSWORD", "REDIS_AUTH", "LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID", "LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY"]) {
            const value = web.get(name) as string;
            assert.ok(occurrences(recorded, value) > 0, `${name} is present (the check is not vacuous)`);
            assert.deepEqual(plaintextOccurrences(recorded, value), [], `${name} appears unwrapped`);
        }
    });

    test("the recorded stack passes every mandatory policy", () => {
        const violations = mandatoryViolations(evaluatePolicies(recorded, { stack: "dev" }));
        assert.deepEqual(violations, [], formatViolations(violations));
    });

    test("the in-stack verification gets the Langfuse target as a secret, so langfuse-trace runs on every up", () => {
        const run = recorded.find((r) => r.type === "pulumi-nodejs:dynamic/verification:GatewayVerificationRun");
        assert.ok(run, "the dev stack runs the verification");
        assert.ok(isSecretValue(run.inputs.langfuse), "the Langfuse target (with the secret key) is a secret input");
        const target = unwrap(run.inputs.langfuse) as { url: string; publicKey: string; secretKey: string };
        const web = envOf(container("-web-container"));
        assert.deepEqual(target, { url: "http://127.0.0.1:3000", publicKey: web.get("LANGFUSE_INIT_PROJECT_PUBLIC_KEY"), secretKey: web.get("LANGFUSE_INIT_PROJECT_SECRET_KEY") });
    });

    test("hands the verification the UI URL and the provisioned key pair, as one secret", async () => {
        const { dockerObservability } = await import("../../stacks/features/docker-observability");
        const { loadSpec } = await import("../../config/load");
        const feature = dockerObservability({ spec: loadSpec(), prefix: "probe", network: "probe-net", opts: {} });
        const target = feature.verification.langfuse as pulumi.Output<{ url: string; publicKey: string; secretKey: string }>;
        assert.equal(await pulumi.isSecret(target), true);
        const value = await promiseOf(target);
        assert.equal(value.url, "http://127.0.0.1:3000", "the check runs where `pulumi up` runs: the published UI port");
        assert.match(value.publicKey, /^pk-lf-/);
        assert.match(value.secretKey, /^sk-lf-/);
    });
});
