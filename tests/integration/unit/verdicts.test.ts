/** How the suite reads a report: a control proves exactly its check; a baseline tolerates only declared defects. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckResult, VerificationReport } from "../../../verify/types";
import { NEGATIVE_CONTROLS } from "../gateway/controls";
import type { KnownDefect } from "../gateway/known-defects";
import { baselineVerdict, controlProblems } from "../gateway/verdicts";

const report = (...checks: [string, CheckResult["status"], string?][]): VerificationReport => ({
    ok: checks.every(([, s]) => s !== "fail"),
    durationMs: 1,
    usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
    checks: checks.map(([id, status, message]) => ({ id, status, durationMs: 1, message: message ?? "" })),
});

const cacheOff = NEGATIVE_CONTROLS.find((c) => c.id === "cache-off")!;
const CACHE_OFF_CAUSE = "expected …; got HTTP 503; likely cause: caching is not enabled: litellm_settings.cache is not true (cache.enabled in the stack config)";

describe("controlProblems", () => {
    it("accepts exactly the target failing with its cause and the witnesses passing", () => {
        assert.deepEqual(controlProblems(cacheOff, report(["cache", "fail", CACHE_OFF_CAUSE], ["health", "pass"], ["completion", "pass"])), []);
    });

    it("refuses the target passing, or failing with another cause", () => {
        assert.match(controlProblems(cacheOff, report(["cache", "pass"], ["health", "pass"], ["completion", "pass"]))[0], /cache should fail; it is pass/);
        assert.match(controlProblems(cacheOff, report(["cache", "fail", "likely cause: Redis is down"], ["health", "pass"], ["completion", "pass"]))[0], /cache failed with another cause/);
    });

    it("refuses a failing witness (a broken proxy proves nothing)", () => {
        const problems = controlProblems(cacheOff, report(["cache", "fail", CACHE_OFF_CAUSE], ["health", "fail", "down"], ["completion", "pass"]));
        assert.ok(problems.some((p) => /witness health should pass/.test(p)));
        assert.ok(problems.some((p) => /health failed too/.test(p)));
    });
});

const defect: KnownDefect = { id: "d", check: "spend-logs", message: /model_group ""/, versions: ["1.0.0"], applies: () => true, what: "w" };

describe("baselineVerdict", () => {
    it("every check passing is fine with no defects declared", () => {
        assert.deepEqual(baselineVerdict(report(["health", "pass"], ["spend-logs", "pass"]), ["health", "spend-logs"], []), { problems: [], reproduced: [] });
    });

    it("a declared defect must fail exactly as declared", () => {
        const ok = baselineVerdict(report(["health", "pass"], ["spend-logs", "fail", 'got model_group "" (want "chat")']), ["health", "spend-logs"], [defect]);
        assert.deepEqual(ok, { problems: [], reproduced: [defect] });
        const other = baselineVerdict(report(["health", "pass"], ["spend-logs", "fail", "spend 0"]), ["health", "spend-logs"], [defect]);
        assert.match(other.problems[0], /spend-logs should fail only as declared/);
    });

    it("a declared defect that is gone fails the suite until it is removed", () => {
        const gone = baselineVerdict(report(["health", "pass"], ["spend-logs", "pass"]), ["health", "spend-logs"], [defect]);
        assert.match(gone.problems[0], /spend-logs passes, but is declared a known defect.*remove it from known-defects\.ts/);
    });

    it("an undeclared failure or a missing check is a problem", () => {
        assert.match(baselineVerdict(report(["health", "fail", "x"]), ["health"], []).problems[0], /health should pass; it is fail/);
        assert.match(baselineVerdict(report(), ["health"], []).problems[0], /health should pass; it is not in the report/);
    });
});
