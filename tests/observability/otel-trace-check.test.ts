/**
 * The `otel-trace` check through the real engine, against the LiteLLM simulator exporting spans shaped like
 * real LiteLLM's `otel` callback to a stand-in of the receiver's query API: it passes on a faithful export,
 * names the cause of each fault (no callback, wrong endpoint, wrong path, a leaked SSN, a logged prompt,
 * no key identity) and skips without a receiver. The real receiver and real LiteLLM: tests/integration.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { otelTraceCheck } from "../../verify/checks/otel-trace";
import { runVerification } from "../../verify/engine";
import { createOtelReceiverSim, OtelExportFaults, otelExporter } from "../standins/otel-sim";
import { assertNoRawKeys, fastOptions, startSim } from "../verify/fixtures";
import { maskSsnExtension as maskSsn } from "../standins/mask-ssn";

const closers: (() => Promise<void>)[] = [];
after(async () => {
    await Promise.all(closers.map((c) => c()));
});


async function run(faults: OtelExportFaults, extra: { guardrail?: string; promptsLogged?: boolean; receiver?: boolean } = {}) {
    const receiver = createOtelReceiverSim();
    await receiver.listen();
    const gateway = await startSim({ version: "1.104", extensions: [otelExporter(receiver, faults), maskSsn] });
    closers.push(() => receiver.close(), () => gateway.close());
    const report = await runVerification(
        fastOptions(gateway, {
            only: ["otel-trace"],
            guardrail: extra.guardrail,
            otel: extra.receiver === false ? undefined : { queryUrl: receiver.url, promptsLogged: extra.promptsLogged },
            extras: { otelTimeoutMs: 1500 },
        }),
        { checks: [otelTraceCheck] },
    );
    const result = report.checks[0];
    assertNoRawKeys(JSON.stringify(report), [gateway.options.masterKey]);
    assert.deepEqual(gateway.keys(), [], "the run's key is deleted");
    return result;
}

describe("otel-trace", { concurrency: true }, () => {
    it("passes on a faithful export: model group, tokens, latency, key alias and tags, SSN masked", async () => {
        const r = await run({}, { guardrail: "presidio-pii" });
        assert.equal(r.status, "pass", r.message);
        assert.match(r.message, /span "litellm_request" .*group "sim-primary".*key alias "vr.*-otel-trace-1" \(user_api_key_alias\), 2 key tags, SSN masked/);
    });

    it("skips without a receiver", async () => {
        const r = await run({}, { receiver: false });
        assert.equal(r.status, "skip");
        assert.match(r.message, /--otel-query-url/);
    });

    const causes: [string, OtelExportFaults, RegExp, { guardrail?: string; promptsLogged?: boolean }?][] = [
        ["no callback", { noCallback: true }, /likely cause: no callback: the gateway runs no OpenTelemetry logger/],
        ["wrong endpoint", { wrongEndpoint: true }, /likely cause: wrong endpoint: the OpenTelemetry callback is on but nothing reached this receiver/],
        ["wrong path", { wrongPath: true }, /likely cause: exports reach the receiver but are refused \(POST \/wrong\/v1\/traces → 404/],
        ["masked prompt leaking", { leakRawPrompt: true }, /the raw SSN the guardrail masks in gen_ai\.input\.messages.*likely cause: masked prompt leaking/, { guardrail: "presidio-pii" }],
        ["prompt logged though it must not be", {}, /the prompt \(prompts are not to be logged\) in gen_ai\.input\.messages.*likely cause: prompts are exported/, { promptsLogged: false }],
        ["no key identity", { noKeyIdentity: true }, /key identity: want user_api_key_alias .*likely cause: key metadata is not exported/],
    ];
    for (const [name, faults, cause, extra] of causes) {
        it(`fails with the cause named: ${name}`, async () => {
            const r = await run(faults, extra);
            assert.equal(r.status, "fail", r.message);
            assert.match(r.message, cause);
            assert.doesNotMatch(r.message, /219-09-9999/, "the report never repeats the SSN");
        });
    }

    it("passes with prompts off when the exporter logs none", async () => {
        const r = await run({ noPrompts: true }, { promptsLogged: false });
        assert.equal(r.status, "pass", r.message);
        assert.match(r.message, /no prompt$/);
    });
});
