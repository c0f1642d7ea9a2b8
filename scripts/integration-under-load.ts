/**
 * `npm run test:integration:under-load`: the integration suite while a CPU hog keeps every core busy (issue #25).
 * One busy-loop Node process per core (os.availableParallelism), started before the suite and stopped when it
 * ends; each hog also ends itself after `--hog-minutes` (default 45), so a killed runner leaves nothing spinning.
 * Prints the suite's output as it comes, then a summary: the suite's exit code, its duration, the load average
 * sampled every 30 s, and the suite's benchmark lines. `--summary <file>` appends that summary as one JSON line
 * (docs/testing.md has the figures of the recorded runs).
 *
 *   npm run test:integration:under-load [-- --hog-minutes 45] [-- --summary runs.jsonl]
 */
import { ChildProcess, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";

function flag(name: string, fallback: string): string {
    const at = process.argv.indexOf(name);
    return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const hogMinutes = Number(flag("--hog-minutes", "45"));
const summaryFile = flag("--summary", "");
if (!(hogMinutes > 0)) throw new Error(`--hog-minutes must be a positive number of minutes, got ${flag("--hog-minutes", "")}`);

/** A busy loop that ends itself after `ms`: the bound holds even if this script is killed with SIGKILL. */
function startHog(ms: number): ChildProcess {
    const loop = `const end = Date.now() + ${Math.round(ms)}; let x = 0; while (Date.now() < end) { x = (x + Math.sqrt(x + 1)) % 1e9; }`;
    return spawn(process.execPath, ["-e", loop], { stdio: "ignore" });
}

/** The indented lines under the report's heading that starts with `heading`. */
function section(text: string, heading: string): string[] {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.startsWith(heading));
    if (at < 0) return [];
    const end = lines.findIndex((l, i) => i > at && !l.startsWith("  "));
    return lines.slice(at + 1, end < 0 ? undefined : end).map((l) => l.trim());
}

const cores = availableParallelism();
const hogs = Array.from({ length: cores }, () => startHog(hogMinutes * 60_000));
const stopHogs = () => {
    for (const h of hogs) if (h.exitCode === null && h.pid !== undefined) h.kill("SIGKILL");
};
process.on("exit", stopHogs);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
        stopHogs();
        process.exit(130);
    });
}

const loads: number[] = [];
const sampler = setInterval(() => loads.push(loadavg()[0]), 30_000);
const started = Date.now();
let output = "";
console.error(`[under-load] ${cores} busy-loop hog(s) on ${cores} core(s), bounded to ${hogMinutes} min; pids ${hogs.map((h) => h.pid).join(", ")}`);
const suite = spawn(process.execPath, [join(__dirname, "..", "tests", "integration", "run.js")], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
suite.stdout?.on("data", (d: Buffer) => {
    output += d;
    process.stdout.write(d);
});
suite.stderr?.on("data", (d: Buffer) => {
    output += d;
    process.stderr.write(d);
});
suite.on("exit", (code) => {
    clearInterval(sampler);
    const hogsAlive = hogs.filter((h) => h.exitCode === null).length;
    stopHogs();
    const benchmarks = section(output, "benchmarks (");
    const scenarios = output.split("\n").filter((l) => /^\s+\[(ok|FAILED)\]/.test(l)).map((l) => l.trim());
    const summary = {
        at: new Date(started).toISOString(),
        exitCode: code,
        minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
        cores,
        hogsAliveAtEnd: hogsAlive,
        loadAverage1m: loads.length > 0 ? { min: Math.min(...loads), max: Math.max(...loads), mean: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)) } : undefined,
        scenarios,
        benchmarks,
    };
    console.error(`\n[under-load] summary: ${JSON.stringify(summary, undefined, 2)}`);
    if (summaryFile) appendFileSync(summaryFile, `${JSON.stringify(summary)}\n`);
    process.exit(code ?? 1);
});
