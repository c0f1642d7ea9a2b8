/**
 * The simulator's "1.83" variant gives the verdict real LiteLLM 1.83.10 gives on the suite's gateway: every
 * check passes but the two declared known defects, which fail exactly as declared. So the offline tests see
 * what the real proxy does, and a change to either side shows up in both suites.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../../verify/engine";
import { knownDefectsFor } from "../gateway/known-defects";
import { BASELINE_CHECKS, baselineVerifyOptions, suiteSpec } from "../gateway/suite-config";
import { baselineVerdict } from "../gateway/verdicts";
import { simFor } from "../parity/run-parity";
import { simAcceptances } from "../../verify/fixtures";

const closers: (() => Promise<void>)[] = [];
after(async () => {
    await Promise.all(closers.map((c) => c()));
});

describe('simulator "1.83" variant', () => {
    it("reproduces the baseline verdict of real 1.83.10, known defects included", async () => {
        const spec = suiteSpec();
        const sim = simFor(spec, "1.83", 300);
        await sim.listen();
        closers.push(() => sim.close());
        const checks = BASELINE_CHECKS;
        const target = { url: sim.url, masterKey: sim.options.masterKey, guardrail: spec.guardrails.name, upstreamReportUrl: sim.upstream?.url };
        // 1.83.10 is an affected release: `security` passes only with its advisories accepted.
        const report = await runVerification(baselineVerifyOptions(target, checks, { keyExpirySeconds: 1, spendLogTimeoutMs: 3000, acceptedAdvisories: simAcceptances(sim) }));
        const verdict = baselineVerdict(report, checks, knownDefectsFor("1.83.10", spec));
        assert.deepEqual(verdict.problems, []);
        assert.deepEqual(verdict.reproduced.map((d) => d.id).sort(), ["guardrail-drops-model-group", "raw-prompt-in-spend-logs"]);
        assert.deepEqual(sim.keys(), []);
    });
});
