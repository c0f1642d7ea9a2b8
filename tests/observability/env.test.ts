/**
 * The pure halves of the wiring: the env lists of every self-hosted Langfuse service (names, values,
 * which are secret), the gateway's Langfuse env for both targets, and the callback in config.yaml.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { buildLiteLLMConfig, renderLiteLLMConfig } from "../../components/gateway/render-config";
import { externalLangfuseGatewayEnv, langfuseGatewayEnv, observabilitySettings, observabilityWarning, tracesExported } from "../../components/gateway/features/observability";
import {
    clickhouseEnv, headlessInitEnv, HeadlessInit, langfuseServerEnv, LangfuseServerWiring, langfuseWebEnv, langfuseWorkerEnv, MINIO_COMMAND, minioEnv, nodeHeapMb, REDIS_COMMAND, redisEnv,
} from "../../components/langfuse/env";
import type { EnvVar } from "../../components/shared/docker";
import { parseSpec } from "../../config/spec";
import { argvFindings } from "../../policy/rules/noPlaintextSecrets";
import { isSecretName } from "../../policy/rules/secretMaterial";
import { rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

const server: LangfuseServerWiring = {
    databaseUrl: "postgresql://langfuse:pw@langfuse-postgres:5432/langfuse",
    clickhousePassword: "chpw",
    redisPassword: "redispw",
    storageAccessKeyId: "akid",
    storageSecretAccessKey: "sakey",
    salt: "salt",
    encryptionKey: "e".repeat(64),
    memoryMb: 1024,
};
const init: HeadlessInit = { orgId: "org", orgName: "Org", projectId: "proj", projectName: "Proj", publicKey: "pk-lf-1", secretKey: "sk-lf-1", userEmail: "a@example.com", userName: "A", userPassword: "pw" };

const byName = (env: EnvVar[]) => new Map(env.map((v) => [v.name, v]));
const secretNames = (env: EnvVar[]) => env.filter((v) => v.secret).map((v) => v.name).sort();

function assertWellFormed(env: EnvVar[], label: string): void {
    assert.equal(new Set(env.map((v) => v.name)).size, env.length, `${label}: no variable twice`);
    for (const v of env) if (isSecretName(v.name)) assert.equal(v.secret, true, `${label}: ${v.name} looks secret to the policy pack, so it is flagged`);
}

describe("Langfuse service env", () => {
    it("web and worker share the stores' wiring; every credential is secret; single-node ClickHouse", () => {
        const env = langfuseServerEnv(server);
        assertWellFormed(env, "server");
        const m = byName(env);
        assert.deepEqual(secretNames(env), [
            "CLICKHOUSE_PASSWORD", "DATABASE_URL", "ENCRYPTION_KEY", "LANGFUSE_S3_EVENT_UPLOAD_ACCESS_KEY_ID", "LANGFUSE_S3_EVENT_UPLOAD_SECRET_ACCESS_KEY", "REDIS_AUTH", "SALT",
        ]);
        assert.equal(m.get("CLICKHOUSE_CLUSTER_ENABLED")?.value, "false");
        assert.equal(m.get("LANGFUSE_S3_EVENT_UPLOAD_BUCKET")?.value, "langfuse");
        assert.equal(m.get("LANGFUSE_S3_EVENT_UPLOAD_PREFIX")?.value, "events/");
        assert.equal(m.get("TELEMETRY_ENABLED")?.value, "false");
        assert.equal(m.get("HOSTNAME")?.value, "0.0.0.0");
        assert.equal(m.get("NODE_OPTIONS")?.value, "--max-old-space-size=768");
        assert.equal(nodeHeapMb(1536), 1152);
    });

    it("headless init: every LANGFUSE_INIT_* the web container reads, key pair and password secret", () => {
        const env = headlessInitEnv(init);
        assert.deepEqual(env.map((v) => v.name).sort(), [
            "LANGFUSE_INIT_ORG_ID", "LANGFUSE_INIT_ORG_NAME", "LANGFUSE_INIT_PROJECT_ID", "LANGFUSE_INIT_PROJECT_NAME", "LANGFUSE_INIT_PROJECT_PUBLIC_KEY",
            "LANGFUSE_INIT_PROJECT_SECRET_KEY", "LANGFUSE_INIT_USER_EMAIL", "LANGFUSE_INIT_USER_NAME", "LANGFUSE_INIT_USER_PASSWORD",
        ]);
        assert.deepEqual(secretNames(env), ["LANGFUSE_INIT_PROJECT_PUBLIC_KEY", "LANGFUSE_INIT_PROJECT_SECRET_KEY", "LANGFUSE_INIT_USER_PASSWORD"]);
    });

    it("web adds NextAuth and the init values; the worker gets neither", () => {
        const web = langfuseWebEnv(server, { nextauthUrl: "http://127.0.0.1:3000", nextauthSecret: "nx", init });
        assertWellFormed(web, "web");
        const m = byName(web);
        assert.equal(m.get("NEXTAUTH_URL")?.value, "http://127.0.0.1:3000");
        assert.equal(m.get("NEXTAUTH_SECRET")?.secret, true);
        assert.equal(m.get("LANGFUSE_INIT_ORG_ID")?.value, "org", "the gatekeeper variable is set, or every other INIT value is ignored");
        const worker = langfuseWorkerEnv(server).map((v) => v.name);
        assert.ok(!worker.some((n) => n.startsWith("LANGFUSE_INIT_") || n.startsWith("NEXTAUTH")));
    });

    it("ClickHouse, MinIO and Redis get their credentials as secrets, never on a command line", () => {
        for (const [label, env] of [["clickhouse", clickhouseEnv("p")], ["minio", minioEnv("u", "p")], ["redis", redisEnv("p")]] as const) assertWellFormed(env, label);
        assert.deepEqual(secretNames(clickhouseEnv("p")), ["CLICKHOUSE_PASSWORD"]);
        assert.equal(byName(clickhouseEnv("p")).get("TZ")?.value, "UTC");
        assert.deepEqual(secretNames(minioEnv("u", "p")), ["MINIO_ROOT_PASSWORD", "MINIO_ROOT_USER"]);
        assert.deepEqual(secretNames(redisEnv("p")), ["REDIS_PASSWORD"]);
        assert.match(REDIS_COMMAND.join(" "), /--requirepass "\$REDIS_PASSWORD" --maxmemory-policy noeviction/);
        assert.deepEqual(argvFindings("command", REDIS_COMMAND), []);
        assert.deepEqual(argvFindings("command", MINIO_COMMAND), []);
        assert.match(MINIO_COMMAND.join(" "), /^mkdir -p \/data\/langfuse && exec minio server/);
    });
});

describe("gateway wiring", () => {
    const dev = (observability: Record<string, unknown>, secrets: Record<string, string> = {}) => parseSpec(rawConfig("dev", { observability }, { masterKey: VALID_MASTER_KEY, ...secrets }));
    const keys = { langfusePublicKey: "pk-lf-abc", langfuseSecretKey: "sk-lf-def" };

    it("langfuseGatewayEnv: both host variables, both keys secret", () => {
        assert.deepEqual(langfuseGatewayEnv({ host: "http://h:3000", publicKey: "pk", secretKey: "sk" }), [
            { name: "LANGFUSE_HOST", value: "http://h:3000" },
            { name: "LANGFUSE_OTEL_HOST", value: "http://h:3000" },
            { name: "LANGFUSE_PUBLIC_KEY", value: "pk", secret: true },
            { name: "LANGFUSE_SECRET_KEY", value: "sk", secret: true },
        ]);
    });

    it("the callback is langfuse_otel in callbacks (success and failure) exactly when traces are exported", () => {
        const cases = [
            { spec: dev({}), exported: false },
            { spec: dev({ enabled: true }), exported: true },
            { spec: dev({ enabled: true, host: "https://lf.example" }, keys), exported: true },
            { spec: dev({ enabled: true, host: "https://lf.example" }), exported: false },
        ];
        for (const { spec, exported } of cases) {
            assert.equal(tracesExported(spec), exported);
            assert.deepEqual(observabilitySettings(spec), exported ? { callbacks: ["langfuse_otel"] } : {});
            const settings = buildLiteLLMConfig(spec).litellm_settings as Record<string, unknown>;
            assert.deepEqual(settings.callbacks, exported ? ["langfuse_otel"] : undefined);
            assert.equal(settings.success_callback, undefined, "never the classic callback, whose events v4 drops");
        }
    });

    it("the rendered config names no Langfuse credential: they reach LiteLLM through env only", () => {
        const text = renderLiteLLMConfig(dev({ enabled: true, host: "https://lf.example" }, keys));
        assert.equal(parse(text).litellm_settings.callbacks[0], "langfuse_otel");
        assert.ok(!text.includes("pk-lf-abc") && !text.includes("sk-lf-def") && !text.includes("lf.example"));
    });

    it("warns only when observability is on and keys are missing", () => {
        assert.equal(observabilityWarning(dev({})), undefined);
        assert.equal(observabilityWarning(dev({ enabled: true })), undefined, "self-hosted generates its keys");
        assert.equal(observabilityWarning(dev({ enabled: true, host: "https://lf.example" }, keys)), undefined);
        assert.match(observabilityWarning(dev({ enabled: true, host: "https://lf.example" })) ?? "", /OFF/);
    });

    it("oke consumes the external env: host and secret keys, or nothing when keys are missing", () => {
        const oke = (secrets: Record<string, string>) =>
            parseSpec(rawConfig("oke", { observability: { enabled: true, host: "https://cloud.langfuse.com" } }, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY, ...secrets }));
        const env = externalLangfuseGatewayEnv(oke(keys));
        assert.deepEqual(env.map((v) => [v.name, v.value, !!v.secret]), [
            ["LANGFUSE_HOST", "https://cloud.langfuse.com", false],
            ["LANGFUSE_OTEL_HOST", "https://cloud.langfuse.com", false],
            ["LANGFUSE_PUBLIC_KEY", "pk-lf-abc", true],
            ["LANGFUSE_SECRET_KEY", "sk-lf-def", true],
        ]);
        assert.deepEqual(externalLangfuseGatewayEnv(oke({})), []);
        assert.deepEqual(observabilitySettings(oke({})), {});
        assert.deepEqual(observabilitySettings(oke(keys)), { callbacks: ["langfuse_otel"] });
    });
});
