/** The human-readable form of a report, for terminals and Job logs. */
import type { CheckResult, VerificationReport } from "./types";

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)}s`;
}

/** `PASS*`: passed with accepted exceptions, explained under the table. */
const statusLabel = (c: CheckResult) => `${c.status.toUpperCase()}${c.exceptions?.length ? "*" : ""}`;

export function formatReportTable(report: VerificationReport): string {
    const idWidth = Math.max(5, ...report.checks.map((c) => c.id.length));
    const header = `${"CHECK".padEnd(idWidth)}  STATUS  TIME    MESSAGE`;
    const rows = report.checks.map((c) => `${c.id.padEnd(idWidth)}  ${statusLabel(c).padEnd(6)}  ${seconds(c.durationMs).padEnd(6)}  ${c.message}`);
    const count = (s: string) => report.checks.filter((c) => c.status === s).length;
    const excepted = report.checks.filter((c) => c.status === "pass" && c.exceptions?.length);
    const notes = excepted.flatMap((c) => (c.exceptions ?? []).map((e) => `* ${c.id}: passed with accepted exception ${e.id} until ${e.expires} (fixed in ${e.fixedIn}): "${e.reason}"`));
    const u = report.usage;
    const summary =
        `${report.ok ? "OK" : "FAILED"}: ${count("pass")} passed${excepted.length > 0 ? ` (${excepted.length} with accepted exceptions)` : ""}, ${count("fail")} failed, ${count("skip")} skipped in ${seconds(report.durationMs)}` +
        ` · tokens ${u.promptTokens} prompt + ${u.completionTokens} completion · cost $${u.costUsd}`;
    return [header, ...rows, ...(notes.length > 0 ? ["", ...notes] : []), "", summary].join("\n");
}
