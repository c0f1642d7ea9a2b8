/**
 * Reading a verification report against what the suite expects. Pure, so the rules themselves are
 * unit-tested: a control passes only when exactly its target checks fail, each with its documented cause,
 * and the witnesses pass; the baseline run passes only when every check passes but the known defects of the
 * version under test, and each of those still fails exactly as declared.
 */
import type { CheckResult, VerificationReport } from "../../../verify/types";
import type { NegativeControl } from "./controls";
import { controlChecks } from "./controls";
import type { KnownDefect } from "./known-defects";

const find = (report: VerificationReport, id: string): CheckResult | undefined => report.checks.find((c) => c.id === id);
const show = (r: CheckResult | undefined) => (r ? `${r.status}: ${r.message}` : "not in the report");

/** Problems with a control's report; empty when the control proved what it should. */
export function controlProblems(control: NegativeControl, report: VerificationReport): string[] {
    const problems: string[] = [];
    const targets = new Set(control.expect.map((e) => e.check));
    for (const e of control.expect) {
        const r = find(report, e.check);
        if (r?.status !== "fail") problems.push(`${e.check} should fail; it is ${show(r)}`);
        else if (!e.cause.test(r.message)) problems.push(`${e.check} failed with another cause than ${e.cause}: ${r.message}`);
    }
    for (const id of controlChecks(control).filter((c) => !targets.has(c))) {
        const r = find(report, id);
        if (r?.status !== "pass") problems.push(`witness ${id} should pass; it is ${show(r)}`);
    }
    for (const r of report.checks) if (r.status === "fail" && !targets.has(r.id)) problems.push(`${r.id} failed too: ${r.message}`);
    return problems;
}

export interface BaselineVerdict {
    problems: string[];
    /** Declared defects that reproduced, for the report. */
    reproduced: KnownDefect[];
}

/** The baseline run: every expected check passes, except declared defects, which must fail as declared. */
export function baselineVerdict(report: VerificationReport, expectedChecks: readonly string[], defects: readonly KnownDefect[]): BaselineVerdict {
    const problems: string[] = [];
    const reproduced: KnownDefect[] = [];
    for (const id of expectedChecks) {
        const r = find(report, id);
        const declared = defects.filter((d) => d.check === id);
        if (declared.length === 0) {
            if (r?.status !== "pass") problems.push(`${id} should pass; it is ${show(r)}`);
            continue;
        }
        const matching = declared.filter((d) => r?.status === "fail" && d.message.test(r.message));
        if (matching.length === 0) {
            problems.push(
                r?.status === "pass"
                    ? `${id} passes, but is declared a known defect of this version (${declared.map((d) => d.id).join(", ")}): the defect is gone, remove it from known-defects.ts`
                    : `${id} should fail only as declared (${declared.map((d) => d.message).join(" or ")}); it is ${show(r)}`,
            );
        } else reproduced.push(...matching);
    }
    return { problems, reproduced };
}
