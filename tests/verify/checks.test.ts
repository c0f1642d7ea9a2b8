/**
 * Every base check passes on the faithful simulator, for both LiteLLM contracts (v1.82 and ≥1.84) and
 * their variants; every key a run creates is gone afterwards; the report has exactly the documented shape.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { BASE_CHECK_IDS, CHECK_IDS } from "../../verify/checks";
import type { VerificationReport, VerifyOptions } from "../../verify/types";
import type { LiteLLMSim, LiteLLMSimOptions } from "../standins/litellm-sim";
import { SIM_BROKEN } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, startSim } from "./fixtures";

const sims: LiteLLMSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

async function runAgainst(options: LiteLLMSimOptions, extra = {}): Promise<{ sim: LiteLLMSim; report: VerificationReport; logs: string[] }> {
    const sim = await startSim(options);
    sims.push(sim);
    const logs: string[] = [];
    const report = await runVerification(fastOptions(sim, extra), { log: (l) => logs.push(l) });
    return { sim, report, logs };
}

function statusById(report: VerificationReport): Record<string, string> {
    return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

/** Checks every gateway gets: the base suite, plus every model group answering and the overhead SLO (issue #16), and the running release against the advisories. */
const GATEWAY_WIDE_IDS = [...BASE_CHECK_IDS, "models", "latency", "security"];

/** Base checks with their expected status; capability checks registered later must skip without their inputs. */
function expectStatuses(report: VerificationReport, base: Record<string, string>): void {
    const expected = Object.fromEntries(report.checks.map((c) => [c.id, base[c.id] ?? "skip"]));
    assert.deepEqual(statusById(report), expected, JSON.stringify(report.checks, null, 2));
    for (const id of Object.keys(base)) assert.ok(id in expected, `${id} missing from the report`);
}

const variants: { name: string; options: LiteLLMSimOptions; extra?: Partial<VerifyOptions>; expect: Record<string, RegExp> }[] = [
    {
        name: "v1.82 (401 allowlist, 400 budget at read time, 400 expired)",
        options: { version: "1.82" },
        expect: { "key-allowlist": /refused with 401/, budget: /crossing call\(s\) succeeded \(1\), then refused with 400/, "key-expiry": /400 expired_key/ },
    },
    {
        name: "v1.84 (403 allowlist, 429 budget reservation shrinking to what is left)",
        options: { version: "1.84" },
        expect: { "key-allowlist": /refused with 403/, budget: /crossing call\(s\) succeeded \(1\), then refused with 429/ },
    },
    {
        name: "v1.84 strict reservation (refused before dispatch), 401 expired",
        options: { version: "1.84", budgetReservation: "strict", expiredKeyStatus: 401 },
        expect: { budget: /refused before dispatch on the first call with 429/, "key-expiry": /401 expired_key/ },
    },
    {
        name: "v1.104+ with the fallback probe (422 budget, 403 allowlist, 401 expired, minimal readiness, mock params refused)",
        options: { version: "1.104" },
        extra: { fallbackProbeModel: SIM_BROKEN },
        expect: {
            "key-allowlist": /refused with 403/,
            budget: /crossing call\(s\) succeeded \(1\), then refused with 422/,
            "key-expiry": /401 expired_key/,
            health: /LiteLLM 1\.108\.7\)/,
            fallback: /the probe "sim-broken" \(a deployment on a closed port\) failed over to "sim-fallback".*configured to fall back to \["sim-fallback"\]/,
        },
    },
    {
        name: "v1.104+ with budget_exceeded_status_code 429 and mock params allowed by the admin",
        options: { version: "1.104", budgetExceededStatus: 429, allowMockTestingParams: true },
        expect: { budget: /then refused with 429/, fallback: /with mock_testing_fallbacks failed over/ },
    },
];

