/**
 * liteLLMHelmValues and its helpers, without Pulumi: every value the legacy litellm-helm chart gets
 * (litellm.md §11 A), and the env split that keeps secrets out of plain values.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VALID_MASTER_KEY } from "../helpers/raw-config";
import { chartDatabaseUrl, chartEnv, chartImage, GATEWAY_UID, liteLLMHelmValues, SCRATCH_DIR, secretEnvToStore } from "../../components/gateway/helm-values";
import { helmValuesArgs, okeValuesSpec } from "./fixtures";
import { FALLBACK_PROBE_MODEL, LITELLM_VERSION } from "../../config/defaults";
import { liteLLMImageTag } from "../../config/litellm-release";
import { OCI_KEY_DIR, OCI_KEY_FILE } from "../../components/gateway/contract";
import { checkNoPlaintextSecrets } from "../../policy/rules/noPlaintextSecrets";

const DIGEST = `sha256:${"a".repeat(64)}`;
const spec = okeValuesSpec;
const args = helmValuesArgs;

describe("liteLLMHelmValues", () => {
    const values = liteLLMHelmValues(args()) as any;

    test("proxy_config is the rendered config, wired to the chart's PROXY_MASTER_KEY", () => {
        assert.equal(values.proxy_config.general_settings.master_key, "os.environ/PROXY_MASTER_KEY");
        assert.equal(values.proxy_config.general_settings.database_url, "os.environ/DATABASE_URL");
        assert.deepEqual(values.proxy_config.router_settings.fallbacks, [{ chat: ["chat-backup"] }, { [FALLBACK_PROBE_MODEL]: ["chat-backup"] }]);
        for (const m of values.proxy_config.model_list) {
            if (m.model_name !== FALLBACK_PROBE_MODEL) assert.equal(m.litellm_params.oci_key_file, OCI_KEY_FILE);
        }
    });

    test("master key from our Secret, never a value", () => {
        assert.equal(values.masterkeySecretName, "litellm-keys");
        assert.equal(values.masterkeySecretKey, "masterkey");
        assert.equal(values.masterkey, undefined);
        assert.ok(!JSON.stringify(values).includes(VALID_MASTER_KEY), "the key value is nowhere in the values");
    });

    test("image pinned to gateway.image (on oke the non-root variant of the pinned release), ClusterIP only, deterministic names", () => {
        assert.deepEqual(values.image, { repository: "ghcr.io/berriai/litellm-non_root", tag: liteLLMImageTag(LITELLM_VERSION), pullPolicy: "IfNotPresent" });
        assert.deepEqual(values.service, { type: "ClusterIP", port: 4000 });
        assert.deepEqual(values.ingress, { enabled: false });
        assert.equal(values.fullnameOverride, "litellm");
        assert.equal(values.nameOverride, "litellm");
    });

    test("an existing Postgres through db.*, never the bundled Bitnami one (nor its Redis)", () => {
        assert.deepEqual(values.db, {
            useExisting: true,
            deployStandalone: false,
            endpoint: "litellm-postgres.litellm.svc.cluster.local",
            database: "litellm",
            url: "postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):5432/$(DATABASE_NAME)",
            secret: { name: "litellm-db", usernameKey: "username", passwordKey: "password" },
        });
        assert.deepEqual(values.redis, { enabled: false });
    });

    test("migrations run as a Helm pre-install/pre-upgrade hook that fails when they fail; app pods do not touch the schema", () => {
        assert.equal(values.migrationJob.enabled, true);
        assert.deepEqual(values.migrationJob.hooks, { helm: { enabled: true }, argocd: { enabled: false } });
        assert.ok(values.migrationJob.resources.limits.memory);
        assert.equal(values.envVars.DISABLE_SCHEMA_UPDATE, "true");
        assert.equal(values.envVars.ENFORCE_PRISMA_MIGRATION_CHECK, "true", "1.83 exits 0 after a failed migrate unless told otherwise");
        assert.equal(values.envVars.LITELLM_MIGRATION_DIR, `${SCRATCH_DIR}/migrations`, "migrations need a writable dir on a read-only root");
        assert.equal(values.envVars.TMPDIR, SCRATCH_DIR);
    });

    test("the pods and the hook run as our ServiceAccount, never one the chart would create after the pre-install hook", () => {
        assert.deepEqual(values.serviceAccount, { create: false, name: "litellm-gateway" });
    });

    test("non-root (nobody, the non-root image's user), read-only root filesystem, no capabilities, on pod and container (the migration hook reads the container one)", () => {
        assert.equal(GATEWAY_UID, 65534);
        const identity = { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } };
        assert.deepEqual(values.podSecurityContext, { ...identity, fsGroup: 65534 });
        assert.deepEqual(values.securityContext, { ...identity, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    });

    test("the scratch emptyDir is in volumes/volumeMounts, which the hook Job template shares with the Deployment", () => {
        assert.deepEqual(values.volumes[0], { name: "scratch", emptyDir: { sizeLimit: "1Gi" } });
        assert.deepEqual(values.volumeMounts[0], { name: "scratch", mountPath: SCRATCH_DIR });
        assert.ok(!values.volumeMounts.some((m: { mountPath: string }) => ["/tmp", "/.cache", "/.npm"].includes(m.mountPath)), "the chart mounts these on the Deployment itself; a second mount at the same path is invalid");
    });

    test("resources, replicas, workers, PDB on and HPA off by default; probes are the chart's", () => {
        assert.deepEqual(values.resources, { requests: { cpu: "500m", memory: "2048Mi" }, limits: { memory: "2048Mi" } });
        for (const key of ["livenessProbe", "readinessProbe", "startupProbe", "numWorkers", "logLevel"]) assert.equal(values[key], undefined, `${key} is not a value of every chart in the line`);
        assert.equal(values.replicaCount, 2);
        assert.deepEqual(values.args, ["--config", "/etc/litellm/config.yaml", "--num_workers", "1"]);
        assert.deepEqual(values.pdb, { enabled: true, minAvailable: 1 });
        assert.equal(values.autoscaling.enabled, false);
        assert.equal(values.topologySpreadConstraints[0].topologyKey, "kubernetes.io/hostname");
    });

    test("HPA, PDB, CPU limit and replicas follow oke config", () => {
        const s = spec({ oke: { clusterId: "ocid1.cluster.oc1.us-chicago-1.aaaa", replicas: 3, cpuLimit: "2", autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 9 }, podDisruptionBudget: { minAvailable: 2 } }, gateway: { memoryMb: 4096, numWorkers: 4 } });
        const v = liteLLMHelmValues(args(s)) as any;
        assert.deepEqual(v.autoscaling, { enabled: true, minReplicas: 3, maxReplicas: 9, targetCPUUtilizationPercentage: 80 });
        assert.deepEqual(v.pdb, { enabled: true, minAvailable: 2 });
        assert.deepEqual(v.resources.limits, { memory: "4096Mi", cpu: "2" });
        assert.equal(v.replicaCount, 3);
        assert.deepEqual(v.args.slice(2), ["--num_workers", "4"]);
        const single = liteLLMHelmValues(args(spec({ oke: { clusterId: "ocid1.cluster.oc1.us-chicago-1.aaaa", replicas: 1 } }))) as any;
        assert.equal(single.pdb.enabled, false, "no PDB on one replica: it would block every drain");
    });

    test("the OCI key is a read-only file mount of one Secret item; without OCI models, no mount", () => {
        assert.deepEqual(values.volumes.find((v: any) => v.name === "oci-api-key"), {
            name: "oci-api-key",
            secret: { secretName: "oci-credentials", items: [{ key: "oci_api_key.pem", path: "oci_api_key.pem" }], defaultMode: 0o440 },
        });
        assert.deepEqual(values.volumeMounts.find((m: any) => m.name === "oci-api-key"), { name: "oci-api-key", mountPath: OCI_KEY_DIR, readOnly: true });
        assert.equal(`${OCI_KEY_DIR}/oci_api_key.pem`, OCI_KEY_FILE);
        const none = liteLLMHelmValues(args(spec(), { ociKey: undefined })) as any;
        assert.deepEqual(none.volumes.map((v: any) => v.name), ["scratch"]);
    });

    test("env: plain values in envVars, everything else from Secrets, and nothing the chart sets itself", () => {
        assert.deepEqual(Object.keys(values.envVars).sort(), ["CHECKPOINT_DISABLE", "DISABLE_SCHEMA_UPDATE", "ENFORCE_PRISMA_MIGRATION_CHECK", "FALLBACK_PROBE_PLACEHOLDER_KEY", "LITELLM_LOCAL_MODEL_COST_MAP", "LITELLM_LOG", "LITELLM_MIGRATION_DIR", "TMPDIR"]);
        assert.deepEqual(values.extraEnvVars.map((e: any) => e.name), ["LITELLM_SALT_KEY", "OCI_COMPARTMENT_ID", "OCI_FINGERPRINT", "OCI_REGION", "OCI_TENANCY", "OCI_USER"]);
        assert.ok(values.extraEnvVars.every((e: any) => e.valueFrom.secretKeyRef.name && !("value" in e)));
        assert.equal(values.envVars.LITELLM_LOG, "INFO", "the log level rides in envVars (the chart line has no logLevel value)");
    });

    test("the policy pack finds no plaintext secret in these values", () => {
        assert.deepEqual(checkNoPlaintextSecrets("kubernetes:helm.sh/v3:Release", { chart: "oci://ghcr.io/berriai/litellm-helm", values } as any), []);
    });
});

describe("chart helpers", () => {
    test("chartEnv refuses a secret variable that has no Secret to come from", () => {
        assert.throws(() => chartEnv([{ name: "REDIS_PASSWORD", value: "pw", secret: true }], {}), /REDIS_PASSWORD has no Secret/);
        const env = chartEnv([{ name: "REDIS_PASSWORD", value: "pw", secret: true }, { name: "REDIS_HOST", value: "redis" }], { REDIS_PASSWORD: { name: "litellm-env", key: "REDIS_PASSWORD" } });
        assert.deepEqual(env, { envVars: { REDIS_HOST: "redis" }, extraEnvVars: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "litellm-env", key: "REDIS_PASSWORD" } } }] });
    });

    test("chartEnv drops what the chart sets itself (master key as PROXY_MASTER_KEY, DATABASE_URL from db.*)", () => {
        const env = chartEnv([{ name: "LITELLM_MASTER_KEY", value: "k", secret: true }, { name: "DATABASE_URL", value: "u", secret: true }], {});
        assert.deepEqual(env, { envVars: {}, extraEnvVars: [] });
    });

    test("secretEnvToStore keeps feature secrets only", () => {
        const stored = secretEnvToStore([
            { name: "LITELLM_MASTER_KEY", value: "k", secret: true },
            { name: "DATABASE_URL", value: "u", secret: true },
            { name: "LITELLM_SALT_KEY", value: "s", secret: true },
            { name: "LANGFUSE_SECRET_KEY", value: "sk-lf", secret: true },
            { name: "LANGFUSE_HOST", value: "https://lf" },
        ]);
        assert.deepEqual(stored, { LANGFUSE_SECRET_KEY: "sk-lf" });
    });

    test("chartImage splits repository and tag, keeps a digest in the tag, refuses an unpinned reference", () => {
        assert.deepEqual(chartImage(`ghcr.io/berriai/litellm:v1.83.10-stable@${DIGEST}`), { repository: "ghcr.io/berriai/litellm", tag: `v1.83.10-stable@${DIGEST}`, pullPolicy: "IfNotPresent" });
        assert.equal(chartImage(`ghcr.io/berriai/litellm@${DIGEST}`).tag, DIGEST);
        assert.throws(() => chartImage("ghcr.io/berriai/litellm"), /not a pinned/);
    });

    test("chartDatabaseUrl keeps the chart's $(VAR) expansion and appends the query", () => {
        assert.equal(chartDatabaseUrl(6432, "?sslmode=require"), "postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):6432/$(DATABASE_NAME)?sslmode=require");
    });
});
