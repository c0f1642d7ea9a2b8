/**
 * `npm run test:integration`: the verification engine against REAL LiteLLM, PostgreSQL, Redis and Presidio.
 * Installs (cached outside the repository) and starts everything on loopback, then proves:
 * - the baseline (the dev spec with cache and guardrail on): every check but langfuse-trace passes, except
 *   declared known defects of the version under test, and no key is left behind;
 * - parity: one scenario gives the same answers on the real proxy and on tests/standins/litellm-sim;
 * - negative controls: each one-thing change makes exactly its check fail, with its documented cause;
 * - mid-run faults: Postgres restarted, Redis and Presidio stopped under a run, on services of their own.
 * - `upstream: openai`: the baseline's checks on groups declared as OpenAI-compatible upstreams.
 * Prints versions, timings and stand-ins at the end. Stops only what it started, on every exit path.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { formatReportTable } from "../../verify/report-table";
import type { VerifyOptions } from "../../verify/types";
import { SuiteEnvironment, Gateway } from "./environment";
import { controlChecks, NEGATIVE_CONTROLS } from "./gateway/controls";
import { knownDefectsFor } from "./gateway/known-defects";
import { BASELINE_CHECKS, baselineVerifyOptions, suiteModels } from "./gateway/suite-config";
import { baselineVerdict, controlProblems } from "./gateway/verdicts";
import { runParity } from "./parity/run-parity";
import { formatSuiteReport, ScenarioLine } from "./report";
import { ENTRY_GATEWAY, ENTRY_SUITE_FILES, entrySuiteEnv } from "./gateway/entry-suites";
import { runProcess } from "../helpers/run-process";
import { benchmarksInOutput, runBenchmarks } from "./benchmarks";
import { runMidRunFaults } from "./faults/run-faults";
import { openAIUpstreamVariant } from "./gateway/openai-upstream";
import { verificationModels } from "../../components/verification/models";
import { OTEL_SCENARIOS } from "./otel/scenarios";
import { runLangfuseExport, runOtelScenario } from "./otel/run-otel";

/** Two proxies at a time: each startup takes most of a core for ~30 s. */
const CONTROL_CONCURRENCY = 2;

const started = Date.now();
const suite = new SuiteEnvironment();
const scenarios: ScenarioLine[] = [];
let anyFailure = false;

function verifyOptions(gateway: Gateway, only: string[]): VerifyOptions {
    const target = { url: gateway.proxy.url, masterKey: gateway.masterKey, guardrail: gateway.spec.guardrails.name, upstreamReportUrl: suite.stub.reportUrl };
    return baselineVerifyOptions(target, only, { spendLogTimeoutMs: 30_000 });
}

/** Runs a scenario's body, recording its line for the report; a thrown failure fails the test too. */
async function scenario(name: string, body: () => Promise<string>): Promise<void> {
    try {
        scenarios.push({ name, ok: true, detail: await body() });
    } catch (err) {
        anyFailure = true;
        const lines = (err instanceof Error ? err.message : String(err)).split("\n").filter((l) => l.trim() !== "" && !/^[+-] |^\s*[+-]?\s*[\[\]]$/.test(l));
        scenarios.push({ name, ok: false, detail: lines.join(" | ") });
        throw err;
    }
}

before(async () => {
    try {
        await suite.setUp();
    } catch (err) {
        anyFailure = true;
        throw err;
    }
}, { timeout: 25 * 60_000 });

after(async () => {
    await suite.close(anyFailure);
    console.error(
        formatSuiteReport({
            litellmVersion: suite.litellm.version,
            overriddenFrom: suite.litellm.overriddenFrom,
            versions: suite.versions,
            toolsDir: suite.tools.dir,
            toolsVia: suite.tools.via,
            cacheDir: suite.cache,
            notes: suite.notes,
            timings: suite.timings,
            benchmarks: suite.benchmarks,
            scenarios,
            totalSeconds: (Date.now() - started) / 1000,
            keptRunDir: anyFailure ? suite.runDir : undefined,
        }),
    );
});

