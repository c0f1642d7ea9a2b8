/**
 * Issue #14 under Pulumi mocks: what the oke graph must show for the first `helm install` to succeed.
 * The ServiceAccount exists before the Release, the chart does not create its own, the migration hook pod
 * (as the chart's template renders it from these values) can start and write what it must, every Helm value
 * is a key of the chart, the chart version follows the pinned LiteLLM release, and the Job runs Node 22.
 */
import { OKE_CHART } from "../../config/sections/oke";
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { MockRecorder, RecordedResource } from "../helpers/mocks";
import { DEFAULT_IMAGES, LITELLM_VERSION } from "../../config/defaults";
import { liteLLMImageTag } from "../../config/litellm-release";
import { isNonRootLiteLLMImage } from "../../config/image";
import { SCRATCH_DIR } from "../../components/gateway/helm-values";
import { buildOkeFeatureStack, jobContainer, K8S, metaName, releaseValues } from "./features-support";
import { envValue, isOnWritableMount, keysMissingFromChart, LITELLM_HELM_KEY_LISTS, migrationHookPod } from "./litellm-helm-chart";

const SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";

describe("oke first install (issue #14)", () => {
    let mocks: MockRecorder;
    let release: RecordedResource;
    let values: any;
    let serviceAccount: RecordedResource;

    before(async () => {
        ({ mocks } = await buildOkeFeatureStack({}));
        release = mocks.one(K8S.release);
        values = releaseValues(mocks);
        serviceAccount = mocks.one(SERVICE_ACCOUNT);
    });

    test("the gateway's ServiceAccount is a Pulumi resource the Release depends on, so it exists before any pre-install hook", () => {
        assert.equal(metaName(serviceAccount), "litellm-gateway");
        assert.equal((serviceAccount.inputs.metadata as { namespace: string }).namespace, "litellm");
        assert.equal(serviceAccount.inputs.automountServiceAccountToken, false, "LiteLLM never calls the Kubernetes API");
        const saUrn = release.dependencies.find((urn) => urn.includes("kubernetes:core/v1:ServiceAccount") && urn.endsWith(`::${serviceAccount.name}`));
        assert.ok(saUrn, `the Release's dependencies name the ServiceAccount (got ${release.dependencies.join(", ")})`);
        assert.ok(mocks.resources.indexOf(serviceAccount) < mocks.resources.indexOf(release), "registered first");
    });

    test("serviceAccount.create is false and the chart is pointed at our account", () => {
        assert.deepEqual(values.serviceAccount, { create: false, name: metaName(serviceAccount) });
    });

    test("the migration hook pod the chart renders from these values can start on a first install", () => {
        const hook = migrationHookPod(values, values.fullnameOverride);
        assert.equal(hook.annotations["helm.sh/hook"], "pre-install,pre-upgrade", "a Helm hook, so it runs before the Deployment");
        assert.equal(hook.serviceAccountName, metaName(serviceAccount), "runs as an account that already exists");
        assert.ok(isNonRootLiteLLMImage(hook.image), `${hook.image} is the image built to run as nobody`);
        assert.equal(hook.image, `ghcr.io/berriai/litellm-non_root:${liteLLMImageTag(LITELLM_VERSION)}`, "same pinned release as the chart");
        assert.deepEqual(
            { nonRoot: hook.securityContext.runAsNonRoot, uid: hook.securityContext.runAsUser, readOnly: hook.securityContext.readOnlyRootFilesystem },
            { nonRoot: true, uid: 65534, readOnly: true },
            "the pod-level identity is on the container, the only securityContext the hook template renders",
        );
        for (const name of ["TMPDIR", "LITELLM_MIGRATION_DIR"]) {
            const dir = envValue(hook, name) ?? "";
            assert.ok(isOnWritableMount(hook, dir), `${name}=${dir} is on a writable emptyDir of the hook pod`);
        }
        assert.equal(envValue(hook, "DISABLE_SCHEMA_UPDATE"), "false", "the hook migrates (its own value comes last)");
        assert.equal(envValue(hook, "ENFORCE_PRISMA_MIGRATION_CHECK"), "true", "a failed migration fails the hook, and so the release");
    });

    test("the same model shows the deadlock the old values had: a chart-created account does not exist yet", () => {
        const old = migrationHookPod({ ...values, serviceAccount: { create: true, automount: false } }, values.fullnameOverride);
        assert.equal(old.serviceAccountName, "litellm");
        assert.ok(!mocks.byType(SERVICE_ACCOUNT).some((sa) => metaName(sa) === old.serviceAccountName), "no such account before the chart's own resources");
        assert.ok(!isOnWritableMount(migrationHookPod({ ...values, volumes: [], volumeMounts: [] }, "litellm"), SCRATCH_DIR), "without the shared volumes the hook has nowhere to write");
    });

    test("no Helm value is missing from the chart's values.yaml", () => {
        for (const list of LITELLM_HELM_KEY_LISTS) assert.deepEqual(keysMissingFromChart(values, list.keys), [], list.source);
    });

    test("the chart version is the pin its publisher's records show (docs/oke.md#chart-version), not one derived from the image", () => {
        assert.equal(release.inputs.chart, "oci://ghcr.io/berriai/litellm-helm");
        assert.equal(release.inputs.version, OKE_CHART.version);
        assert.equal(release.inputs.version, "1.90.2");
    });

    test("the verification Job runs the pinned Node 22 LTS image", () => {
        const container = jobContainer(mocks);
        assert.equal(container.image, DEFAULT_IMAGES.node);
        assert.match(container.image, /^node:22\.\d+\.\d+-alpine$/);
    });
});
