/**
 * The in-cluster door: verify/cli.ts bundles with bundleEntry into one plain-JS file that runs under
 * `node` from a directory with no node_modules, exits 0 on the faithful simulator and non-zero on a fault.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundleEntry, CONTAINER_NODE_TARGET } from "../../components/shared/bundle";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { ProcessResult, runProcess } from "../helpers/run-process";
import { assertNoRawKeys, SIM_FALLBACK, SIM_PRIMARY, simAcceptances, startSim } from "./fixtures";

/** The TS source as the OKE Job bundles it (build/ sits in the repo), else the compiled sibling. */
function cliEntry(): string {
    const source = join(__dirname, "..", "..", "..", "verify", "cli.ts");
    return existsSync(source) ? source : join(__dirname, "..", "..", "verify", "cli.js");
}
const dir = mkdtempSync(join(tmpdir(), "verify-bundle-"));
const bundlePath = join(dir, "verify.js");
let sim: LiteLLMSim;
let faulty: LiteLLMSim;

before(async () => {
    writeFileSync(bundlePath, bundleEntry(cliEntry(), { target: CONTAINER_NODE_TARGET }).code);
    sim = await startSim();
    faulty = await startSim({ faults: { spendRowsNeverWritten: true } });
});
after(async () => {
    await Promise.all([sim.close(), faulty.close()]);
    rmSync(dir, { recursive: true, force: true });
});

function runBundle(args: string[], env: Record<string, string>): Promise<ProcessResult> {
    // cwd is the temp dir and NODE_PATH is unset: nothing can be resolved from the repo's node_modules.
    return runProcess(process.execPath, [bundlePath, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? "", ...env } });
}

/** `--models`: the declared groups, as the stacks pass them (the simulator also serves `sim-broken`, which always fails). */
const ARGS = ["--model", SIM_PRIMARY, "--fallback-model", SIM_FALLBACK, "--models", `${SIM_PRIMARY},${SIM_FALLBACK}`, "--key-expiry-seconds", "1", "--spend-log-timeout-ms", "2000"];

describe("bundled verifier under plain node", { concurrency: true }, () => {
    it("exits 0 against the faithful simulator (master key from env, its advisories accepted by flag)", async () => {
        const r = await runBundle(["--gateway-url", sim.url, ...ARGS, "--accepted-advisories", JSON.stringify(simAcceptances(sim))], { LITELLM_MASTER_KEY: sim.options.masterKey });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /OK: 11 passed \(1 with accepted exceptions\)/);
        assertNoRawKeys(r.stdout + r.stderr, [sim.options.masterKey]);
    });

    it("exits 1 with a fault on, naming the failing check", async () => {
        const r = await runBundle(["--gateway-url", faulty.url, ...ARGS, "--json", "-"], { LITELLM_MASTER_KEY: faulty.options.masterKey });
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const report = JSON.parse(r.stdout);
        assert.equal(report.checks.find((c: { id: string }) => c.id === "spend-logs").status, "fail");
        assert.deepEqual(faulty.keys(), []);
    });

    it("exits 2 on a usage error", async () => {
        const r = await runBundle(["--only", "health"], {});
        assert.equal(r.code, 2);
        assert.match(r.stderr, /gateway URL is required/);
    });
});
