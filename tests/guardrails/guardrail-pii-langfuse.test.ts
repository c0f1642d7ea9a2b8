/**
 * The Langfuse leg of `guardrail-pii`: with a Langfuse target, the SSN request's trace is audited too. It
 * passes when the exported input is masked, and fails when only the logging path sees the raw prompt
 * (masked upstream and in the spend log, raw in Langfuse: BerriAI/litellm#35951).
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { MASKED_SSN, TEST_SSN } from "../../verify/pii";
import type { ChatCall, SimExtension } from "../standins/litellm-sim";
import { createLangfuseSim, langfuseExporter } from "../standins/langfuse-sim";
import { assertNoRawKeys, fastOptions, startSim } from "../verify/fixtures";

const closers: (() => Promise<void>)[] = [];
after(async () => {
    await Promise.all(closers.map((c) => c()));
});

/** Around the exporter: hands it the unmasked prompt, then puts the masked one back for the spend log. */
function leakOnlyToLangfuse(): SimExtension[] {
    const masked = new WeakMap<ChatCall, unknown>();
    const unmask = (v: unknown): unknown => JSON.parse(JSON.stringify(v).split(MASKED_SSN).join(TEST_SSN));
    return [
        {
            name: "unmask-for-logging",
            afterSuccess(call) {
                masked.set(call, call.body.messages);
                call.body.messages = unmask(call.body.messages);
            },
        },
        // The exporter is inserted here by `setup`.
        {
            name: "remask-after-logging",
            afterSuccess(call) {
                if (masked.has(call)) call.body.messages = masked.get(call);
            },
        },
    ];
}

async function setup(leak: boolean) {
    const langfuse = createLangfuseSim({ major: 4, ingestionDelayMs: 100 });
    await langfuse.listen();
    const [before, afterExport] = leakOnlyToLangfuse();
    const exporter = langfuseExporter(langfuse);
    const gateway = await startSim({ guardrail: "presidio-pii", extensions: leak ? [before, exporter, afterExport] : [exporter] });
    closers.push(() => langfuse.close(), () => gateway.close());
    const logs: string[] = [];
    const report = await runVerification(
        fastOptions(gateway, {
            only: ["guardrail-pii"],
            guardrail: "presidio-pii",
            spendLogTimeoutMs: 2000,
            langfuse: { url: langfuse.url, publicKey: langfuse.options.publicKey, secretKey: langfuse.options.secretKey },
            extras: { langfuseTimeoutMs: 4000 },
        }),
        { log: (l) => logs.push(l) },
    );
    const out = JSON.stringify(report) + logs.join("\n");
    assertNoRawKeys(out, [gateway.options.masterKey, langfuse.options.secretKey]);
    assert.ok(!out.includes(TEST_SSN), "the report never prints the SSN");
    assert.deepEqual(gateway.keys(), []);
    return report.checks[0];
}

describe("guardrail-pii with Langfuse", { concurrency: true }, () => {
    it("passes when the trace input holds <US_SSN>", async () => {
        const result = await setup(false);
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /Langfuse trace [0-9a-f-]+ input holds <US_SSN>/);
    });

    it("fails when only the logging path sees the raw prompt, naming the Langfuse trace", async () => {
        const result = await setup(true);
        assert.equal(result.status, "fail", result.message);
        assert.match(result.message, /got the SSN digits at input\[0\]\.content of trace/);
        assert.match(result.message, /raw prompt reaches the logging callbacks/);
    });
});
