/**
 * The mid-run faults scenario (faults/mid-run.ts) against one real proxy on services of its own: each fault in
 * turn, its run's figures to the benchmark report, what LiteLLM did to the notes.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { ALL_CHECKS } from "../../../verify/checks";
import { runVerification } from "../../../verify/engine";
import { resolveOptions } from "../../../verify/options";
import type { VerifyOptions } from "../../../verify/types";
import { runBenchmarks } from "../benchmarks";
import type { Gateway, SuiteEnvironment } from "../environment";
import { MID_RUN_FAULTS, midRunOutcome, midRunProblems } from "./mid-run";


/** Runs every fault on its own proxy; returns the scenario's one-line summary, or throws with every problem. */
export async function runMidRunFaults(suite: SuiteEnvironment, verifyOptions: (gateway: Gateway, only: string[]) => VerifyOptions): Promise<string> {
    const services = await suite.startServices("faults");
    const gateway = await suite.startGateway("mid-run-faults", {}, services);
    const problems: string[] = [];
    const lines: string[] = [];
    try {
        for (const fault of MID_RUN_FAULTS) {
            const options = verifyOptions(gateway, fault.checks);
            const resolved = resolveOptions(options);
            const deadlineOf = (id: string) => ALL_CHECKS.find((c) => c.id === id)?.timeoutMs?.(resolved) ?? resolved.checkTimeoutMs;
            if (fault.delayMs === 0) await fault.inject(services);
            const midway = fault.delayMs > 0 ? sleep(fault.delayMs).then(() => fault.inject(services)) : Promise.resolve();
            const [report] = await Promise.all([suite.timed(`fault ${fault.id} checks`, () => runVerification(options)), midway]);
            await fault.restore(services);
            suite.benchmarks.push(...runBenchmarks(`fault ${fault.id}`, report));
            suite.notes.push(`measured under the fault ${midRunOutcome(fault, report)}`);
            problems.push(...midRunProblems(fault, report, deadlineOf).map((p) => `${fault.id}: ${p}`));
            const left = await suite.keysLeft(gateway);
            if (left !== 0) problems.push(`${fault.id}: ${left} virtual key(s) left in the gateway's database`);
            lines.push(`${fault.id}: ${report.checks.map((c) => `${c.id} ${c.status}`).join(", ")}, ${left} keys left`);
        }
    } finally {
        await suite.stopGateway(gateway);
    }
    assert.deepEqual(problems, [], problems.join("\n"));
    return lines.join(" | ");
}
