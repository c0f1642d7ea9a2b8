/**
 * The mid-run faults' verdict (tests/integration/faults/mid-run.ts): a check passes, or fails naming the
 * component; a skip, another cause, or a run past the check's deadline is a problem.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEADLINE_SLACK_MS, MID_RUN_FAULTS, midRunProblems } from "../faults/mid-run";
import type { CheckResult, VerificationReport } from "../../../verify/types";

const fault = (id: string) => MID_RUN_FAULTS.find((f) => f.id === id)!;
const report = (checks: CheckResult[]): VerificationReport => ({ ok: false, runId: "vr1", durationMs: 1, usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 }, checks } as unknown as VerificationReport);
const result = (id: string, status: CheckResult["status"], message = "ok", durationMs = 100): CheckResult => ({ id, status, message, durationMs });

describe("mid-run faults: the verdict", () => {
    it("every fault runs health and completion besides the checks it touches", () => {
        for (const f of MID_RUN_FAULTS) assert.ok(f.checks.includes("health") && f.checks.includes("completion"), f.id);
        assert.deepEqual(MID_RUN_FAULTS.map((f) => f.id), ["postgres-restart", "redis-stopped", "presidio-stopped"]);
    });

    it("passes, and failures that name the component, are no problem", () => {
        const f = fault("redis-stopped");
        const r = report([result("health", "pass"), result("completion", "pass"), result("cache", "fail", "expected …; got …; likely cause: the cache is configured but unhealthy: Redis is unreachable or REDIS_PASSWORD is wrong")]);
        assert.deepEqual(midRunProblems(f, r, () => 30_000), []);
    });

    it("a failure with another cause, a skip, a missing check and a run past the deadline are each named", () => {
        const f = fault("presidio-stopped");
        const r = report([result("health", "skip", "no model"), result("completion", "fail", "expected 200; got HTTP 500, message \"Presidio PII analysis failed\"; likely cause: the upstream model is failing"), result("guardrail-pii", "fail", "expected …; got …; likely cause: Presidio is down", 30_000 + DEADLINE_SLACK_MS + 1)]);
        const problems = midRunProblems(f, r, () => 30_000);
        assert.equal(problems.length, 3, problems.join("\n"));
        assert.match(problems[0], /^health was skipped/);
        assert.match(problems[1], /^completion failed without naming the component/);
        assert.match(problems[2], /^guardrail-pii ran \d+ ms, past its deadline \(30000 ms\)/);
        assert.deepEqual(midRunProblems(fault("postgres-restart"), report([]), () => 1).length, fault("postgres-restart").checks.length);
    });
});
