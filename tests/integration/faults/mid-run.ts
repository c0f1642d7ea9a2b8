/**
 * Faults in the real components while a verification run is in flight (issue #25), on a proxy with a Postgres,
 * Redis and Presidio of its own (the other scenarios keep theirs): Postgres restarted mid-run, Redis stopped with
 * the cache on, Presidio stopped with the guardrail on. Each check the fault touches must either pass (the
 * component came back in time, or LiteLLM does without it) or fail naming the component; none may run past its
 * deadline; no run key may be left in the database. What LiteLLM itself did is recorded for the report
 * (docs/integration.md has the measured behaviour).
 */
import type { CheckResult, VerificationReport } from "../../../verify/types";
import type { Services } from "../environment";

export interface MidRunFault {
    id: string;
    /** What is done to which component, and when. */
    change: string;
    /** The checks run while the fault is in force: the ones it touches and `health`/`completion`. */
    checks: string[];
    /** What a failing check's likely cause must name: the component. */
    cause: RegExp;
    /** Before the run: break the component now, or return the break to do mid-run (after `delayMs`). */
    inject(services: Services): Promise<void>;
    /** ms after the run starts that `inject` runs: 0 breaks it before any request. */
    delayMs: number;
    /** After the run: bring the component back (so the keys can be counted and the next fault starts clean). */
    restore(services: Services): Promise<void>;
}

/** Slack over a check's own deadline: the engine's timer fires late on a busy host, never by seconds. */
export const DEADLINE_SLACK_MS = 5000;

export const MID_RUN_FAULTS: readonly MidRunFault[] = [
    {
        id: "postgres-restart",
        change: "Postgres restarted (fast shutdown, then started again on the same port and data) 1.5 s into the run",
        checks: ["health", "completion", "auth-required", "key-allowlist", "budget", "spend-logs"],
        cause: /database|Postgres|\bDB\b|prisma/i,
        delayMs: 1500,
        inject: (s) => s.postgres.restart(),
        restore: async () => undefined,
    },
    {
        id: "redis-stopped",
        change: "Redis stopped before the run, with the cache on (started again after it)",
        checks: ["health", "completion", "cache"],
        cause: /Redis|cache/i,
        delayMs: 0,
        inject: (s) => s.redis.stop(),
        restore: (s) => s.redis.start(),
    },
    {
        id: "presidio-stopped",
        change: "Presidio's analyzer and anonymizer stopped before the run, with the guardrail on",
        checks: ["health", "completion", "guardrail-pii"],
        cause: /guardrail|Presidio/i,
        delayMs: 0,
        inject: (s) => s.presidio.stop(),
        restore: async () => undefined,
    },
];

/**
 * Problems with a run under a fault; empty when every check passed or failed naming the component, within its
 * deadline. `deadlineOf` gives a check's deadline in ms.
 */
export function midRunProblems(fault: MidRunFault, report: VerificationReport, deadlineOf: (check: string) => number): string[] {
    const problems: string[] = [];
    for (const id of fault.checks) {
        const r: CheckResult | undefined = report.checks.find((c) => c.id === id);
        if (!r) {
            problems.push(`${id} is not in the report`);
            continue;
        }
        if (r.status === "skip") problems.push(`${id} was skipped: ${r.message}`);
        // The cause, not the whole message: LiteLLM's own error text may name the component while the check blames another.
        const cause = r.message.split("likely cause: ").slice(1).join("likely cause: ");
        if (r.status === "fail" && !fault.cause.test(cause)) problems.push(`${id} failed without naming the component (${fault.cause}) as the cause: ${r.message}`);
        const limit = deadlineOf(id) + DEADLINE_SLACK_MS;
        if (r.durationMs > limit) problems.push(`${id} ran ${r.durationMs} ms, past its deadline (${deadlineOf(id)} ms)`);
    }
    return problems;
}

/** One line of what LiteLLM did under the fault: each check's outcome, for the report and the docs. */
export function midRunOutcome(fault: MidRunFault, report: VerificationReport): string {
    return `${fault.id}: ${report.checks.map((c) => `${c.id} ${c.status}${c.status === "fail" ? ` (${c.message.slice(0, 300)})` : ""}`).join("; ")}`;
}