/**
 * One flat list, two at a time: the baseline (then parity, on the same proxy) and each control start their own
 * proxy, so the next startup overlaps the previous scenario's checks.
 */
describe("real LiteLLM: the dev spec (cache and guardrail on), parity, and one-change negative controls", { concurrency: CONTROL_CONCURRENCY }, () => {
    it("baseline: every check but langfuse-trace passes (known defects of this version fail as declared), no key is left; parity with the simulator", async () => {
        const gateway = await suite.startGateway("baseline").catch((err: unknown) => {
            anyFailure = true;
            throw err;
        });
        try {
            const baselineError = await scenario("baseline", async () => {
                const report = await suite.timed("baseline verification run", () => runVerification(verifyOptions(gateway, BASELINE_CHECKS)));
                suite.benchmarks.push(...runBenchmarks("baseline", report));
                suite.notes.push(`baseline report:\n${formatReportTable(report).replace(/^/gm, "      ")}`);
                const defects = knownDefectsFor(suite.litellm.version, gateway.spec);
                const verdict = baselineVerdict(report, BASELINE_CHECKS, defects);
                for (const d of verdict.reproduced) suite.notes.push(`KNOWN DEFECT of LiteLLM ${suite.litellm.version} reproduced (${d.check} fails): ${d.what}`);
                assert.deepEqual(verdict.problems, [], verdict.problems.join("\n"));
                const left = await suite.keysLeft(gateway);
                assert.equal(left, 0, `${left} virtual key(s) left in the gateway's database`);
                const passed = report.checks.filter((c) => c.status === "pass").length;
                return `${passed}/${BASELINE_CHECKS.length} checks pass, ${verdict.reproduced.length} known defect(s) reproduced, 0 keys left, cost $${report.usage.costUsd} (${(report.durationMs / 1000).toFixed(1)} s)`;
            }).then(() => undefined, (err: unknown) => err);
            // Parity runs whatever the baseline's outcome: both tell what a new version changes.
            const parityError = await scenario("parity with tests/standins/litellm-sim", () => suite.timed("parity scenario (real + simulator)", () => runParity(suite, gateway))).then(
                () => undefined,
                (err: unknown) => err,
            );
            if (baselineError ?? parityError) throw baselineError ?? parityError;
        } finally {
            await suite.stopGateway(gateway);
        }
    });

    it("mid-run faults (Postgres restarted, Redis stopped, Presidio stopped): each check passes or fails naming the component, within its deadline; no key left", () =>
        scenario("mid-run faults", () => runMidRunFaults(suite, verifyOptions)));
    it("upstream openai: the baseline's checks pass with chat declared upstream openai (key from upstreamApiKeys), chat-local key-less, chat-backup on the stub", () =>
        scenario("upstream openai", async () => {
            const gateway = await suite.startGateway("openai-upstream", openAIUpstreamVariant(suite.stub.apiBase));
            try {
                const report = await suite.timed("upstream openai checks", () => runVerification({ ...verifyOptions(gateway, BASELINE_CHECKS), ...verificationModels(gateway.spec) }));
                suite.notes.push(`upstream openai report:\n${formatReportTable(report).replace(/^/gm, "      ")}`);
                const verdict = baselineVerdict(report, BASELINE_CHECKS, knownDefectsFor(suite.litellm.version, gateway.spec));
                assert.deepEqual(verdict.problems, [], verdict.problems.join("\n"));
                const passed = report.checks.filter((c) => c.status === "pass").length;
                return `${passed}/${BASELINE_CHECKS.length} checks pass on openai/<model> upstreams (${verdict.reproduced.length} known defect(s) reproduced)`;
            } finally {
                await suite.stopGateway(gateway);
            }
        }));

    for (const control of NEGATIVE_CONTROLS) {
        it(`control ${control.id}: exactly ${control.expect.map((e) => e.check).join(" + ")} fails, with its documented cause`, () =>
            scenario(`control ${control.id}`, async () => {
                const gateway = await suite.startGateway(control.id, control);
                try {
                    const report = await suite.timed(`control ${control.id} checks`, () => runVerification(verifyOptions(gateway, controlChecks(control))));
                    suite.benchmarks.push(...runBenchmarks(`control ${control.id}`, report));
                    const problems = controlProblems(control, report);
                    assert.deepEqual(problems, [], `${control.change}:\n${problems.join("\n")}`);
                    const witnesses = controlChecks(control).filter((c) => !control.expect.some((e) => e.check === c));
                    return `${control.change} → ${control.expect.map((e) => `${e.check} fails`).join(", ")}; ${witnesses.join(", ")} pass`;
                } finally {
                    await suite.stopGateway(gateway);
                }
            }));
    }
});

