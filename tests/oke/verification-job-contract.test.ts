/**
 * The verification Job's contract, run for real without a cluster: the exact bundle its ConfigMap carries,
 * the exact command and env its container gets (GATEWAY_URL and LITELLM_MASTER_KEY only), against the
 * LiteLLM stand-in. Enforce mode exits non-zero on a fault (the Job fails, so `pulumi up` fails); warn
 * mode logs the failure and exits 0.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { BUNDLE_DIR, BUNDLE_FILE, verificationCliArgs, verificationCliBundle, verificationCommand } from "../../components/verification/job";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { runProcess } from "../helpers/run-process";
import { assertNoRawKeys, SIM_FALLBACK, SIM_PRIMARY, simAcceptances, startSim } from "../verify/fixtures";

const dir = mkdtempSync(join(tmpdir(), "oke-verify-job-"));
let sim: LiteLLMSim;
let faulty: LiteLLMSim;

/** Runs the container command with the bundle dir remapped to the temp dir, and only the Job's env. */
async function runJob(command: string[], env: { GATEWAY_URL: string; LITELLM_MASTER_KEY: string }): Promise<{ code: number | null; out: string }> {
    const argv = command.map((part) => part.split(BUNDLE_DIR).join(dir));
    const r = await runProcess(argv[0], argv.slice(1), { cwd: dir, env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...env } });
    return { code: r.code, out: r.stdout + r.stderr };
}

/**
 * The Job's arguments; one run id per test, since the tests share the simulators concurrently. The simulators
 * report LiteLLM 1.82.1: its advisories are accepted, as `gateway.acceptedAdvisories` would be on the stack.
 */
const args = (runId: string) =>
    verificationCliArgs({
        model: SIM_PRIMARY, fallbackModel: SIM_FALLBACK, models: [SIM_PRIMARY, SIM_FALLBACK], overheadP95Ms: 500, runId, spendLogTimeoutSeconds: 2,
        acceptedAdvisories: simAcceptances(sim), extraArgs: ["--key-expiry-seconds", "1"],
    });

describe("verification Job command under plain node", { concurrency: true }, () => {
    before(async () => {
        writeFileSync(join(dir, BUNDLE_FILE), verificationCliBundle().code);
        sim = await startSim();
        faulty = await startSim({ faults: { budgetNeverEnforced: true } });
    });
    after(async () => {
        await Promise.all([sim?.close(), faulty?.close()]);
        rmSync(dir, { recursive: true, force: true });
    });

    it("enforce: passes against a faithful gateway, without the key ever reaching the log", async () => {
        const r = await runJob(verificationCommand("enforce", args("vrenforceok")), { GATEWAY_URL: sim.url, LITELLM_MASTER_KEY: sim.options.masterKey });
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /models\s+PASS/, "the Job runs the models check on the declared groups");
        assert.match(r.out, /latency\s+PASS.*within the SLO \(p95 ≤ 500 ms\)/, "and holds the overhead to the stack's SLO");
        assert.match(r.out, /security\s+PASS\*.*LiteLLM 1\.82\.1: passed with \d+ accepted exception/, "and judges the running release with the stack's accepted advisories");
        assertNoRawKeys(r.out, [sim.options.masterKey]);
    });

    it("enforce: a failing check makes the Job fail", async () => {
        const r = await runJob(verificationCommand("enforce", args("vrenforcefail")), { GATEWAY_URL: faulty.url, LITELLM_MASTER_KEY: faulty.options.masterKey });
        assert.notEqual(r.code, 0, r.out);
        assert.match(r.out, /budget/i);
    });

    it("warn: the failure is logged, the Job succeeds", async () => {
        const r = await runJob(verificationCommand("warn", args("vrwarnfail")), { GATEWAY_URL: faulty.url, LITELLM_MASTER_KEY: faulty.options.masterKey });
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /budget/i, "the same check fails as in enforce mode");
        assert.match(r.out, /verification failed \(exit 1\); verification\.mode is warn/);
    });
});
