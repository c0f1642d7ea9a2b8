/**
 * A Helm chart on disk (`oke.chart.path`): a chart directory or a packaged `.tgz`, for air-gapped installs
 * and offline previews. Only its Chart.yaml is read, so config validation can say before anything is
 * deployed whether the path holds the chart and version the stack pins, and whether Helm would find the
 * subcharts it lists (Helm refuses a chart whose dependencies are missing from `charts/`, even disabled ones).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";

export interface LocalChart {
    name: string;
    version: string;
    /** Dependencies listed in Chart.yaml that are not vendored under `charts/`. */
    missingDependencies: string[];
}

export type LocalChartRead = { chart: LocalChart } | { problem: string };

interface ChartFiles {
    chartYaml?: string;
    /** Entries under `charts/`, as names relative to it (`postgresql-14.3.1.tgz`, `redis/Chart.yaml`). */
    vendored: string[];
}

const TAR_BLOCK = 512;

/** The entries of an uncompressed tar stream: name and content. GNU/PAX extension headers are skipped. */
function tarEntries(tar: Buffer): { name: string; body: Buffer }[] {
    const entries: { name: string; body: Buffer }[] = [];
    for (let offset = 0; offset + TAR_BLOCK <= tar.length; ) {
        const header = tar.subarray(offset, offset + TAR_BLOCK);
        if (header.every((b) => b === 0)) break;
        const field = (start: number, length: number) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
        const size = parseInt(field(124, 12).trim() || "0", 8);
        const type = field(156, 1);
        const prefix = field(345, 155);
        const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
        const bodyStart = offset + TAR_BLOCK;
        if (type === "0" || type === "" || type === "5") entries.push({ name, body: tar.subarray(bodyStart, bodyStart + size) });
        offset = bodyStart + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
    }
    return entries;
}

/** Chart.yaml and the `charts/` listing of a packaged chart (`<chart>/Chart.yaml` at the archive's top). */
function archiveFiles(file: string): ChartFiles {
    const entries = tarEntries(gunzipSync(fs.readFileSync(file)));
    const top = entries.map((e) => e.name.split("/")[0]).find(Boolean) ?? "";
    const inChart = (e: { name: string }) => e.name.startsWith(`${top}/`);
    const chartYaml = entries.find((e) => inChart(e) && e.name === `${top}/Chart.yaml`)?.body.toString("utf8");
    const vendored = entries.filter((e) => inChart(e) && e.name.startsWith(`${top}/charts/`)).map((e) => e.name.slice(`${top}/charts/`.length));
    return { chartYaml, vendored };
}

function directoryFiles(dir: string): ChartFiles {
    const chartFile = path.join(dir, "Chart.yaml");
    const chartsDir = path.join(dir, "charts");
    return {
        chartYaml: fs.existsSync(chartFile) ? fs.readFileSync(chartFile, "utf8") : undefined,
        vendored: fs.existsSync(chartsDir) ? fs.readdirSync(chartsDir).flatMap((n) => [n, `${n}/Chart.yaml`].filter((rel) => fs.existsSync(path.join(chartsDir, rel)))) : [],
    };
}

/** A dependency is vendored as `charts/<name>-<version>.tgz` or as a directory `charts/<name>/`. */
function isVendored(name: string, vendored: string[]): boolean {
    return vendored.some((v) => v === `${name}/Chart.yaml` || (v.startsWith(`${name}-`) && v.endsWith(".tgz") && !v.includes("/")));
}

/**
 * Reads the chart at `chartPath` (relative paths start at `cwd`, the project directory under Pulumi).
 * Never throws: an unreadable path comes back as a `problem` sentence for the config error.
 */
export function readLocalChart(chartPath: string, cwd = process.cwd()): LocalChartRead {
    const resolved = path.resolve(cwd, chartPath);
    if (!fs.existsSync(resolved)) return { problem: `does not exist (looked at ${resolved})` };
    let files: ChartFiles;
    if (fs.statSync(resolved).isDirectory()) files = directoryFiles(resolved);
    else if (/\.(tgz|tar\.gz)$/.test(resolved)) {
        try {
            files = archiveFiles(resolved);
        } catch (err) {
            return { problem: `is not a readable chart archive (${(err as Error).message})` };
        }
    } else return { problem: "is neither a chart directory nor a packaged chart (.tgz)" };
    if (files.chartYaml === undefined) return { problem: "holds no Chart.yaml, so it is not a Helm chart" };
    const meta = (parse(files.chartYaml) ?? {}) as { name?: unknown; version?: unknown; dependencies?: { name?: unknown }[] };
    if (typeof meta.name !== "string" || meta.version === undefined) return { problem: "has a Chart.yaml without name or version" };
    const dependencies = (meta.dependencies ?? []).map((d) => String(d.name));
    return { chart: { name: meta.name, version: String(meta.version), missingDependencies: dependencies.filter((d) => !isVendored(d, files.vendored)) } };
}
