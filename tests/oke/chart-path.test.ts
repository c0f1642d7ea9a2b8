/**
 * The oke stack with `oke.chart.path` set (air-gapped install, offline preview): the Release installs the
 * packaged chart from disk, asks no registry for it, and everything else stays as with the registry chart.
 */
import { OKE_CHART } from "../../config/sections/oke";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import type { MockRecorder, RecordedResource } from "../helpers/mocks";
import { stackFile } from "../helpers/stack-config";
import { scratchDir, writeChartArchive } from "../helpers/chart-on-disk";
import { buildOkeFeatureStack, K8S, releaseValues } from "./features-support";
import { keysMissingFromChart, LITELLM_HELM_KEY_LISTS } from "./litellm-helm-chart";

describe("oke stack with the chart on disk", () => {
    const root = scratchDir("oke-chart-path-");
    const archive = writeChartArchive(root, { version: OKE_CHART.version });
    let mocks: MockRecorder;
    let release: RecordedResource;

    before(async () => {
        const oke = stackFile("oke")["litellm-gateway:oke"] as Record<string, unknown>;
        ({ mocks } = await buildOkeFeatureStack({ oke: { ...oke, chart: { path: archive } } }));
        release = mocks.one(K8S.release);
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    test("the Release's chart is the local archive, with no version or registry to resolve", () => {
        assert.equal(release.inputs.chart, archive);
        assert.equal(release.inputs.version, undefined, "Helm reads the version from the archive (config checked it matches the pin)");
        assert.equal(release.inputs.repositoryOpts, undefined);
        assert.ok(!JSON.stringify(release.inputs).includes("oci://"), "no registry reference anywhere in the Release");
    });

    test("the values and the ServiceAccount ordering are the same as with the registry chart", () => {
        const values = releaseValues(mocks);
        assert.deepEqual(values.serviceAccount, { create: false, name: "litellm-gateway" });
        assert.ok(release.dependencies.some((urn) => urn.includes("kubernetes:core/v1:ServiceAccount")));
        for (const list of LITELLM_HELM_KEY_LISTS) assert.deepEqual(keysMissingFromChart(values, list.keys), [], list.source);
    });
});
