/**
 * oke config rules of issue #14: a chart on disk (oke.chart.path) read and checked against the pinned
 * chart, the gateway image that can run non-root on a read-only root, and the optional image digests.
 * Every refusal names the key, the value and the fix.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSpec } from "../../config/spec";
import { okeSettings, OKE_CHART } from "../../config/sections/oke";
import { DEFAULT_IMAGES, LITELLM_VERSION } from "../../config/defaults";
import { liteLLMImageTag } from "../../config/litellm-release";
import { isNonRootLiteLLMImage, withDigest } from "../../config/image";
import { readLocalChart } from "../../config/local-chart";
import { configProblems, rawConfig, VALID_PEM } from "../helpers/raw-config";
import { scratchDir, writeChartArchive, writeChartDirectory } from "../helpers/chart-on-disk";

const CLUSTER = "ocid1.cluster.oc1.us-chicago-1.aaaaaaaaexampleclusterid";
const DIGEST = `sha256:${"c".repeat(64)}`;
const PINNED = OKE_CHART.version;
const root = scratchDir("oke-chart-");
after(() => rmSync(root, { recursive: true, force: true }));
/** A fresh directory inside `root`, so `after` removes it. */
const fresh = (prefix: string) => scratchDir(prefix, root);

const okeSpec = (oke: Record<string, unknown>, other: Record<string, unknown> = {}) => parseSpec(rawConfig("oke", { oke: { clusterId: CLUSTER, ...oke }, ...other }, { ociPrivateKey: VALID_PEM }));
const problems = configProblems;

describe("readLocalChart", () => {
    test("reads name, version and vendored subcharts from a directory and from a packaged .tgz", () => {
        const dir = writeChartDirectory(fresh("dir-"), { version: PINNED });
        const tgz = writeChartArchive(root, { version: PINNED });
        for (const where of [dir, tgz]) assert.deepEqual(readLocalChart(where), { chart: { name: "litellm-helm", version: PINNED, missingDependencies: [] } }, where);
    });

    test("reports subcharts listed but not vendored, in either form", () => {
        const dir = writeChartDirectory(fresh("dir-"), { version: PINNED, vendored: false });
        const tgz = writeChartArchive(fresh("tgz-"), { version: PINNED, vendored: false });
        for (const where of [dir, tgz]) {
            const read = readLocalChart(where);
            if (!("chart" in read)) assert.fail(`${where}: ${read.problem}`);
            assert.deepEqual(read.chart.missingDependencies, ["postgresql", "redis"], where);
        }
    });

    test("relative paths start at the given directory; missing, non-chart and corrupt paths come back as problems", () => {
        const base = fresh("rel-");
        writeChartDirectory(base, { version: PINNED });
        assert.ok("chart" in readLocalChart("litellm-helm", base));
        assert.match((readLocalChart("nope.tgz", base) as { problem: string }).problem, /^does not exist \(looked at .*nope\.tgz\)$/);
        writeFileSync(join(base, "notes.txt"), "x");
        assert.match((readLocalChart("notes.txt", base) as { problem: string }).problem, /neither a chart directory nor a packaged chart/);
        writeFileSync(join(base, "broken.tgz"), "not gzip");
        assert.match((readLocalChart("broken.tgz", base) as { problem: string }).problem, /not a readable chart archive/);
        assert.match((readLocalChart(fresh("empty-")) as { problem: string }).problem, /no Chart\.yaml/);
    });
});

