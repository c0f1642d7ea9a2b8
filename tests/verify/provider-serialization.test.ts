/**
 * The Pulumi door, end to end: the real dynamic provider is serialized with pulumi.runtime.serializeFunction
 * (as `pulumi up` does), written to a temp dir outside the project, loaded by a plain `node` process that
 * resolves packages only from the project's node_modules (NODE_PATH: axios, which the packed engine leaves
 * out, as the provider host resolves it) and its create/update run against the simulator. Also the
 * provider's check/diff contract, in process.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { verificationEngineBundle } from "../../components/verification/engine-bundle";
import { createVerificationProvider, UNKNOWN_SENTINEL, VERIFICATION_SUITE, VerificationInputs } from "../../components/verification/provider";
import { BASE_CHECK_IDS } from "../../verify/checks";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { runProcess } from "../helpers/run-process";
import { REPO_ROOT } from "../helpers/stack-config";
import { assertNoRawKeys, inputsFor, SIM_FALLBACK, SIM_PRIMARY, startSim } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "verify-provider-"));
const provider = createVerificationProvider(verificationEngineBundle().packed);
let serializedText = "";
let sim: LiteLLMSim;
let faulty: LiteLLMSim;
/** A second faulty gateway, so concurrent tests can each assert their own keys are gone. */
let faultyWarn: LiteLLMSim;

/** Loads the serialized provider the way the provider host does (`require(text).handler()`) and calls one method. */
const RUNNER = `
const provider = require("./provider.js").handler();
const [method, inputsFile] = process.argv.slice(2);
const inputs = JSON.parse(require("fs").readFileSync(inputsFile, "utf8"));
const call = method === "update" ? provider.update("id", {}, inputs) : provider.create(inputs);
call.then((result) => console.log(JSON.stringify({ ok: true, result })), (err) => console.log(JSON.stringify({ ok: false, error: String(err && err.message) })));
`;

before(async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    serializedText = serialized.text;
    writeFileSync(join(dir, "provider.js"), serialized.text);
    writeFileSync(join(dir, "runner.js"), RUNNER);
    sim = await startSim();
    faulty = await startSim({ faults: { budgetNeverEnforced: true } });
    faultyWarn = await startSim({ faults: { budgetNeverEnforced: true } });
});
after(async () => {
    await Promise.all([sim.close(), faulty.close(), faultyWarn.close()]);
    rmSync(dir, { recursive: true, force: true });
});

async function runSerialized(method: "create" | "update", inputs: VerificationInputs): Promise<{ ok: boolean; result?: any; error?: string; raw: string }> {
    const file = join(dir, `inputs-${inputs.runId}.json`);
    writeFileSync(file, JSON.stringify(inputs));
    const r = await runProcess(process.execPath, ["runner.js", method, file], { cwd: dir, env: { PATH: process.env.PATH ?? "", NODE_PATH: join(REPO_ROOT, "node_modules") }, timeoutMs: 40_000 });
    if (r.code !== 0) throw new Error(`runner exited ${r.code}: ${r.stderr}`);
    return { ...JSON.parse(r.stdout), raw: r.stdout + r.stderr };
}

describe("serialized verification provider in a plain node process", { concurrency: true }, () => {
    it("serializes without capturing Pulumi or a module graph: the engine travels packed", () => {
        assert.ok(serializedText.includes("exports.handler"));
        assert.doesNotMatch(serializedText, /require\("(@pulumi|axios)/);
        assert.ok(serializedText.includes(verificationEngineBundle().packed));
    });

    it("create runs every check against the simulator and returns a passing report, without secrets in outs", async () => {
        const inputs = inputsFor(sim);
        const r = await runSerialized("create", inputs);
        assert.equal(r.ok, true, r.error);
        assert.equal(r.result.id, `${sim.url}#${inputs.runId}`);
        const outs = r.result.outs;
        assert.equal(outs.suite, VERIFICATION_SUITE);
        assert.equal(outs.report.ok, true, JSON.stringify(outs.report.checks, null, 2));
        const statuses = Object.fromEntries(outs.report.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
        const everyGateway = [...BASE_CHECK_IDS, "models", "latency", "security"];
        for (const id of everyGateway) assert.equal(statuses[id], "pass", id);
        assert.ok(outs.report.checks.every((c: { id: string; status: string }) => everyGateway.includes(c.id) || c.status === "skip"));
        assert.deepEqual(outs.models, [SIM_PRIMARY, SIM_FALLBACK], "the models input is published");
        assert.equal("masterKey" in outs, false);
        assertNoRawKeys(r.raw, [sim.options.masterKey]);
        assert.deepEqual(sim.keys(), []);
    });

    it("enforce mode: a failing check fails create with a readable summary", async () => {
        const r = await runSerialized("create", inputsFor(faulty, { only: ["health", "budget"] }));
        assert.equal(r.ok, false);
        assert.match(r.error ?? "", /gateway verification failed: 1 of 2 check\(s\) failed\n {2}- budget: expected .*likely cause: budgets are not enforced/);
        assertNoRawKeys(r.raw, [faulty.options.masterKey]);
        assert.deepEqual(faulty.keys(), []);
    });

    it("warn mode: update succeeds and returns the failing report", async () => {
        const r = await runSerialized("update", inputsFor(faultyWarn, { only: ["budget"], mode: "warn" }));
        assert.equal(r.ok, true, r.error);
        assert.equal(r.result.outs.report.ok, false);
        assert.equal(r.result.outs.report.checks[0].status, "fail");
        assert.equal(r.result.outs.mode, "warn");
        assert.deepEqual(faultyWarn.keys(), []);
    });
});

describe("provider contract (in process)", () => {
    it("check validates known inputs and lets preview-unknown values through", async () => {
        const ok = await provider.check!(inputsFor(sim), inputsFor(sim));
        assert.equal(ok.failures, undefined);
        const unknown = await provider.check!(inputsFor(sim), inputsFor(sim, { gatewayUrl: UNKNOWN_SENTINEL, model: UNKNOWN_SENTINEL }));
        assert.equal(unknown.failures, undefined);
        const bad = await provider.check!(inputsFor(sim), inputsFor(sim, { gatewayUrl: "ftp://x", model: "", mode: "loud" as "warn" }));
        assert.deepEqual(bad.failures?.map((f) => f.property), ["gatewayUrl", "model", "mode"]);
        const badLatency = await provider.check!(inputsFor(sim), inputsFor(sim, { overheadP95Ms: 0, latencyRequests: UNKNOWN_SENTINEL as unknown as number, modelsConcurrency: -2 }));
        assert.deepEqual(badLatency.failures?.map((f) => f.property), ["modelsConcurrency", "overheadP95Ms"], "a preview-unknown count passes; non-positive ones are refused");
    });

    it("diff always reports a change without replacement, so update re-runs the checks every up", async () => {
        const d = await provider.diff!("id", {} as never, inputsFor(sim));
        assert.deepEqual(d, { changes: true });
        assert.equal(typeof provider.update, "function");
    });
});
