/**
 * The `guardrail-pii` check through the real engine against the LiteLLM simulator with its Presidio-like
 * guardrail: it passes under both LiteLLM variants with each kind of upstream evidence (the stub's report,
 * the stored request body, masked_entity_count), fails on each guardrail fault with the cause, and never
 * prints a raw key or the SSN.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { TEST_SSN } from "../../verify/pii";
import { createStubUpstream } from "../../stub/upstream";
import type { LiteLLMSim, LiteLLMSimOptions, SimExtension, SimFault, SimVersion } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, startSim } from "../verify/fixtures";

const GUARDRAIL = "presidio-pii";
const closers: (() => Promise<void>)[] = [];
after(async () => {
    await Promise.all(closers.map((c) => c()));
});

/** A simulator on its own stub upstream, plus the stub's report URL (its base without /v1). */
async function setup(options: LiteLLMSimOptions = {}): Promise<{ sim: LiteLLMSim; reportUrl: string; upstreamTexts: () => string }> {
    const stub = createStubUpstream();
    const upstreamUrl = await stub.listen(0, "127.0.0.1");
    const sim = await startSim({ guardrail: GUARDRAIL, upstreamUrl, ...options });
    closers.push(() => sim.close(), () => stub.close());
    return { sim, reportUrl: upstreamUrl.replace(/\/v1$/, ""), upstreamTexts: () => JSON.stringify(stub.received) };
}

async function runCheck(sim: LiteLLMSim, extra: Parameters<typeof fastOptions>[1] = {}) {
    const logs: string[] = [];
    const report = await runVerification(fastOptions(sim, { only: ["guardrail-pii"], guardrail: GUARDRAIL, spendLogTimeoutMs: 2000, ...extra }), { log: (l) => logs.push(l) });
    const result = report.checks[0];
    assert.equal(result.id, "guardrail-pii");
    const out = JSON.stringify(report) + logs.join("\n");
    assertNoRawKeys(out, [sim.options.masterKey]);
    assert.ok(!out.includes(TEST_SSN) && !out.includes("219099999"), "the report never prints the SSN");
    assert.deepEqual(sim.keys(), [], "the check's key is deleted");
    return { report, result };
}

const VERSIONS: SimVersion[] = ["1.82", "1.84"];

describe("guardrail-pii on the faithful simulator", { concurrency: true }, () => {
    for (const version of VERSIONS) {
        it(`v${version}, dev style: the stub's report shows <US_SSN> and no digits reached the upstream`, async () => {
            const { sim, reportUrl, upstreamTexts } = await setup({ version });
            const { result } = await runCheck(sim, { upstreamReportUrl: reportUrl });
            assert.equal(result.status, "pass", result.message);
            assert.match(result.message, /"presidio-pii" applied.*the upstream received <US_SSN>, not the digits \(stub report, 1 request\(s\)\).*the row stores the masked body/);
            assert.ok(upstreamTexts().includes("my SSN is <US_SSN>."));
            assert.ok(!upstreamTexts().includes(TEST_SSN));
        });

        it(`v${version}, real-model style: the stored request body is the evidence`, async () => {
            const { sim } = await setup({ version });
            const { result } = await runCheck(sim);
            assert.equal(result.status, "pass", result.message);
            assert.match(result.message, /the stored request body holds <US_SSN>, not the digits/);
        });
    }

    it("store_prompts_in_spend_logs off, no stub report: falls back to masked_entity_count", async () => {
        const { sim } = await setup({ guardrail: { name: GUARDRAIL, storePrompts: false } });
        const { result } = await runCheck(sim);
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /masked_entity_count US_SSN 1/);
    });

    it("a report URL of a stub this model does not use: falls back to the stored body and says so", async () => {
        const { sim } = await setup();
        const other = createStubUpstream();
        const otherUrl = await other.listen(0, "127.0.0.1");
        closers.push(() => other.close());
        const { result } = await runCheck(sim, { upstreamReportUrl: otherUrl });
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /the stub's report has no request with this prompt.*the stored request body holds <US_SSN>, not the digits/);
    });

    it("skips without --guardrail", async () => {
        const { sim } = await setup();
        const { result } = await runCheck(sim, { guardrail: undefined });
        assert.equal(result.status, "skip");
        assert.match(result.message, /--guardrail/);
    });
});

