/** The human-readable form of a report, for terminals and Job logs. */
import type { VerificationReport } from "./types";

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)}s`;
}

export function formatReportTable(report: VerificationReport): string {
    const idWidth = Math.max(5, ...report.checks.map((c) => c.id.length));
    const header = `${"CHECK".padEnd(idWidth)}  STATUS  TIME    MESSAGE`;
    const rows = report.checks.map((c) => `${c.id.padEnd(idWidth)}  ${c.status.toUpperCase().padEnd(6)}  ${seconds(c.durationMs).padEnd(6)}  ${c.message}`);
    const count = (s: string) => report.checks.filter((c) => c.status === s).length;
    const u = report.usage;
    const summary =
        `${report.ok ? "OK" : "FAILED"}: ${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped in ${seconds(report.durationMs)}` +
        ` · tokens ${u.promptTokens} prompt + ${u.completionTokens} completion · cost $${u.costUsd}`;
    return [header, ...rows, "", summary].join("\n");
}