describe("oke.chart.path in config", () => {
    test("a packaged chart of the pinned version is accepted and becomes the chart source", () => {
        const tgz = writeChartArchive(fresh("ok-"), { version: PINNED });
        const chart = okeSettings(okeSpec({ chart: { path: tgz } })).chart;
        assert.equal(chart.path, tgz);
        assert.equal(chart.version, PINNED);
    });

    test("a missing path names the key, the value and how to get the chart", () => {
        const [p] = problems(() => okeSpec({ chart: { path: "./charts/litellm-helm.tgz" } }));
        assert.equal(p.key, "litellm-gateway:oke.chart.path");
        assert.match(p.message, /^'\.\/charts\/litellm-helm\.tgz' does not exist/);
        assert.match(p.fix, new RegExp(`helm pull oci://ghcr.io/berriai/litellm-helm --version ${PINNED.replace(/\./g, "\\.")}`));
    });

    test("another version, another chart, or subcharts left out are refused with what to do", () => {
        const other = writeChartArchive(fresh("v-"), { version: "1.82.3-stable" });
        const [version] = problems(() => okeSpec({ chart: { path: other } }));
        assert.match(version.message, new RegExp(`holds litellm-helm 1\\.82\\.3-stable, but the stack pins ${PINNED}`));
        assert.match(version.fix, /oke\.chart\.version to 1\.82\.3-stable/);
        assert.equal(okeSettings(okeSpec({ chart: { path: other, version: "1.82.3-stable" } })).chart.version, "1.82.3-stable", "an explicit oke.chart.version accepts it");

        const wrongChart = writeChartDirectory(fresh("n-"), { name: "litellm", version: PINNED, dependencies: [] });
        assert.match(problems(() => okeSpec({ chart: { path: wrongChart } }))[0].message, /holds the chart 'litellm', but the Helm values are written for 'litellm-helm'/);

        const bare = writeChartDirectory(fresh("d-"), { version: PINNED, vendored: false });
        const [deps] = problems(() => okeSpec({ chart: { path: bare } }));
        assert.match(deps.message, /lists the subcharts postgresql, redis but does not carry them/);
        assert.match(deps.fix, /helm dependency build/);
    });

    test("path and repository together are refused", () => {
        const tgz = writeChartArchive(fresh("both-"), { version: PINNED });
        const [p] = problems(() => okeSpec({ chart: { path: tgz, repository: "oci://registry.example.com/charts/litellm-helm" } }));
        assert.equal(p.key, "litellm-gateway:oke.chart.path");
        assert.match(p.fix, /set only one/);
    });

    test("the path is not read on the docker target", () => {
        assert.equal(parseSpec(rawConfig("dev", { oke: { chart: { path: "/nowhere/chart.tgz" } } })).target, "docker");
    });
});

describe("images on oke", () => {
    test("the gateway defaults to the non-root variant of the pinned release on oke, the main image on dev", () => {
        assert.equal(okeSpec({}).gateway.image, DEFAULT_IMAGES.litellmNonRoot);
        assert.ok(isNonRootLiteLLMImage(DEFAULT_IMAGES.litellmNonRoot));
        assert.equal(parseSpec(rawConfig("dev")).gateway.image, DEFAULT_IMAGES.litellm);
        assert.equal(DEFAULT_IMAGES.litellmNonRoot.split(":")[1], DEFAULT_IMAGES.litellm.split(":")[1], "same tag");
    });

    test("on oke the main image is refused with the non-root one as the fix; a mirror of the non-root image is fine", () => {
        const [p] = problems(() => okeSpec({}, { gateway: { image: DEFAULT_IMAGES.litellm } }));
        assert.equal(p.key, "litellm-gateway:gateway.image");
        assert.match(p.message, new RegExp(`'${DEFAULT_IMAGES.litellm.replace(/[.]/g, "\\.")}' is not the litellm-non_root image`));
        assert.ok(p.fix.includes(DEFAULT_IMAGES.litellmNonRoot));
        const mirror = `registry.example.com/mirror/litellm-non_root:${liteLLMImageTag(LITELLM_VERSION)}@${DIGEST}`;
        assert.equal(okeSpec({}, { gateway: { image: mirror } }).gateway.image, mirror);
    });

    test("digests: appended to the Node image tag, refused when malformed or in conflict", () => {
        assert.equal(okeSettings(okeSpec({ verificationImageDigest: DIGEST })).verificationImage, `${DEFAULT_IMAGES.node}@${DIGEST}`);
        assert.equal(okeSettings(okeSpec({})).verificationImage, DEFAULT_IMAGES.node);
        assert.equal(parseSpec(rawConfig("dev", { stub: { imageDigest: DIGEST } })).stub.image, `${DEFAULT_IMAGES.node}@${DIGEST}`);
        assert.equal(withDigest(`node:22.23.5@${DIGEST}`, DIGEST), `node:22.23.5@${DIGEST}`, "never twice");
        assert.deepEqual(problems(() => okeSpec({ verificationImageDigest: "sha256:abc" })).map((p) => p.key), ["litellm-gateway:oke.verificationImageDigest"]);
        const other = `sha256:${"d".repeat(64)}`;
        assert.deepEqual(problems(() => okeSpec({ verificationImage: `node:22.23.5-alpine@${other}`, verificationImageDigest: DIGEST })).map((p) => p.key), ["litellm-gateway:oke.verificationImageDigest"]);
        assert.deepEqual(problems(() => parseSpec(rawConfig("dev", { stub: { image: `node:22.23.5-alpine@${other}`, imageDigest: DIGEST } }))).map((p) => p.key), ["litellm-gateway:stub.imageDigest"]);
    });
});
