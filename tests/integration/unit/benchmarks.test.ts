/** The suite's benchmark lines: each check run's figures, and the entry suites' `benchmark: …` diagnostics. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benchmarksInOutput, runBenchmarks } from "../benchmarks";
import { formatSuiteReport } from "../report";

describe("integration benchmarks", () => {
    it("a run gives its duration, each check's, and latency's figures", () => {
        const report = {
            ok: true,
            runId: "vr1",
            durationMs: 6400,
            usage: { promptTokens: 1, completionTokens: 1, costUsd: 0 },
            checks: [
                { id: "health", status: "pass" as const, durationMs: 120, message: "ok" },
                { id: "latency", status: "pass" as const, durationMs: 3500, message: "20 of 20 request(s): overhead p50 9 ms" },
            ],
        };
        assert.deepEqual(runBenchmarks("baseline", report as never), ["baseline: 2 check(s) in 6.4 s (health 0.1 s, latency 3.5 s)", "baseline: latency pass: 20 of 20 request(s): overhead p50 9 ms"]);
    });

    it("picks the benchmark diagnostics out of TAP and spec output, and nothing else", () => {
        const out = ["# benchmark: every check (14) in 7.2 s", "ℹ benchmark: latency (models and latency only): p95 12 ms", "# pass 3", "ok 1 - benchmark: not a diagnostic"].join("\n");
        assert.deepEqual(benchmarksInOutput("entry suites", out), ["entry suites: every check (14) in 7.2 s", "entry suites: latency (models and latency only): p95 12 ms"]);
    });

    it("the report prints them under their own heading, after the timings", () => {
        const text = formatSuiteReport({ litellmVersion: "1", versions: {}, toolsDir: "/t", toolsVia: "env", cacheDir: "/c", notes: [], timings: [], benchmarks: ["baseline: 2 check(s) in 6.4 s"], scenarios: [], totalSeconds: 1 });
        assert.match(text, /total\nbenchmarks \(timing figures of this machine, never pass\/fail\):\n {2}baseline: 2 check\(s\) in 6\.4 s\nscenarios:/);
    });
});
