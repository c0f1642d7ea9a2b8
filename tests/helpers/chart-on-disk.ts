/**
 * Writes a minimal Helm chart on disk, as a directory or as a `.tgz` the way `helm package` lays it out
 * (`<name>/Chart.yaml`, `<name>/charts/<dep>-<version>.tgz`), for the oke.chart.path tests.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FakeChart {
    name?: string;
    version: string;
    /** Subcharts listed in Chart.yaml. Default: the Bitnami postgresql and redis the real chart lists. */
    dependencies?: string[];
    /** Write the subcharts under charts/ (as `helm dependency build` or `helm pull` would). Default true. */
    vendored?: boolean;
}

const SUBCHART_VERSION = { postgresql: "14.3.1", redis: "18.19.1" } as Record<string, string>;

/** The chart as a directory; returns its path. */
export function writeChartDirectory(root: string, chart: FakeChart): string {
    const name = chart.name ?? "litellm-helm";
    const dependencies = chart.dependencies ?? ["postgresql", "redis"];
    const dir = join(root, name);
    mkdirSync(join(dir, "templates"), { recursive: true });
    const deps = dependencies.map((d) => `  - name: ${d}\n    version: ">=1.0.0"\n    repository: oci://registry-1.docker.io/bitnamicharts\n`).join("");
    writeFileSync(join(dir, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${chart.version}\nappVersion: v1\n${deps ? `dependencies:\n${deps}` : ""}`);
    writeFileSync(join(dir, "values.yaml"), "replicaCount: 1\n");
    if (chart.vendored ?? true) {
        mkdirSync(join(dir, "charts"), { recursive: true });
        for (const d of dependencies) writeFileSync(join(dir, "charts", `${d}-${SUBCHART_VERSION[d] ?? "1.0.0"}.tgz`), "");
    }
    return dir;
}

/** The chart packaged as `<name>-<version>.tgz` (with the system `tar`); returns its path. */
export function writeChartArchive(root: string, chart: FakeChart): string {
    const staging = mkdtempSync(join(tmpdir(), "chart-staging-"));
    writeChartDirectory(staging, chart);
    const name = chart.name ?? "litellm-helm";
    const archive = join(root, `${name}-${chart.version}.tgz`);
    execFileSync("tar", ["-czf", archive, "-C", staging, name]);
    rmSync(staging, { recursive: true, force: true });
    return archive;
}

/** A fresh directory under `parent` (default: the system temp dir). */
export function scratchDir(prefix: string, parent = tmpdir()): string {
    return mkdtempSync(join(parent, prefix));
}
