/**
 * `npm run bench:verify [-- --batch-ms 10000 --jitter-ms 0 --version 1.82|1.84|1.104 --all]`
 *
 * Runs the full base suite plus `models` (the simulator's two declared groups) and `latency` (20 requests)
 * (with `--all`, also the cache and guardrail checks against a simulator that caches and masks PII, the way
 * the default dev stack plus guardrails runs) against the LiteLLM simulator with a LiteLLM-like spend batch
 * interval (10 s by default) and prints the wall time next to the sum of the checks' own durations, the tokens and the cost.
 * Target (issue #3): wall time <= 1.5 × batch interval + 5 s, because checks run concurrently and the
 * slowest inherent wait is the spend-log batch. Exits 1 if a check fails or the target is missed.
 */
import { runVerification } from "../verify/engine";
import { formatReportTable } from "../verify/report-table";
import { createLiteLLMSim, SIM_BROKEN, SIM_FALLBACK, SIM_PRIMARY, SimVersion } from "../tests/standins/litellm-sim";
import { simAcceptances } from "../tests/verify/fixtures";

const BENCH_GUARDRAIL = "presidio-pii";

function flag(name: string, fallback: string): string {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

async function main(): Promise<number> {
    const batchMs = Number(flag("--batch-ms", "10000"));
    const jitterMs = Number(flag("--jitter-ms", "0"));
    const version = flag("--version", "1.82") as SimVersion;
    const all = process.argv.includes("--all");
    const sim = createLiteLLMSim({ version, batchIntervalMs: batchMs, batchJitterMs: jitterMs, ...(all ? { cache: true, guardrail: BENCH_GUARDRAIL } : {}) });
    const url = await sim.listen();
    try {
        // Engine defaults throughout (5 s key expiry, 60 s spend-log timeout): what a real run would use.
        const report = await runVerification({
            gatewayUrl: url,
            masterKey: sim.options.masterKey,
            model: SIM_PRIMARY,
            fallbackModel: SIM_FALLBACK,
            // The declared groups, as the stacks pass them (`sim-broken` is the simulator's always-failing group).
            models: [SIM_PRIMARY, SIM_FALLBACK],
            // 1.104+ refuse mock testing params: the fallback check calls the always-failing group, as the stacks' probe.
            ...(version === "1.104" ? { fallbackProbeModel: SIM_BROKEN } : {}),
            ...(all ? { expectCache: true, guardrail: BENCH_GUARDRAIL, upstreamReportUrl: sim.upstream?.url.replace(/\/v1$/, "") } : {}),
            // The older contracts report affected releases: `security` passes with their advisories accepted.
            acceptedAdvisories: simAcceptances(sim),
        });
        const sum = report.checks.reduce((s, c) => s + c.durationMs, 0);
        const target = 1.5 * batchMs + 5000;
        const met = report.durationMs <= target;
        const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        console.log(`bench:verify: ${all ? "base + models + latency + cache + guardrail checks" : "base suite + models + latency"} against the LiteLLM simulator v${version}, spend batch interval ${s(batchMs)} (+0..${s(jitterMs)} jitter)\n`);
        console.log(formatReportTable(report));
        console.log("");
        console.log(`wall time           ${s(report.durationMs)}`);
        console.log(`sum of check times  ${s(sum)}`);
        console.log(`target              <= ${s(target)} (1.5 × batch interval + 5 s): ${met ? "met" : "MISSED"}`);
        console.log(`tokens              ${report.usage.promptTokens} prompt + ${report.usage.completionTokens} completion`);
        console.log(`cost                $${report.usage.costUsd}`);
        console.log(`keys left on gateway ${sim.keys().length}`);
        return report.ok && met && sim.keys().length === 0 ? 0 : 1;
    } finally {
        await sim.close();
    }
}

main().then((code) => {
    process.exitCode = code;
});
