/**
 * The suite's benchmark report: timing figures measured on whatever machine runs the suite, printed at the end
 * and never judged (a busy CI host must not fail a good change). Each run of the checks gives its duration, each
 * check's, and the `latency` check's figures; the entry suites print theirs as `benchmark: …` diagnostics. Pure.
 */
import type { VerificationReport } from "../../verify/types";

/** A prefix the entry suites put on a diagnostic that is a timing figure for the report. */
export const BENCHMARK_PREFIX = "benchmark: ";

/** One line per run of the checks, plus the `latency` check's figures when it ran. */
export function runBenchmarks(scenario: string, report: VerificationReport): string[] {
    const each = report.checks.map((c) => `${c.id} ${(c.durationMs / 1000).toFixed(1)} s`).join(", ");
    const lines = [`${scenario}: ${report.checks.length} check(s) in ${(report.durationMs / 1000).toFixed(1)} s (${each})`];
    const latency = report.checks.find((c) => c.id === "latency");
    if (latency) lines.push(`${scenario}: latency ${latency.status}: ${latency.message}`);
    return lines;
}

/** The `benchmark: …` diagnostics of a `node --test` run's output (TAP `# …` or spec `ℹ …` lines). */
export function benchmarksInOutput(scenario: string, output: string): string[] {
    return output
        .split("\n")
        .map((line) => line.replace(/^\s*(#|ℹ)\s*/, ""))
        .filter((line) => line.startsWith(BENCHMARK_PREFIX))
        .map((line) => `${scenario}: ${line.slice(BENCHMARK_PREFIX.length)}`);
}