/**
 * The entry suites (tests/integration/*.test.ts) on a gateway of their own, alone after the controls: the access
 * lifecycle through the real provider host, `models` and `latency` with a dead endpoint and the full-run timing
 * bound, and the verification resource in the real provider host. Each file runs in its own `node --test`.
 */
describe("real LiteLLM: the entry suites (access lifecycle, models and latency, the verification resource in the provider host)", () => {
    it(`${ENTRY_SUITE_FILES.join(", ")} pass against their own proxy`, () =>
        scenario("entry suites", async () => {
            const gateway = await suite.startGateway("entry-suites", ENTRY_GATEWAY);
            try {
                const { fallbackModel, fallbackProbeModel, models } = suiteModels();
                const env = {
                    PATH: process.env.PATH ?? "",
                    HOME: process.env.HOME ?? "/tmp",
                    ...entrySuiteEnv({ url: gateway.proxy.url, masterKey: gateway.masterKey, models, fallbackModel, fallbackProbeModel, guardrail: gateway.spec.guardrails.name, upstreamReportUrl: suite.stub.reportUrl }),
                };
                const files = ENTRY_SUITE_FILES.map((f) => join(__dirname, f));
                const r = await suite.timed("entry suites", () => runProcess(process.execPath, ["--test", "--test-reporter=spec", ...files], { cwd: process.cwd(), env, timeoutMs: 10 * 60_000 }));
                suite.benchmarks.push(...benchmarksInOutput("entry suites", r.stdout));
                const summary = /# pass (\d+)[\s\S]*?# fail (\d+)[\s\S]*?# skipped (\d+)/.exec(r.stdout) ?? /ℹ pass (\d+)[\s\S]*?ℹ fail (\d+)[\s\S]*?ℹ skipped (\d+)/.exec(r.stdout);
                assert.equal(r.code, 0, `the entry suites failed:\n${r.stdout.slice(-6000)}\n${r.stderr.slice(-2000)}`);
                assert.ok(summary && summary[3] === "0", `no entry suite may skip here:\n${r.stdout.slice(-3000)}`);
                return `${summary?.[1]} tests pass, 0 fail, 0 skipped (${ENTRY_SUITE_FILES.join(", ")})`;
            } finally {
                await suite.stopGateway(gateway);
            }
        }));
});

/**
 * OpenTelemetry against a REAL OTLP receiver (otlp-receiver/receiver.py): `otel-trace` passes on the export as
 * rendered and fails with the cause named under each one-change control; and the dev stack's `langfuse_otel`
 * export, held to what Langfuse and `langfuse-trace` need. Each scenario has its own proxy and receiver.
 */
describe("real LiteLLM: OpenTelemetry export to a real OTLP receiver, and Langfuse's export half", { concurrency: CONTROL_CONCURRENCY }, () => {
    for (const build of OTEL_SCENARIOS) {
        const id = build("").id;
        it(`${id}: otel-trace ${id === "otel-export" ? "passes" : "fails with its documented cause"}`, () => scenario(id, () => runOtelScenario(suite, build, verifyOptions)));
    }
    it("langfuse export: what LiteLLM's langfuse_otel sends (path, Basic auth, attributes)", () => scenario("langfuse export half", () => runLangfuseExport(suite, suiteModels().model as string)));
});