describe("base checks on the faithful simulator", { concurrency: true }, () => {
    for (const variant of variants) {
        it(`all pass: ${variant.name}`, async () => {
            const { sim, report, logs } = await runAgainst(variant.options, variant.extra);
            expectStatuses(report, Object.fromEntries(GATEWAY_WIDE_IDS.map((id) => [id, "pass"])));
            assert.equal(report.ok, true);
            for (const [id, pattern] of Object.entries(variant.expect)) {
                assert.match(report.checks.find((c) => c.id === id)?.message ?? "", pattern, id);
            }
            assert.deepEqual(sim.keys(), [], "every key of the run is deleted");
            assert.ok(report.usage.promptTokens > 0 && report.usage.completionTokens > 0 && report.usage.costUsd > 0, JSON.stringify(report.usage));
            assertNoRawKeys(JSON.stringify(report) + logs.join("\n"), [sim.options.masterKey]);
        });
    }

    it("health asks readiness again while the database is disconnected: a database back within the wait passes and says so; one that stays down fails", async () => {
        const sim = await startSim({ faults: { dbDisconnected: true } });
        sims.push(sim);
        setTimeout(() => (sim.faults.dbDisconnected = false), 1200);
        const back = await runVerification(fastOptions(sim, { only: ["health"] }));
        assert.equal(back.checks[0].status, "pass", back.checks[0].message);
        assert.match(back.checks[0].message, /^alive; ready with db connected after [2-9] asks over \d+\.\d s/);
        const down = await runAgainst({ faults: { dbDisconnected: true } }, { only: ["health"] });
        assert.equal(down.report.checks[0].status, "fail");
        assert.match(down.report.checks[0].message, /\(asked \d+ times over \d+\.\d s\)/);
    });

    it("a key create answered 500 (a database restarting) is asked again under a new alias: a database back in time passes; one that stays down fails naming it; no key is left", async () => {
        const back = await runAgainst({ faults: { keyGenerateFailures: 2 } }, { only: ["completion"] });
        assert.equal(back.report.checks[0].status, "pass", back.report.checks[0].message);
        assert.deepEqual(back.sim.keys(), []);
        const down = await runAgainst({ faults: { keyGenerateFailures: 50 } }, { only: ["completion"] });
        assert.equal(down.report.checks[0].status, "fail");
        assert.match(down.report.checks[0].message, /got HTTP 500, error\.type "internal_server_error".* \(5 attempts over 7\.5 s of pauses\); likely cause: key management is failing on the gateway \(database or migration problem\?\)/);
        assert.deepEqual(down.sim.keys(), []);
    });

    it("a key delete answered 500 (a database restarting) is asked again: a database back in time leaves no key; one that stays down names it", async () => {
        const back = await runAgainst({ faults: { keyDeleteFailures: 2 } }, { only: ["completion"] });
        assert.equal(back.report.checks[0].status, "pass", back.report.checks[0].message);
        assert.deepEqual(back.sim.keys(), []);
        const down = await runAgainst({ faults: { keyDeleteFailures: 50 } }, { only: ["completion"] });
        assert.equal(down.report.checks[0].status, "fail");
        assert.match(down.report.checks[0].message, /could not delete key .*HTTP 500.*\(5 attempts\); likely cause: the gateway cannot reach its database/);
    });

    it("the report has exactly the documented shape", async () => {
        const { report } = await runAgainst({}, { only: ["health", "fallback"], fallbackModel: undefined });
        assert.deepEqual(Object.keys(report).sort(), ["checks", "durationMs", "ok", "usage"]);
        assert.deepEqual(Object.keys(report.usage).sort(), ["completionTokens", "costUsd", "promptTokens"]);
        assert.equal(typeof report.durationMs, "number");
        for (const c of report.checks) {
            assert.deepEqual(Object.keys(c).sort(), ["durationMs", "id", "message", "status"]);
            assert.ok(["pass", "fail", "skip"].includes(c.status));
        }
        assert.deepEqual(statusById(report), { health: "pass", fallback: "skip" });
        assert.match(report.checks[1].message, /--fallback-model/);
        assert.equal(report.ok, true, "skips do not fail a run");
    });

    it("checks whose inputs are absent are skipped, not failed", async () => {
        // `models` needs no input (it lists the groups itself), so it is left out here: nothing else may spend.
        const { report } = await runAgainst({}, { model: undefined, fallbackModel: undefined, only: CHECK_IDS.filter((id) => id !== "models") });
        expectStatuses(report, {
            health: "pass",
            "auth-required": "pass",
            completion: "skip",
            "key-allowlist": "skip",
            "key-expiry": "skip",
            budget: "skip",
            "spend-logs": "skip",
            fallback: "skip",
            latency: "skip",
            // Needs only the master key, and spends nothing.
            security: "pass",
        });
        assert.equal(report.usage.costUsd, 0);
    });

    it("falls back for real when the primary's upstream fails (no mock flag needed by the simulator)", async () => {
        const { report } = await runAgainst({}, { model: SIM_BROKEN, only: ["fallback"] });
        assert.equal(report.checks[0].status, "pass", report.checks[0].message);
    });

    it("runs checks concurrently: wall time is about the slowest check, not the sum", async () => {
        const { report } = await runAgainst({});
        const sum = report.checks.reduce((s, c) => s + c.durationMs, 0);
        const slowest = Math.max(...report.checks.map((c) => c.durationMs));
        assert.ok(report.durationMs < sum, `wall ${report.durationMs} ms vs sum ${sum} ms`);
        assert.ok(report.durationMs < slowest + 1500, `wall ${report.durationMs} ms vs slowest ${slowest} ms`);
    });
});
