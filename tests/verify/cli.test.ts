/** The CLI door: exit codes 0/1/2, env fallbacks, skips, the table, --json, and no raw key in any output. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../verify/cli";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { assertNoRawKeys, SIM_FALLBACK, SIM_PRIMARY, simAcceptances, startSim } from "./fixtures";

let sim: LiteLLMSim;
let faulty: LiteLLMSim;
const dir = mkdtempSync(join(tmpdir(), "verify-cli-"));

before(async () => {
    sim = await startSim();
    faulty = await startSim({ faults: { allowlistNotEnforced: true } });
});
after(async () => {
    await Promise.all([sim.close(), faulty.close()]);
    rmSync(dir, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, env, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** `--models`: the declared groups, as the stacks pass them (the simulator also serves `sim-broken`, which always fails). */
const DECLARED = ["--models", `${SIM_PRIMARY},${SIM_FALLBACK}`];
const FAST = ["--key-expiry-seconds", "1", "--spend-log-timeout-ms", "3000", ...DECLARED];

describe("verify CLI", { concurrency: true }, () => {
    it("exits 0 with a table and progress when every check passes; keys and accepted advisories from env work", async () => {
        // The default simulator reports LiteLLM 1.82.1: `security` passes only with its advisories accepted.
        const accepted = JSON.stringify(simAcceptances(sim));
        const r = await cli(["--model", SIM_PRIMARY, "--fallback-model", SIM_FALLBACK, ...FAST], { GATEWAY_URL: sim.url, LITELLM_MASTER_KEY: sim.options.masterKey, LITELLM_ACCEPTED_ADVISORIES: accepted });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^CHECK\s+STATUS/m);
        assert.match(r.stdout, /^spend-logs\s+PASS /m);
        assert.match(r.stdout, /^security\s+PASS\*\s.*LiteLLM 1\.82\.1: passed with \d+ accepted exception\(s\)/m);
        assert.match(r.stdout, /^\* security: passed with accepted exception CVE-2026-35030 \/ CVE-2026-35029 \/ GHSA-69x8-hrgq-fjj8 until \d{4}-\d{2}-\d{2} \(fixed in 1\.83\.0\): "the simulator stands for LiteLLM 1\.82\.1"$/m);
        assert.match(r.stdout, /OK: 11 passed \(1 with accepted exceptions\), 0 failed, \d+ skipped/);
        assert.match(r.stdout, /^models\s+PASS .*"sim-primary" \d+ ms/m);
        assert.match(r.stdout, /^latency\s+PASS .*within the SLO/m);
        assert.match(r.stderr, /\[verify \+\d+\.\ds\] key-expiry: waiting 1 s for the key to expire/);
        assertNoRawKeys(r.stdout + r.stderr, [sim.options.masterKey]);
    });

    it("exits 1 when a check fails, and writes the JSON report", async () => {
        const file = join(dir, "report.json");
        const r = await cli(["--gateway-url", faulty.url, "--master-key", faulty.options.masterKey, "--model", SIM_PRIMARY, "--fallback-model", SIM_FALLBACK, "--only", "key-allowlist,health", "--json", file]);
        assert.equal(r.code, 1);
        assert.match(r.stdout, /^key-allowlist\s+FAIL/m);
        const report = JSON.parse(readFileSync(file, "utf8"));
        assert.equal(report.ok, false);
        assert.deepEqual(report.checks.map((c: { id: string; status: string }) => `${c.id}:${c.status}`), ["health:pass", "key-allowlist:fail"]);
        assertNoRawKeys(r.stdout + r.stderr + readFileSync(file, "utf8"), [faulty.options.masterKey]);
        assert.deepEqual(faulty.keys(), []);
    });

    it("reports absent inputs as skip and still exits 0", async () => {
        const r = await cli(["--gateway-url", sim.url, "--master-key", sim.options.masterKey, ...DECLARED, "--accepted-advisories", JSON.stringify(simAcceptances(sim)), "--json", "-"]);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const report = JSON.parse(r.stdout);
        assert.equal(report.checks.find((c: { id: string }) => c.id === "fallback").status, "skip");
        assert.equal(report.checks.find((c: { id: string }) => c.id === "completion").status, "skip");
        assert.equal(report.checks.find((c: { id: string }) => c.id === "latency").status, "skip", "latency needs --model");
    });

    it("exits 2 on usage errors without running anything", async () => {
        const base = ["--gateway-url", sim.url, "--master-key", sim.options.masterKey];
        for (const [argv, pattern] of [
            [[...base, "--frobnicate"], /unknown flag --frobnicate/],
            [[...base, "--only", "health,no-such-check"], /unknown check id\(s\): no-such-check/],
            [["--master-key", sim.options.masterKey], /gateway URL is required/],
            [["--gateway-url", sim.url], /master key is required/],
            [[...base, "--spend-log-timeout-ms", "soon"], /needs a number/],
        ] as [string[], RegExp][]) {
            const r = await cli(argv);
            assert.equal(r.code, 2, argv.join(" "));
            assert.match(r.stderr, pattern);
            assert.match(r.stderr, /Usage: npm run verify/);
            assertNoRawKeys(r.stderr, [sim.options.masterKey]);
        }
    });

    it("prints help and exits 0, for --help and -h alike", async () => {
        for (const flag of ["--help", "-h"]) {
            const r = await cli([flag]);
            assert.equal(r.code, 0, flag);
            assert.match(r.stdout, /--fallback-model <group>/);
            assert.match(r.stdout, /-h, --help/);
            assert.match(r.stdout, /Check ids: health, auth-required/);
        }
    });

    it("marks --model as optional but needed by most checks, and the URL and key as required", async () => {
        const { stdout } = await cli(["-h"]);
        const usage = stdout.split("\n")[0];
        assert.match(usage, /--gateway-url <url> --master-key <key> \[--model <group>\]/);
        assert.match(stdout, /--model is optional but needed by most checks/);
    });

    it("still refuses an unknown short flag", async () => {
        const r = await cli(["-x"]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /unknown flag -x/);
    });
});
