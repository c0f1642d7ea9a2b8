/**
 * The `security` check on the simulator: a gateway reporting an affected release fails, naming each advisory
 * and its first fixed release; accepted advisories pass "with exception", shown in the table and the JSON
 * report; an acceptance that does not hold (expired, too far ahead, no reason, partial list) fails again.
 * The same through each door: the engine, the CLI flag, the dev provider's bundled engine, the oke Job's argv.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verificationEngineBundle } from "../../components/verification/engine-bundle";
import { verificationCliArgs } from "../../components/verification/job";
import { createVerificationProvider } from "../../components/verification/provider";
import { advisoriesAffecting, type AcceptedAdvisory } from "../../verify/advisories";
import { parseCliArgs } from "../../verify/cli-args";
import { runVerification } from "../../verify/engine";
import { formatReportTable } from "../../verify/report-table";
import type { CheckResult, VerifyOptions } from "../../verify/types";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { daysFromNow, fastOptions, inputsFor, startSim } from "./fixtures";

/** Every advisory LiteLLM 1.83.10 (the "1.83" contract) is affected by, and its first fixed release. */
const AFFECTING_18310 = advisoriesAffecting([1, 83, 10]);
const accept = (hits = AFFECTING_18310, expires = daysFromNow(30)): AcceptedAdvisory[] =>
    hits.map((h) => ({ id: h.advisory.id.split(" / ").at(-1) as string, reason: "upgrade booked for next sprint", expires }));

let affected: LiteLLMSim;
let current: LiteLLMSim;
let engineCode = "";
before(async () => {
    // Bundling blocks the event loop for a while: done before any check runs against the in-process simulators.
    engineCode = verificationEngineBundle().packed;
    affected = await startSim({ version: "1.83" });
    current = await startSim({ version: "1.104" });
});
after(async () => {
    await Promise.all([affected.close(), current.close()]);
});

async function security(sim: LiteLLMSim, extra: Partial<VerifyOptions>): Promise<CheckResult> {
    const report = await runVerification(fastOptions(sim, { only: ["security"], ...extra }));
    assert.equal(report.checks.length, 1);
    return report.checks[0];
}