/** Runs the guardrail (header, metadata) but never masks: what `logging_only` looks like from the model's side. */
const headerOnly: SimExtension = {
    name: "header-only-guardrail",
    afterSuccess(_call, answer) {
        answer.headers["x-litellm-applied-guardrails"] = GUARDRAIL;
    },
};

/** row × the evidence path × what the message must say. */
const FAULTS: { name: string; fault?: SimFault; options?: LiteLLMSimOptions; report: boolean; got: RegExp; cause: RegExp }[] = [
    { name: "guardrailNotApplied", fault: "guardrailNotApplied", report: true, got: /x-litellm-applied-guardrails: \(absent\)/, cause: /did not run on an ordinary request: it is not default_on/ },
    { name: "guardrailNotApplied (no stub report)", fault: "guardrailNotApplied", report: false, got: /x-litellm-applied-guardrails: \(absent\)/, cause: /not default_on/ },
    { name: "rawSsnInLogs", fault: "rawSsnInLogs", report: true, got: /the SSN digits at proxy_server_request\.messages\[0\]\.content/, cause: /upstream got the masked prompt but the raw one is logged/ },
    { name: "rawSsnInLogs (no stub report)", fault: "rawSsnInLogs", report: false, got: /the SSN digits at proxy_server_request\.messages\[0\]\.content/, cause: /the raw prompt is logged: either it reached the model unmasked \(mode is not pre_call.*or the logged body is copied before masking/ },
    { name: "header set but nothing masked", options: { guardrail: undefined, extensions: [headerOnly] }, report: true, got: /the SSN digits reached the upstream \(upstream request 1\[0\]\.content\)/, cause: /does not mask before the model call: mode is not pre_call/ },
    { name: "no evidence at all (no report, no stored body, no guardrail metadata)", options: { guardrail: undefined, extensions: [headerOnly] }, report: false, got: /no stored body and no guardrail_information/, cause: /pass --upstream-report-url on dev, or turn on guardrails.storePromptsInSpendLogs/ },
];

describe("guardrail-pii fails on each guardrail fault, naming the cause", { concurrency: true }, () => {
    for (const version of VERSIONS) {
        for (const row of FAULTS) {
            it(`v${version}: ${row.name}`, async () => {
                const { sim, reportUrl } = await setup({ version, ...(row.fault ? { faults: { [row.fault]: true } } : {}), ...row.options });
                const { result, report } = await runCheck(sim, row.report ? { upstreamReportUrl: reportUrl } : {});
                assert.equal(result.status, "fail", result.message);
                assert.equal(report.ok, false);
                assert.match(result.message, /^expected .+; got .+; likely cause: .+/s);
                assert.match(result.message, row.got);
                assert.match(result.message, row.cause);
            });
        }
    }

    it("a BLOCK entity config (refused with 'Blocked entity detected') names the MASK/BLOCK setting", async () => {
        // The simulator answers a throwing hook with a 500 carrying the message, as LiteLLM v1.82 does here.
        const blocking: SimExtension = {
            name: "block-ssn",
            beforeDispatch() {
                throw new Error("Blocked entity detected: US_SSN by Guardrail: presidio-pii. This entity is not allowed to be used in this request.");
            },
        };
        const { sim } = await setup({ guardrail: undefined, extensions: [blocking] });
        const { result } = await runCheck(sim);
        assert.equal(result.status, "fail");
        assert.match(result.message, /US_SSN is set to BLOCK, not MASK/);
    });

    it("an error body quoting the raw prompt is scrubbed from the message", async () => {
        const echoing: SimExtension = {
            name: "echo-prompt-in-error",
            beforeDispatch(call) {
                throw new Error(`cannot process ${JSON.stringify(call.body.messages)}`);
            },
        };
        const { sim } = await setup({ guardrail: undefined, extensions: [echoing] });
        const { result } = await runCheck(sim); // runCheck asserts the SSN appears nowhere in the output
        assert.equal(result.status, "fail");
        assert.match(result.message, /HTTP 500.*my SSN is \[test SSN\]/);
    });

    it("a wrong --upstream-report-url fails with the flag named", async () => {
        const { sim } = await setup();
        const { result } = await runCheck(sim, { upstreamReportUrl: "http://127.0.0.1:9" });
        assert.equal(result.status, "fail");
        assert.match(result.message, /report endpoint is unreachable: check --upstream-report-url/);
    });
});
