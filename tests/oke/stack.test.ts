/**
 * The whole `oke` stack, built from Pulumi.yaml + Pulumi.oke.yaml under Pulumi mocks (database.mode
 * in-cluster, cluster reached through its OCID): providers, namespace, Secrets, Postgres, NetworkPolicies,
 * the LiteLLM Helm release and the in-cluster verification Job, and every secret staying a secret.
 */
import { OKE_CHART } from "../../config/sections/oke";
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, isSecretValue, MockRecorder, occurrences, plaintextOccurrences, promiseOf, RecordedResource, settle, unwrap } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";
import { OCI_KEY_DIR, OCI_KEY_FILE } from "../../components/gateway/contract";
import { DEFAULT_IMAGES, FALLBACK_PROBE_MODEL, LITELLM_VERSION } from "../../config/defaults";
import { liteLLMImageTag } from "../../config/litellm-release";
import { evaluatePolicies, formatViolations, mandatoryViolations } from "../../policy/evaluate";
import type { DeployedStack } from "../../stacks/types";
import { FAKE_OKE_KUBECONFIG, isKubernetesResource, KUBECONFIG_TOKEN, okeMockOptions, providerName, TEST_MASTER_KEY, TEST_PEM, valuesOf } from "./fixtures";

const SECRET = "kubernetes:core/v1:Secret";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const JOB = "kubernetes:batch/v1:Job";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const CLUSTER_ID = "ocid1.cluster.oc1.us-chicago-1.aaaaaaaaexampleclusterid";