describe("security: the running release against the advisory table", { concurrency: true }, () => {
    it("the table has what this test relies on: 1.83.10 is affected by several advisories, fixed in several releases", () => {
        assert.ok(AFFECTING_18310.length >= 5, String(AFFECTING_18310.length));
        assert.ok(new Set(AFFECTING_18310.map((h) => h.fixedIn.join("."))).size >= 3);
    });

    it("fails on a gateway reporting an affected release, naming every advisory id and its first fixed release", async () => {
        const r = await security(affected, { acceptedAdvisories: [] });
        assert.equal(r.status, "fail");
        assert.match(r.message, /^expected LiteLLM clear of every known advisory \(1\.104\.0 or newer\), or each advisory it is affected by accepted; got LiteLLM 1\.83\.10, affected by .+; likely cause: the gateway runs an affected release/);
        for (const hit of AFFECTING_18310) assert.ok(r.message.includes(`${hit.advisory.id} (${hit.advisory.summary}; fixed in ${hit.fixedIn.join(".")})`), hit.advisory.id);
        assert.equal(r.exceptions, undefined);
    });

    it("passes with exception when every advisory is accepted: the status stays pass, each exception is in the report and the table", async () => {
        const accepted = accept();
        const report = await runVerification(fastOptions(affected, { only: ["health", "security"], acceptedAdvisories: accepted }));
        assert.equal(report.ok, true);
        const r = report.checks.find((c) => c.id === "security") as CheckResult;
        assert.equal(r.status, "pass");
        assert.match(r.message, new RegExp(`^LiteLLM 1\\.83\\.10: passed with ${AFFECTING_18310.length} accepted exception\\(s\\): `));
        assert.deepEqual(
            r.exceptions,
            AFFECTING_18310.map((h) => ({ id: h.advisory.id, reason: "upgrade booked for next sprint", expires: accepted[0].expires, fixedIn: h.fixedIn.join(".") })),
        );
        // JSON: the exceptions ride on the row; rows without any carry no `exceptions` key at all.
        const json = JSON.parse(JSON.stringify(report));
        assert.equal("exceptions" in json.checks.find((c: CheckResult) => c.id === "health"), false);
        const table = formatReportTable(report);
        assert.match(table, /^security\s+PASS\*\s/m);
        assert.match(table, /^health\s+PASS\s/m);
        assert.match(table, new RegExp(`^\\* security: passed with accepted exception CVE-2026-49468 / GHSA-4xpc-pv4p-pm3w until ${accepted[0].expires} \\(fixed in 1\\.84\\.0\\): "upgrade booked for next sprint"$`, "m"));
        assert.match(table, /OK: 2 passed \(1 with accepted exceptions\), 0 failed, 0 skipped/);
    });

    it("a partial list fails, naming only the advisories left out", async () => {
        const [left, ...listed] = AFFECTING_18310;
        const r = await security(affected, { acceptedAdvisories: accept(listed) });
        assert.equal(r.status, "fail");
        const got = r.message.slice(r.message.indexOf("; got "), r.message.indexOf("; likely cause"));
        assert.ok(got.includes(left.advisory.id), got);
        for (const hit of listed) assert.ok(!got.includes(hit.advisory.id), `${hit.advisory.id} is accepted, yet named: ${got}`);
    });

    it("an expired acceptance fails again, naming its date; one too far ahead or without a reason fails too", async () => {
        const yesterday = daysFromNow(-1);
        const expired = await security(affected, { acceptedAdvisories: accept(AFFECTING_18310, yesterday) });
        assert.equal(expired.status, "fail");
        assert.ok(expired.message.includes(`it expired on ${yesterday}`), expired.message);
        const far = await security(affected, { acceptedAdvisories: accept(AFFECTING_18310, daysFromNow(91)) });
        assert.match(far.message, /is more than 90 days ahead \(at most \d{4}-\d{2}-\d{2}\)/);
        const silent = await security(affected, { acceptedAdvisories: accept().map((e) => ({ ...e, reason: " " })) });
        assert.match(silent.message, /it gives no reason/);
    });

    it("passes on a current release, without exceptions", async () => {
        const r = await security(current, {});
        assert.equal(r.status, "pass");
        assert.match(r.message, /^LiteLLM 1\.108\.7: clear of every known advisory \(\d+ in the table\)$/);
        assert.equal(r.exceptions, undefined);
    });

    it("fails when the release cannot be read (the details need the master key)", async () => {
        const r = await security(current, { masterKey: "sk-not-the-master-key-000000" });
        assert.equal(r.status, "fail");
        assert.match(r.message, /got unknown: \/health\/readiness\/details answered HTTP 401.*cannot be checked against the advisory table/);
    });

    it("the dev provider's bundled engine: enforce fails the update naming the advisories; accepted, the outputs carry the exceptions and the list", async () => {
        const provider = createVerificationProvider(engineCode);
        await assert.rejects(provider.create(inputsFor(affected, { only: ["security"], acceptedAdvisories: [] })), /- security: expected .*CVE-2026-49468 \/ GHSA-4xpc-pv4p-pm3w \(auth bypass.*fixed in 1\.84\.0\)/s);
        const accepted = accept();
        const { outs } = await provider.create(inputsFor(affected, { only: ["security"], acceptedAdvisories: accepted }));
        assert.equal(outs!.report.ok, true);
        assert.equal(outs!.report.checks[0].exceptions?.length, AFFECTING_18310.length);
        assert.deepEqual(outs!.acceptedAdvisories, accepted, "the list is published with the other inputs");
    });

    it("the oke Job's argv carries the list, and the CLI reads it back as the engine option", async () => {
        const accepted = accept();
        const argv = verificationCliArgs({ model: "chat", runId: "vrtest", spendLogTimeoutSeconds: 60, acceptedAdvisories: accepted });
        assert.deepEqual(parseCliArgs(argv, {}).options.acceptedAdvisories, accepted);
        assert.equal(verificationCliArgs({ model: "chat", runId: "vrtest", spendLogTimeoutSeconds: 60, acceptedAdvisories: [] }).includes("--accepted-advisories"), false);
        assert.throws(() => parseCliArgs(["--accepted-advisories", "{}"], {}), /--accepted-advisories needs a JSON list/);
        await assert.rejects(runVerification({ gatewayUrl: "http://127.0.0.1:9", masterKey: "sk-x", acceptedAdvisories: [{}] as never }), /accepted advisories must be a JSON list/);
    });
});
