/**
 * The official `litellm` chart as `oke.chart.name: litellm`: values for its own schema (monolith mode, one
 * Service; the master key, database and Redis by Secret reference), the Secrets it names created by the stack,
 * and every value a key of its values.yaml (tests/oke/litellm-chart.ts says where the keys were read).
 */
import { after, before, describe, test } from "node:test";
import { rmSync } from "node:fs";
import assert from "node:assert/strict";
import { OKE_CHARTS, okeSettings } from "../../config/sections/oke";
import { litellmChartImage, liteLLMChartValues, LiteLLMChartValuesArgs, writerSslMode } from "../../components/gateway/litellm-chart-values";
import { gatewaySelector } from "../../components/k8s/labels";
import type { MockRecorder, RecordedResource } from "../helpers/mocks";
import { unwrap } from "../helpers/mocks";
import { stackFile } from "../helpers/stack-config";
import { configProblems } from "../helpers/raw-config";
import { scratchDir, writeChartArchive } from "../helpers/chart-on-disk";
import { buildOkeFeatureStack, jobContainer, K8S, named, releaseValues, secretData } from "./features-support";
import { helmValuesArgs, okeValuesSpec } from "./fixtures";
import { LITELLM_CHART_KEYS, LITELLM_CHART_OLDER_KEYS } from "./litellm-chart";
import { keysMissingFromChart } from "./litellm-helm-chart";

const CLUSTER = "ocid1.cluster.oc1.us-chicago-1.aaaaaaaaexampleclusterid";
const officialSpec = (over: Record<string, unknown> = {}) => okeValuesSpec({ oke: { clusterId: CLUSTER, chart: { name: "litellm" } }, ...over });

function officialArgs(over: Partial<LiteLLMChartValuesArgs> = {}): LiteLLMChartValuesArgs {
    const s = officialSpec();
    const { env, ociKey } = helmValuesArgs(s);
    return {
        spec: s,
        oke: okeSettings(s),
        masterKey: { name: "litellm-master-key-secret", key: "master-key" },
        database: { host: "litellm-postgres.litellm.svc.cluster.local", port: 5432, name: "litellm", urlQuery: "", secretName: "litellm-writer-secret", usernameKey: "username", passwordKey: "password" },
        env,
        ociKey,
        ...over,
    };
}

