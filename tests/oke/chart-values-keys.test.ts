/**
 * The Helm values the oke stack emits, held against the keys of the real `litellm-helm` values.yaml
 * (tests/oke/litellm-helm-chart.ts says where each key list was read), and the chart version derived from
 * the one pinned LiteLLM release. A value the chart does not have would be dropped by Helm without a word,
 * so it fails here instead.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { OKE_CHART, OKE_CHARTS, okeSettings } from "../../config/sections/oke";
import { liteLLMHelmValues } from "../../components/gateway/helm-values";
import { helmValuesArgs, okeValuesSpec } from "./fixtures";
import { keysMissingFromChart, LITELLM_HELM_KEY_LISTS } from "./litellm-helm-chart";

const CLUSTER = "ocid1.cluster.oc1.us-chicago-1.aaaaaaaaexampleclusterid";
const VARIANTS: [string, Record<string, unknown>][] = [
    ["Pulumi.oke.yaml", {}],
    ["HPA, CPU limit, custom release and namespace", { oke: { clusterId: CLUSTER, releaseName: "gw", namespace: "ai", cpuLimit: "2", autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 8 } } }],
    ["one replica (no PDB)", { oke: { clusterId: CLUSTER, replicas: 1 } }],
    ["every feature on", { cache: { enabled: true }, guardrails: { enabled: true }, observability: { enabled: true, host: "https://langfuse.example.com" } }],
];

describe("Helm values against the chart's values.yaml keys", () => {
    for (const [name, overrides] of VARIANTS) {
        test(`${name}: every value is a key of every chart read`, () => {
            const values = liteLLMHelmValues(helmValuesArgs(okeValuesSpec(overrides)));
            for (const list of LITELLM_HELM_KEY_LISTS) assert.deepEqual(keysMissingFromChart(values, list.keys), [], `not in ${list.source}`);
        });
    }

    test("without the OCI key mount the values are still keys of every chart", () => {
        const values = liteLLMHelmValues(helmValuesArgs(okeValuesSpec(), { ociKey: undefined }));
        for (const list of LITELLM_HELM_KEY_LISTS) assert.deepEqual(keysMissingFromChart(values, list.keys), [], list.source);
    });

    test("the check refuses what the 1.82-1.83 line lacks, and misspelt keys anywhere", () => {
        const [lower, upper, newest] = LITELLM_HELM_KEY_LISTS;
        const stale = { logLevel: "INFO", numWorkers: 2, livenessProbe: { path: "/health/liveliness" }, db: { useExisting: true, secrets: { name: "x" } } };
        assert.deepEqual(keysMissingFromChart(stale, lower.keys), ["logLevel", "numWorkers", "livenessProbe.path", "db.secrets.name"]);
        assert.deepEqual(keysMissingFromChart(stale, upper.keys), ["numWorkers", "db.secrets.name"], "numWorkers is commented out in every values.yaml read");
        assert.deepEqual(keysMissingFromChart({ separateHealthApp: true }, newest.keys), ["separateHealthApp"], "keys can also disappear");
        assert.deepEqual(keysMissingFromChart({ envVars: { ANY_NAME: "x" }, proxy_config: { model_list: [] }, securityContext: { runAsUser: 1 } }, lower.keys), [], "free-form maps are rendered as given");
    });

    test("each key list names where it was read", () => {
        for (const list of LITELLM_HELM_KEY_LISTS) assert.match(list.source, /^BerriAI\/litellm (deploy\/charts|helm)\/litellm-helm\/values\.yaml @ [0-9a-f]{40}$/);
    });
});

describe("chart version pins", () => {
    test("the oke stack installs each chart at its verified pin unless oke.chart.version says otherwise", () => {
        assert.deepEqual(OKE_CHART, { name: "litellm-helm", repository: "oci://ghcr.io/berriai/litellm-helm", version: "1.90.2" });
        assert.deepEqual(okeSettings(okeValuesSpec()).chart, OKE_CHART);
        assert.equal(okeSettings(okeValuesSpec({ oke: { clusterId: CLUSTER, chart: { version: "1.108.7" } } })).chart.version, "1.108.7");
        assert.deepEqual(okeSettings(okeValuesSpec({ oke: { clusterId: CLUSTER, chart: { name: "litellm" } } })).chart, { name: "litellm", ...OKE_CHARTS.litellm });
        assert.deepEqual(OKE_CHARTS.litellm, { repository: "oci://ghcr.io/berriai/litellm/chart/litellm", version: "1.0.0" });
    });
});
