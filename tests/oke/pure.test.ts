/**
 * The oke stack's other pure pieces: oke settings and their rules, NetworkPolicy specs, the verification
 * Job's command line, feature flags, external URL parsing and kubeconfig identity.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseSpec } from "../../config/spec";
import { OKE_CHART, okeSettings } from "../../config/sections/oke";
import { DEFAULT_IMAGES } from "../../config/defaults";
import { configProblems, rawConfig, VALID_PEM } from "../helpers/raw-config";
import { DNS_EGRESS, gatewayIngressSpec, onlyGatewaySpec, verificationSpec } from "../../components/k8s/network-policy";
import { verificationCliArgs, verificationCommand, verificationJobName } from "../../components/verification/job";
import { parseCliArgs } from "../../verify/cli-args";
import { mergeOkeFeatures, NO_OKE_FEATURE, verificationFlags } from "../../components/k8s/features";
import { parsePostgresUrl } from "../../components/postgres/external";
import { kubeconfigClusterIdentifier } from "../../components/k8s/cluster-access";
import { gatewayServiceAccountName, releaseChart } from "../../components/gateway/helm";
import { FAKE_OKE_KUBECONFIG } from "./fixtures";

const CLUSTER = "ocid1.cluster.oc1.us-chicago-1.aaaaaaaaexampleclusterid";
const okeSpec = (oke: Record<string, unknown>, other: Record<string, unknown> = {}) => parseSpec(rawConfig("oke", { oke: { clusterId: CLUSTER, ...oke }, ...other }, { ociPrivateKey: VALID_PEM }));
const problemKeys = (fn: () => unknown) => configProblems(fn).map((p) => p.key);

describe("oke settings", () => {
    test("defaults: namespace litellm, release litellm, 2 replicas, PDB on, HPA off, policies on, pinned chart and Node image", () => {
        const o = okeSettings(okeSpec({}));
        assert.deepEqual(
            { ns: o.namespace, release: o.releaseName, replicas: o.replicas, pdb: o.podDisruptionBudget, hpa: o.autoscaling.enabled, policies: o.networkPolicies, chart: o.chart, image: o.verificationImage, createNs: o.createNamespace },
            { ns: "litellm", release: "litellm", replicas: 2, pdb: { enabled: true, minAvailable: 1 }, hpa: false, policies: true, chart: OKE_CHART, image: DEFAULT_IMAGES.node, createNs: true },
        );
        assert.match(OKE_CHART.version, /^\d+\.\d+\.\d+(-stable)?$/);
    });

    test("config overrides reach the settings", () => {
        const o = okeSettings(okeSpec({ namespace: "ai", releaseName: "gw", chart: { version: "1.90.2" }, allowedNamespaces: ["apps"], allowedPodLabels: [{ app: "client" }], networkPolicies: false }));
        assert.deepEqual([o.namespace, o.releaseName, o.chart, o.allowedNamespaces, o.allowedPodLabels, o.networkPolicies], ["ai", "gw", { name: "litellm-helm", repository: OKE_CHART.repository, version: "1.90.2" }, ["apps"], [{ app: "client" }], false]);
    });

    test("rules: unpinned chart, HPA min above max, a PDB that blocks drains, an empty label set, a typo", () => {
        assert.deepEqual(problemKeys(() => okeSpec({ chart: { version: "latest" } })), ["litellm-gateway:oke.chart.version"]);
        assert.deepEqual(problemKeys(() => okeSpec({ chart: { repository: "https://charts.example.com" } })), ["litellm-gateway:oke.chart.repository"]);
        assert.deepEqual(problemKeys(() => okeSpec({ autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 3 } })), ["litellm-gateway:oke.autoscaling.minReplicas"]);
        assert.deepEqual(problemKeys(() => okeSpec({ replicas: 2, podDisruptionBudget: { minAvailable: 2 } })), ["litellm-gateway:oke.podDisruptionBudget.minAvailable"]);
        assert.deepEqual(problemKeys(() => okeSpec({ allowedPodLabels: [{}] })), ["litellm-gateway:oke.allowedPodLabels[0]"]);
        assert.deepEqual(problemKeys(() => okeSpec({ replica: 3 })), ["litellm-gateway:oke.replica"]);
        assert.deepEqual(problemKeys(() => okeSpec({ verificationImage: "node:latest" })), ["litellm-gateway:oke.verificationImage"]);
        assert.deepEqual(problemKeys(() => okeSpec({ kubeconfigEndpoint: "SOMEWHERE" })), ["litellm-gateway:oke.kubeconfigEndpoint"]);
    });

    test("the Release's chart: the registry at the pinned version, or the path on disk as written", () => {
        assert.deepEqual(releaseChart(OKE_CHART), { chart: OKE_CHART.repository, version: OKE_CHART.version });
        assert.deepEqual(releaseChart({ ...OKE_CHART, path: "charts/litellm-helm-1.83.10-stable.tgz" }), { chart: "charts/litellm-helm-1.83.10-stable.tgz" });
        assert.equal(gatewayServiceAccountName("gw"), "gw-gateway", "not the chart's own name (the release name), which an older install may still own");
    });

    test("the oke target needs a cluster: an OCID or a kubeconfig", () => {
        assert.deepEqual(problemKeys(() => parseSpec(rawConfig("oke", { oke: {} }, { ociPrivateKey: VALID_PEM }))), ["litellm-gateway:oke.clusterId"]);
        assert.equal(parseSpec(rawConfig("oke", { oke: {} }, { ociPrivateKey: VALID_PEM, kubeconfig: FAKE_OKE_KUBECONFIG })).target, "oke");
    });
});

describe("NetworkPolicy specs", () => {
    const gw = { "app.kubernetes.io/name": "litellm", "app.kubernetes.io/instance": "litellm" };

    test("gateway ingress: the verification Job, then listed namespaces, then listed pod label sets, on the gateway port only", () => {
        const spec = gatewayIngressSpec({ gatewaySelector: gw, port: 4000, allowedNamespaces: ["apps", "batch"], allowedPodLabels: [{ app: "client" }] });
        assert.deepEqual(spec.policyTypes, ["Ingress"], "gateway egress stays open (OCI Generative AI, external DB)");
        assert.deepEqual(spec.ingress, [
            {
                from: [
                    { podSelector: { matchLabels: { "app.kubernetes.io/component": "verification" } } },
                    { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "apps" } } },
                    { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "batch" } } },
                    { podSelector: { matchLabels: { app: "client" } } },
                ],
                ports: [{ protocol: "TCP", port: 4000 }],
            },
        ]);
    });

    test("with nothing listed, only the verification Job may reach the gateway", () => {
        const spec = gatewayIngressSpec({ gatewaySelector: gw, port: 4000, allowedNamespaces: [], allowedPodLabels: [] });
        assert.equal(spec.ingress[0].from.length, 1);
    });

    test("a backend admits only the gateway's pods and may only resolve DNS", () => {
        const spec = onlyGatewaySpec({ name: "redis", selector: { app: "redis" }, port: 6379 }, gw);
        assert.deepEqual(spec, {
            podSelector: { matchLabels: { app: "redis" } },
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ podSelector: { matchLabels: gw } }], ports: [{ protocol: "TCP", port: 6379 }] }],
            egress: [DNS_EGRESS],
        });
        assert.deepEqual(DNS_EGRESS.ports, [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
    });

    test("the verification Job takes no ingress and talks to the gateway and DNS only", () => {
        const spec = verificationSpec(gw, 4100);
        assert.deepEqual(spec.ingress, []);
        assert.deepEqual(spec.egress, [{ to: [{ podSelector: { matchLabels: gw } }], ports: [{ protocol: "TCP", port: 4100 }] }, DNS_EGRESS]);
        const langfuse = { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] };
        assert.deepEqual(verificationSpec(gw, 4100, [langfuse]).egress.slice(2), [langfuse], "features can open what their checks need");
    });
});

describe("verification Job command line", () => {
    test("args carry models, run id, spend-log deadline, selected checks and feature flags, never the key", () => {
        const args = verificationCliArgs({ model: "chat", fallbackModel: "chat-backup", runId: "vr1", spendLogTimeoutSeconds: 90, only: ["health", "auth"], extraArgs: ["--expect-cache"] });
        assert.deepEqual(args, ["--model", "chat", "--fallback-model", "chat-backup", "--run-id", "vr1", "--spend-log-timeout-ms", "90000", "--only", "health,auth", "--expect-cache"]);
        assert.deepEqual(verificationCliArgs({ model: "chat", runId: "vr1", spendLogTimeoutSeconds: 60 }), ["--model", "chat", "--run-id", "vr1", "--spend-log-timeout-ms", "60000"]);
    });

    test("the models and latency inputs become flags the CLI reads back unchanged", () => {
        const args = verificationCliArgs({ model: "chat", runId: "vr1", spendLogTimeoutSeconds: 60, models: ["chat", "chat-backup"], overheadP95Ms: 150, latencyRequests: 10, latencyConcurrency: 1 });
        assert.deepEqual(args.slice(6), ["--models", "chat,chat-backup", "--overhead-p95-ms", "150", "--latency-requests", "10", "--latency-concurrency", "1"]);
        const parsed = parseCliArgs(args, {}).options;
        assert.deepEqual([parsed.models, parsed.overheadP95Ms, parsed.latencyRequests, parsed.latencyConcurrency], [["chat", "chat-backup"], 150, 10, 1]);
    });

    test("enforce propagates the CLI's exit code; warn logs the failure and succeeds", () => {
        assert.deepEqual(verificationCommand("enforce", ["--model", "chat"]), ["node", "/opt/litellm-verify/verify.js", "--model", "chat"]);
        const warn = verificationCommand("warn", ["--model", "chat"]);
        assert.deepEqual([warn[0], warn[1], ...warn.slice(3)], ["sh", "-c", "verify", "--model", "chat"]);
        assert.match(warn[2], /^node \/opt\/litellm-verify\/verify\.js "\$@" \|\| echo /);
    });

    test("the Job name carries the run id and stays a DNS label", () => {
        assert.equal(verificationJobName("litellm", "vrM5K2abc123"), "litellm-verify-vrm5k2abc123");
        const long = verificationJobName("a".repeat(60), "vr123");
        assert.ok(long.length <= 63 && !long.endsWith("-"));
    });

    test("feature verification inputs become CLI flags; secrets are refused", () => {
        assert.deepEqual(verificationFlags({ guardrail: "presidio-pii", expectCache: true, skipped: false }), ["--expect-cache", "--guardrail", "presidio-pii"]);
        assert.throws(() => verificationFlags({ langfuse: { url: "u", publicKey: "p", secretKey: "s" } }), /verifyEnv/);
        const merged = mergeOkeFeatures([NO_OKE_FEATURE, { ...NO_OKE_FEATURE, backends: [{ name: "redis", selector: { app: "redis" }, port: 6379 }], verification: { expectCache: true } }]);
        assert.deepEqual([merged.backends.length, merged.verification], [1, { expectCache: true }]);
    });
});

describe("external Postgres URL", () => {
    test("splits into parts that reassemble to the same URL, encoding included", () => {
        const url = "postgresql://app%40corp:p%2Fss-word@db.example.com:6432/litellm?sslmode=verify-full&connect_timeout=5";
        const p = parsePostgresUrl(url);
        assert.deepEqual(p, { user: "app%40corp", password: "p%2Fss-word", host: "db.example.com", port: 6432, database: "litellm", query: "?sslmode=verify-full&connect_timeout=5" });
        assert.equal(`postgresql://${p.user}:${p.password}@${p.host}:${p.port}/${p.database}${p.query}`, url);
        assert.equal(parsePostgresUrl("postgres://u:p@h/db").port, 5432);
    });

    test("a URL without password, host or database is refused without echoing it", () => {
        for (const bad of ["postgresql://u@h:5432/db", "postgresql://u:secretpw@h:5432", "mysql://u:secretpw@h/db"]) {
            assert.throws(() => parsePostgresUrl(bad), (err: Error) => !err.message.includes("secretpw") && /postgresql:\/\/user:password@host/.test(err.message));
        }
    });
});

describe("kubeconfig cluster identity", () => {
    test("is the current context's server, so token rotation does not replace the provider", () => {
        assert.equal(kubeconfigClusterIdentifier(FAKE_OKE_KUBECONFIG), "https://10.0.0.10:6443");
        assert.equal(kubeconfigClusterIdentifier(": not yaml : ["), undefined);
    });
});