describe("oke stack (in-cluster Postgres, cluster by OCID)", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let release: RecordedResource;
    let values: any;
    let masterKey: string;
    /** The data of the one Secret named `name`, after asserting it reached the engine as a secret. */
    const secretData = (name: string): Record<string, string> => {
        const found = mocks.byType(SECRET).filter((s) => (s.inputs.metadata as { name?: string }).name === name);
        assert.equal(found.length, 1, `one Secret named ${name}`);
        assert.ok(isSecretValue(found[0].inputs.stringData), `${name}'s data is a secret input`);
        return unwrap(found[0].inputs.stringData);
    };

    before(async () => {
        mocks = installMocks("litellm-gateway", "oke", false, okeMockOptions);
        const { config, secretKeys } = stackConfig("oke", {}, { ociPrivateKey: TEST_PEM, masterKey: TEST_MASTER_KEY });
        pulumi.runtime.setAllConfig(config, secretKeys);
        const { deploy } = await import("../../program");
        const { loadSpec } = await import("../../config/load");
        stack = deploy(loadSpec());
        await settle(stack.outputs.gatewayUrl, stack.outputs.masterKey, stack.outputs.verificationReport as pulumi.Output<string>);
        masterKey = await promiseOf(stack.outputs.masterKey);
        release = mocks.one(RELEASE);
        values = valuesOf(release);
    });

    test("one explicit Kubernetes provider, built from the kubeconfig fetched for the cluster OCID, serves every Kubernetes resource", () => {
        const [k8sProvider, ...others] = mocks.byType("pulumi:providers:kubernetes");
        assert.equal(others.length, 0, "exactly one Kubernetes provider");
        assert.ok(isSecretValue(k8sProvider.inputs.kubeconfig), "the kubeconfig is a secret input");
        assert.equal(unwrap(k8sProvider.inputs.kubeconfig), FAKE_OKE_KUBECONFIG, "the provider uses the fetched kubeconfig, never the ambient one");
        assert.equal(k8sProvider.inputs.clusterIdentifier, CLUSTER_ID, "token rotation does not replace the provider");
        const kube = mocks.resources.filter(isKubernetesResource);
        assert.ok(kube.length >= 12, `the stack registers Kubernetes resources (${kube.length})`);
        for (const r of kube) assert.equal(providerName(r), k8sProvider.name, `${r.type} ${r.name} uses the explicit provider`);
    });

    test("the kubeconfig is fetched through an explicit OCI provider built from config and the secret key", () => {
        const [ociProvider, ...others] = mocks.byType("pulumi:providers:oci");
        assert.equal(others.length, 0);
        assert.deepEqual(
            { region: ociProvider.inputs.region, tenancyOcid: ociProvider.inputs.tenancyOcid, userOcid: ociProvider.inputs.userOcid, fingerprint: ociProvider.inputs.fingerprint },
            { region: "us-chicago-1", tenancyOcid: "ocid1.tenancy.oc1..aaaaaaaaexampletenancy", userOcid: "ocid1.user.oc1..aaaaaaaaexampleuser", fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0" },
        );
        assert.ok(isSecretValue(ociProvider.inputs.privateKey) && unwrap(ociProvider.inputs.privateKey) === TEST_PEM, "the API key reaches the provider as a secret");
        const call = mocks.calls.find((c) => c.token === KUBECONFIG_TOKEN);
        assert.ok(call, "getClusterKubeConfig was invoked");
        assert.deepEqual({ clusterId: call.inputs.clusterId, tokenVersion: call.inputs.tokenVersion, endpoint: call.inputs.endpoint }, { clusterId: CLUSTER_ID, tokenVersion: "2.0.0", endpoint: "PUBLIC_ENDPOINT" });
        assert.match(call.provider ?? "", /pulumi:providers:oci::litellm-gateway-oke-cluster-oci::/, "the invoke uses the explicit OCI provider");
    });

    test("the namespace is created with Pod Security labels", () => {
        const ns = mocks.one("kubernetes:core/v1:Namespace");
        const meta = ns.inputs.metadata as { name: string; labels: Record<string, string> };
        assert.equal(meta.name, "litellm");
        assert.equal(meta.labels["pod-security.kubernetes.io/enforce"], "baseline");
        assert.equal(meta.labels["pod-security.kubernetes.io/warn"], "restricted");
        for (const r of mocks.resources.filter(isKubernetesResource).filter((r) => r !== ns && r.type !== RELEASE)) {
            assert.equal((r.inputs.metadata as { namespace?: string }).namespace, "litellm", `${r.name} lives in the namespace`);
        }
        assert.equal(release.inputs.namespace, "litellm");
    });

    test("LiteLLM is a Helm release of the pinned legacy chart, ClusterIP only, with a pinned image", () => {
        assert.equal(release.inputs.chart, "oci://ghcr.io/berriai/litellm-helm");
        assert.equal(release.inputs.version, OKE_CHART.version, "the chart version is pinned exactly, to the pinned release's");
        assert.equal(release.inputs.name, "litellm");
        assert.equal(release.inputs.waitForJobs, true, "Pulumi waits for the migration hook");
        assert.equal(values.fullnameOverride, "litellm", "the Service name is deterministic");
        assert.deepEqual(values.service, { type: "ClusterIP", port: 4000 });
        assert.deepEqual(values.ingress, { enabled: false });
        assert.deepEqual(values.image, { repository: "ghcr.io/berriai/litellm-non_root", tag: liteLLMImageTag(LITELLM_VERSION), pullPolicy: "IfNotPresent" });
        assert.ok(!/LoadBalancer|NodePort/.test(JSON.stringify(mocks.resources.map((r) => unwrap(r.inputs)))), "nothing is exposed outside the cluster");
        assert.equal(values.db.deployStandalone, false, "never the bundled Bitnami Postgres");
        assert.equal(values.migrationJob.hooks.helm.enabled, true);
        assert.equal(values.envVars.DISABLE_SCHEMA_UPDATE, "true");
        assert.equal(values.proxy_config.general_settings.master_key, "os.environ/PROXY_MASTER_KEY", "proxy_config keeps the chart's master key wiring");
        assert.deepEqual(values.proxy_config.model_list.map((m: { model_name: string }) => m.model_name), ["chat", "chat-backup", FALLBACK_PROBE_MODEL]);
    });

    test("the master key comes from our Secret, which holds the key the stack outputs", () => {
        assert.equal(values.masterkey, undefined, "no master key value in the Helm values");
        const data = secretData(values.masterkeySecretName);
        assert.equal(data[values.masterkeySecretKey], masterKey);
        assert.equal(masterKey, TEST_MASTER_KEY, "the configured master key is used");
        const salt = values.extraEnvVars.find((e: { name: string }) => e.name === "LITELLM_SALT_KEY");
        assert.deepEqual(salt.valueFrom.secretKeyRef, { name: values.masterkeySecretName, key: "saltkey" });
    });

    test("the OCI key is mounted read-only from oci-credentials and referenced by oci_key_file, never env or ConfigMap", () => {
        const volume = values.volumes.find((v: { secret?: { secretName: string } }) => v.secret?.secretName === "oci-credentials");
        assert.deepEqual(volume.secret.items, [{ key: "oci_api_key.pem", path: "oci_api_key.pem" }], "only the PEM is projected");
        const mount = values.volumeMounts.find((m: { name: string }) => m.name === volume.name);
        assert.deepEqual(mount, { name: volume.name, mountPath: OCI_KEY_DIR, readOnly: true });
        const ociModels = values.proxy_config.model_list.filter((m: { model_name: string }) => m.model_name !== FALLBACK_PROBE_MODEL);
        for (const m of ociModels) assert.equal(m.litellm_params.oci_key_file, OCI_KEY_FILE);
        const creds = secretData("oci-credentials");
        assert.deepEqual(Object.keys(creds).sort(), ["OCI_COMPARTMENT_ID", "OCI_FINGERPRINT", "OCI_REGION", "OCI_TENANCY", "OCI_USER", "oci_api_key.pem"]);
        assert.equal(creds["oci_api_key.pem"], TEST_PEM);
        assert.equal(creds.OCI_REGION, "us-chicago-1");
        const ociEnv = values.extraEnvVars.filter((e: { name: string }) => e.name.startsWith("OCI_"));
        assert.deepEqual(ociEnv.map((e: { name: string }) => e.name), ["OCI_COMPARTMENT_ID", "OCI_FINGERPRINT", "OCI_REGION", "OCI_TENANCY", "OCI_USER"]);
        for (const e of ociEnv) assert.deepEqual(e.valueFrom.secretKeyRef, { name: "oci-credentials", key: e.name });
        assert.ok(!JSON.stringify(values.extraEnvVars).includes("oci_api_key.pem"), "no env var reads the PEM");
        assert.ok(occurrences(mocks.resources, "PRIVATE KEY") > 0, "the PEM is present somewhere (so the next checks are not vacuous)");
        assert.deepEqual(plaintextOccurrences(mocks.resources, TEST_PEM.split("\n")[1]), [], "the PEM never appears outside a secret");
        for (const cm of mocks.byType(CONFIG_MAP)) assert.ok(!JSON.stringify(unwrap(cm.inputs)).includes("PRIVATE KEY"), `ConfigMap ${cm.name} holds no key`);
    });

    test("in-cluster Postgres: pinned image, PVC, generated password in a Secret, ClusterIP Service, wired into db.*", () => {
        const sts = mocks.one("kubernetes:apps/v1:StatefulSet");
        const spec = sts.inputs.spec as any;
        assert.equal(spec.template.spec.containers[0].image, "postgres:16.6-alpine");
        assert.equal(spec.volumeClaimTemplates[0].spec.resources.requests.storage, "20Gi");
        const svc = mocks.one("kubernetes:core/v1:Service");
        assert.equal((svc.inputs.spec as any).type, "ClusterIP");
        assert.equal(values.db.useExisting, true);
        assert.equal(values.db.endpoint, "litellm-postgres.litellm.svc.cluster.local");
        assert.equal(values.db.database, "litellm");
        assert.equal(values.db.url, "postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):5432/$(DATABASE_NAME)");
        const db = secretData(values.db.secret.name);
        assert.equal(db.password, secretData("litellm-postgres-credentials").POSTGRES_PASSWORD, "the gateway uses the password Postgres was created with");
        assert.match(db.password, /^[A-Za-z0-9]{20,}$/, "generated, URL-safe");
        assert.equal(db.username, "litellm");
        assert.ok(stack.dependencies.gateway.includes(stack.components.database), "the release waits for Postgres");
    });

    test("NetworkPolicies: only listed namespaces/pods and the verification Job reach the gateway; only the gateway reaches Postgres", () => {
        const byName = new Map(mocks.byType(NETPOL).map((p) => [(p.inputs.metadata as { name: string }).name, p.inputs.spec as any]));
        const gatewaySelector = { "app.kubernetes.io/name": "litellm", "app.kubernetes.io/instance": "litellm" };
        const ingress = byName.get("litellm-gateway-ingress");
        assert.deepEqual(ingress.podSelector.matchLabels, gatewaySelector);
        assert.deepEqual(ingress.ingress[0].from, [
            { podSelector: { matchLabels: { "app.kubernetes.io/component": "verification" } } },
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "apps" } } },
            { podSelector: { matchLabels: { "app.kubernetes.io/name": "gateway-client" } } },
        ]);
        assert.deepEqual(ingress.ingress[0].ports, [{ protocol: "TCP", port: 4000 }]);
        const pg = byName.get("litellm-postgres-only-gateway");
        const sts = mocks.one("kubernetes:apps/v1:StatefulSet");
        assert.deepEqual(pg.podSelector.matchLabels, (sts.inputs.spec as any).selector.matchLabels, "the policy selects the Postgres pod");
        assert.deepEqual(pg.ingress, [{ from: [{ podSelector: { matchLabels: gatewaySelector } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
        assert.deepEqual(pg.policyTypes, ["Ingress", "Egress"]);
        const verify = byName.get("litellm-verification");
        assert.deepEqual(verify.ingress, []);
        assert.deepEqual(verify.egress[0], { to: [{ podSelector: { matchLabels: gatewaySelector } }], ports: [{ protocol: "TCP", port: 4000 }] });
        assert.ok(verify.egress[1].ports.some((p: { port: number; protocol: string }) => p.port === 53 && p.protocol === "UDP"), "DNS stays reachable");
        assert.equal(byName.size, 3);
        assert.ok(stack.dependencies.gateway.includes(stack.components.networkPolicies), "policies exist before the gateway starts");
    });

    test("the verification Job runs the bundled CLI from a ConfigMap against the Service DNS name, with the key from a Secret", async () => {
        const job = mocks.one(JOB);
        const meta = job.inputs.metadata as { name: string; labels: Record<string, string> };
        assert.equal(meta.labels["app.kubernetes.io/component"], "verification");
        assert.match(meta.name, /^litellm-verify-vr[a-z0-9]+$/, "a fresh run id in the name: every up runs the checks again");
        const pod = (job.inputs.spec as any).template.spec;
        assert.equal((job.inputs.spec as any).template.metadata.labels["app.kubernetes.io/component"], "verification");
        assert.equal((job.inputs.spec as any).backoffLimit, 0);
        const [container] = pod.containers;
        assert.equal(container.image, DEFAULT_IMAGES.node);
        const env = new Map(container.env.map((e: any) => [e.name, e]));
        assert.equal((env.get("GATEWAY_URL") as any).value, "http://litellm.litellm.svc.cluster.local:4000");
        assert.deepEqual((env.get("LITELLM_MASTER_KEY") as any).valueFrom.secretKeyRef, { name: values.masterkeySecretName, key: "masterkey" });
        assert.deepEqual(container.command.slice(0, 2), ["node", "/opt/litellm-verify/verify.js"]);
        const args: string[] = container.command.slice(2);
        assert.deepEqual([args[args.indexOf("--model") + 1], args[args.indexOf("--fallback-model") + 1], args[args.indexOf("--fallback-probe-model") + 1]], ["chat", "chat-backup", FALLBACK_PROBE_MODEL]);
        assert.ok(!JSON.stringify(container.command).includes(masterKey), "the key is not in argv");
        const bundleMap = mocks.one(CONFIG_MAP);
        const volume = pod.volumes.find((v: any) => v.configMap);
        assert.equal(volume.configMap.name, (bundleMap.inputs.metadata as { name: string }).name);
        assert.deepEqual(container.volumeMounts, [{ name: volume.name, mountPath: "/opt/litellm-verify", readOnly: true }]);
        const code = (bundleMap.inputs.data as Record<string, string>)["verify.js"];
        assert.ok(code.includes("--fallback-model") && code.length > 10_000, "the ConfigMap carries the bundled CLI");
        assert.equal(bundleMap.inputs.immutable, true);
        assert.ok(stack.dependencies.verification.includes(stack.components.gateway), "the Job runs after the release is up");
        assert.equal(await promiseOf(stack.outputs.verificationReport as pulumi.Output<string>), `kubectl logs job/${meta.name} -n litellm`);
    });

    test("master key, salt key, DB password and OCI key are secrets in every input and output that carries them", async () => {
        const salt = secretData(values.masterkeySecretName).saltkey;
        const dbPassword = secretData(values.db.secret.name).password;
        for (const [label, value] of [["master key", masterKey], ["salt key", salt], ["db password", dbPassword], ["OCI key body", TEST_PEM.split("\n")[1]]] as const) {
            assert.ok(occurrences(mocks.resources, value) > 0, `${label} is present in some input`);
            assert.deepEqual(plaintextOccurrences(mocks.resources, value), [], `${label} appears unwrapped`);
        }
        for (const s of mocks.byType(SECRET)) assert.ok(isSecretValue(s.inputs.stringData), `${s.name}'s data is a secret`);
        assert.equal(await pulumi.isSecret(stack.outputs.masterKey), true);
        assert.equal(await promiseOf(stack.outputs.gatewayUrl), "http://litellm.litellm.svc.cluster.local:4000");
        assert.equal(await promiseOf(stack.outputs.namespace as pulumi.Output<string>), "litellm");
        assert.deepEqual(stack.outputs.models, ["chat", "chat-backup"]);
    });

    test("the recorded stack passes every mandatory policy, and the policy pack sees the verification Job", () => {
        const violations = evaluatePolicies(mocks.resources, { stack: "oke" });
        assert.deepEqual(mandatoryViolations(violations), [], formatViolations(mandatoryViolations(violations)));
        assert.ok(!violations.some((v) => v.policyName === "verification-enabled"), formatViolations(violations));
    });
});