describe("official litellm chart values (pure)", () => {
    const values: any = liteLLMChartValues(officialArgs({ redis: { host: "litellm-redis.litellm.svc.cluster.local", port: "6379", secretName: "litellm-redis", passwordKey: "password" } }));

    test("every value is a key of the pinned chart's values.yaml, and would not be of the older layout", () => {
        assert.deepEqual(keysMissingFromChart(values, LITELLM_CHART_KEYS.keys), [], LITELLM_CHART_KEYS.source);
        const older = keysMissingFromChart(values, LITELLM_CHART_OLDER_KEYS.keys);
        for (const k of ["monolith.enabled", "image.digest", "gateway.securityContext", "migrationJob.securityContext"]) assert.ok(older.some((m) => m.startsWith(k)), `${k} is not in ${LITELLM_CHART_OLDER_KEYS.source}`);
    });

    test("monolith mode, named after the release, one ClusterIP Service; pods carry the selector the NetworkPolicies use", () => {
        assert.deepEqual(values.monolith, { enabled: true, extraArgs: [] });
        assert.equal(values.fullnameOverride, "litellm");
        assert.equal(values.nameOverride, "litellm");
        assert.deepEqual(values.gateway.service, { type: "ClusterIP", port: 4000 });
        assert.deepEqual(values.gateway.topologySpreadConstraints[0].labelSelector.matchLabels, gatewaySelector("litellm"));
        assert.equal(values.ingress.enabled, false);
    });

    test("Secrets by reference: master key, writer credentials and Redis password; the chart writes their env, so ours does not", () => {
        assert.deepEqual(values.masterKey, { secretName: "litellm-master-key-secret", secretKey: "master-key", generate: false });
        assert.deepEqual(values.database.writer.passwordSecret, { name: "litellm-writer-secret", usernameKey: "username", passwordKey: "password" });
        assert.deepEqual(values.redis.passwordSecret, { name: "litellm-redis", passwordKey: "password" });
        const names = values.gateway.extraEnv.map((e: { name: string }) => e.name);
        for (const owned of ["LITELLM_MASTER_KEY", "DATABASE_URL"]) assert.ok(!names.includes(owned), `${owned} comes from the chart`);
        assert.deepEqual([...names].sort(), names, "sorted, so a re-render is identical");
        assert.equal(values.gateway.config.proxy_config.general_settings.master_key, "os.environ/LITELLM_MASTER_KEY", "the env var this chart injects");
        assert.deepEqual(values.gateway.extraEnv.find((e: { name: string }) => e.name === "LITELLM_SALT_KEY").valueFrom, { secretKeyRef: { name: "litellm-keys", key: "saltkey" } });
    });

    test("non-root, read-only, with scratch space for the pod and the migration hook; our ServiceAccount for both", () => {
        for (const sc of [values.gateway.securityContext, values.migrationJob.securityContext]) assert.deepEqual([sc.runAsNonRoot, sc.runAsUser, sc.readOnlyRootFilesystem], [true, 65534, true]);
        assert.ok(values.migrationJob.volumes.some((v: { name: string }) => v.name === "scratch"));
        assert.ok(!values.migrationJob.volumes.some((v: { name: string }) => v.name === "oci-api-key"), "the hook needs no OCI key");
        assert.ok(values.gateway.volumes.some((v: { name: string }) => v.name === "oci-api-key"));
        assert.equal(values.migrationJob.serviceAccountName, "litellm-gateway");
        assert.deepEqual(values.migrationJob.hooks, { helm: { enabled: true }, argocd: { enabled: false } });
        assert.ok(values.migrationJob.extraEnv.some((e: { name: string; value: string }) => e.name === "ENFORCE_PRISMA_MIGRATION_CHECK" && e.value === "true"));
    });

    test("the image's digest rides in image.digest; sslmode is the only URL parameter it can carry", () => {
        assert.deepEqual(litellmChartImage(`ghcr.io/berriai/litellm-non_root:v1.108.7@sha256:${"a".repeat(64)}`), { repository: "ghcr.io/berriai/litellm-non_root", tag: "v1.108.7", digest: `sha256:${"a".repeat(64)}`, pullPolicy: "IfNotPresent" });
        assert.equal(writerSslMode("?sslmode=require"), "require");
        assert.equal(writerSslMode(""), "");
        assert.throws(() => writerSslMode("?sslmode=require&connect_timeout=10"), /connect_timeout.*databaseUrl.*oke\.chart\.name litellm-helm/);
    });

    test("no Redis: no host, so the chart writes no REDIS_* env", () => {
        assert.deepEqual((liteLLMChartValues(officialArgs()) as any).redis, { host: "" });
    });
});

describe("oke stack with oke.chart.name litellm, cache, guardrails and observability on", () => {
    let mocks: MockRecorder;
    let release: RecordedResource;
    let values: any;
    before(async () => {
        const oke = stackFile("oke")["litellm-gateway:oke"] as Record<string, unknown>;
        ({ mocks } = await buildOkeFeatureStack({ oke: { ...oke, chart: { name: "litellm" } }, cache: { enabled: true }, guardrails: { enabled: true }, observability: { enabled: true, host: "https://cloud.langfuse.com" } },
            { langfusePublicKey: "pk-lf-0123456789abcdef", langfuseSecretKey: "sk-lf-0123456789abcdef" },
        ));
        release = mocks.one(K8S.release);
        values = releaseValues(mocks);
    });

    test("the Release installs the official chart at its pin", () => {
        assert.equal(release.inputs.chart, OKE_CHARTS.litellm.repository);
        assert.equal(release.inputs.version, OKE_CHARTS.litellm.version);
    });

    test("the Secrets the chart names exist, as secrets, and the values point at them", () => {
        assert.ok(secretData(mocks, "litellm-master-key-secret")["master-key"].startsWith("sk-"));
        assert.deepEqual(Object.keys(secretData(mocks, "litellm-writer-secret")).sort(), ["password", "username"]);
        assert.ok(secretData(mocks, "litellm-redis").password.length >= 16, "the in-cluster Redis password");
        assert.deepEqual(Object.keys(secretData(mocks, "litellm-env")).filter((k) => k.startsWith("LANGFUSE")).length > 0, true, "feature secrets in litellm-env");
        assert.ok(!("REDIS_PASSWORD" in secretData(mocks, "litellm-env")), "the Redis password lives in litellm-redis only");
        assert.ok(values.gateway.extraEnv.some((e: any) => e.valueFrom?.secretKeyRef?.name === "litellm-env"), "and the values read them from there");
        assert.deepEqual(values.masterKey, { secretName: "litellm-master-key-secret", secretKey: "master-key", generate: false });
        assert.equal(values.database.writer.passwordSecret.name, "litellm-writer-secret");
        assert.deepEqual(values.redis.passwordSecret, { name: "litellm-redis", passwordKey: "password" });
        assert.equal(values.redis.host, "litellm-redis.litellm.svc.cluster.local");
        assert.ok(!mocks.byType(K8S.secret).some((s) => ["litellm-keys", "litellm-db"].includes((s.inputs.metadata as { name: string }).name)), "no litellm-helm Secrets");
    });

    test("the verification Job reads the master key from the chart's Secret and calls the monolith Service", () => {
        const env = jobContainer(mocks).env;
        assert.deepEqual(env.find((e: { name: string }) => e.name === "LITELLM_MASTER_KEY").valueFrom.secretKeyRef, { name: "litellm-master-key-secret", key: "master-key" });
        assert.equal(env.find((e: { name: string }) => e.name === "GATEWAY_URL").value, "http://litellm.litellm.svc.cluster.local:4000");
    });

    test("Presidio's URLs reach the gateway's env; every value is a key of the chart", () => {
        const names = values.gateway.extraEnv.map((e: { name: string }) => e.name);
        assert.ok(names.includes("PRESIDIO_ANALYZER_API_BASE"), names.join(", "));
        assert.ok(!names.includes("REDIS_HOST") && names.length > 0, "Redis env comes from redis.*");
        assert.deepEqual(keysMissingFromChart(values, LITELLM_CHART_KEYS.keys), []);
    });

    test("the gateway's NetworkPolicies select the monolith's pods (name + instance)", () => {
        const policy = named(mocks, K8S.netpol, "litellm-gateway-ingress");
        assert.deepEqual((unwrap(policy.inputs.spec) as any).podSelector.matchLabels, gatewaySelector("litellm"));
    });
});

describe("oke.chart.path with the official chart (air-gapped)", () => {
    const root = scratchDir("oke-official-chart-");
    after(() => rmSync(root, { recursive: true, force: true }));

    test("a litellm archive at the pin is accepted; the other chart, or another version, is refused naming the key and the fix", () => {
        const archive = writeChartArchive(root, { name: "litellm", version: OKE_CHARTS.litellm.version, dependencies: ["lens"] });
        assert.equal(okeSettings(officialSpec({ oke: { clusterId: CLUSTER, chart: { name: "litellm", path: archive } } })).chart.path, archive);
        const helm = writeChartArchive(root, { name: "litellm-helm", version: OKE_CHARTS.litellm.version });
        const [wrong] = configProblems(() => officialSpec({ oke: { clusterId: CLUSTER, chart: { name: "litellm", path: helm } } }));
        assert.match(wrong.key, /oke\.chart\.path$/);
        assert.match(wrong.message, /holds the chart 'litellm-helm', but the Helm values are written for 'litellm' \(oke\.chart\.name\)/);
        assert.match(wrong.fix ?? "", /set oke\.chart\.name to litellm-helm/);
        const old = writeChartArchive(root, { name: "litellm", version: "0.1.0", dependencies: [] });
        const [version] = configProblems(() => officialSpec({ oke: { clusterId: CLUSTER, chart: { name: "litellm", path: old } } }));
        assert.match(version.message, /holds litellm 0\.1\.0, but the stack pins 1\.0\.0 \(the litellm chart's pin\)/);
    });
});
