/**
 * The `cache` check through the real engine against the LiteLLM simulator: it passes on the faithful
 * exact-match cache under both LiteLLM contracts (and reports the saving), fails on every cache fault with
 * a message naming the cause, skips without --expect-cache, deletes its key and never prints a raw key.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { createStubUpstream, StubUpstream } from "../../stub/upstream";
import type { LiteLLMSim, LiteLLMSimOptions, SimExtension, SimFault, SimVersion } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, startSim } from "../verify/fixtures";

const closers: (() => Promise<void>)[] = [];
after(async () => {
    await Promise.all(closers.map((c) => c()));
});

async function sim(options: LiteLLMSimOptions): Promise<LiteLLMSim> {
    const s = await startSim(options);
    closers.push(() => s.close());
    return s;
}

async function runCache(s: LiteLLMSim, extra: Parameters<typeof fastOptions>[1] = {}) {
    const logs: string[] = [];
    const report = await runVerification(fastOptions(s, { only: ["cache"], expectCache: true, spendLogTimeoutMs: 2000, ...extra }), { log: (l) => logs.push(l) });
    const result = report.checks[0];
    assert.equal(result.id, "cache");
    assert.deepEqual(s.keys(), [], "the check's key is deleted");
    assertNoRawKeys(JSON.stringify(report) + logs.join("\n"), [s.options.masterKey]);
    return { report, result, logs };
}

const VERSIONS: SimVersion[] = ["1.82", "1.84"];

describe("cache check on the faithful simulator", { concurrency: true }, () => {
    for (const version of VERSIONS) {
        it(`v${version}: passes and states the tokens and cost the hit saved`, async () => {
            const s = await sim({ version, cache: true });
            const { result, report } = await runCache(s);
            assert.equal(result.status, "pass", result.message);
            // "Cache probe <marker>. Reply with OK." = 6 words + 3 overhead = 9 prompt tokens; max_tokens 5;
            // sim-primary costs $0.000001 in / $0.000002 out: 9e-6 + 10e-6 = $0.000019.
            assert.match(result.message, /\/cache\/ping: redis/);
            assert.match(result.message, /hit row cache_hit "True", spend 0/);
            assert.match(result.message, /the hit saved 9\+5 tokens and \$0\.000019/);
            // Only the miss is booked as run usage: the hit spent nothing.
            assert.deepEqual([report.usage.promptTokens, report.usage.completionTokens], [9, 5]);
            const rows = s.spendLogs();
            assert.equal(rows.length, 2);
            const hit = rows.find((r) => r.cache_hit === "True");
            assert.ok(hit && /_cache_hit\d+(\.\d+)?$/.test(hit.request_id) && hit.spend === 0);
        });
    }

    it("with the stub's report URL: also proves the upstream got the prompt only once", async () => {
        const stub: StubUpstream = createStubUpstream();
        const upstreamUrl = await stub.listen(0, "127.0.0.1");
        closers.push(() => stub.close());
        const s = await sim({ cache: true, upstreamUrl });
        const { result } = await runCache(s, { upstreamReportUrl: upstreamUrl.replace(/\/v1$/, "") });
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /the upstream received the prompt once/);
        assert.equal(stub.received.filter((r) => r.lastUserMessage.startsWith("Cache probe")).length, 1);
    });

    it("a report URL of a stub this model does not use: passes on the spend log and says the stub saw nothing", async () => {
        const other = createStubUpstream();
        const otherUrl = await other.listen(0, "127.0.0.1");
        closers.push(() => other.close());
        const s = await sim({ cache: true });
        const { result } = await runCache(s, { upstreamReportUrl: otherUrl });
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /the stub's report has no request with this prompt \(the model is not served by the stub\)/);
    });

    it("skips without --expect-cache, and on a gateway without a cache", async () => {
        const s = await sim({});
        const { result } = await runCache(s, { expectCache: false });
        assert.equal(result.status, "skip");
        assert.match(result.message, /--expect-cache/);
    });
});

/** fault × what the message must say was found × the cause it must name. */
const FAULTS: { fault: SimFault; got: RegExp; cause: RegExp }[] = [
    { fault: "noCache", got: /HTTP 503.*Cache not initialized/, cause: /caching is not enabled: litellm_settings.cache is not true/ },
    { fault: "cacheLocal", got: /cache_type "local"/, cause: /fell back to its in-memory cache.*#26233/ },
    { fault: "cacheNeverHits", got: /x-litellm-cache-key: \(absent\)/, cause: /responses are not served from the cache: cache_params.mode is default_off/ },
    { fault: "hitsStillCharged", got: /hit row spend 0\.0000\d+ \(want 0\); key spend grew by \$0\.000038 .*the hit added \$0\.000019/, cause: /cache hits are still billed/ },
];

describe("cache check fails on each cache fault, naming the cause", { concurrency: true }, () => {
    for (const version of VERSIONS) {
        for (const row of FAULTS) {
            it(`v${version}: ${row.fault}`, async () => {
                const s = await sim({ version, cache: true, faults: { [row.fault]: true } });
                const { result, report } = await runCache(s);
                assert.equal(result.status, "fail", result.message);
                assert.equal(report.ok, false);
                assert.match(result.message, /^expected .+; got .+; likely cause: .+/s);
                assert.match(result.message, row.got);
                assert.match(result.message, row.cause);
            });
        }
    }

    it("a hit header on an answer the upstream produced anyway fails on the stub's count", async () => {
        const seen = new Set<string>();
        const lyingHeader: SimExtension = {
            name: "cache-key-header-on-repeats",
            afterSuccess(call, answer) {
                const prompt = JSON.stringify(call.body.messages);
                if (seen.has(prompt)) answer.headers["x-litellm-cache-key"] = "f".repeat(64);
                seen.add(prompt);
            },
        };
        // Redis answers the ping, nothing is served from it, yet repeats carry the header.
        const s = await sim({ cache: true, faults: { cacheNeverHits: true }, extensions: [lyingHeader] });
        const { result } = await runCache(s, { upstreamReportUrl: s.upstream?.url });
        assert.equal(result.status, "fail");
        assert.match(result.message, /got 2 upstream requests with the prompt; likely cause: the hit header is set but the upstream was called anyway/);
    });

    it("hitsStillCharged: the response-cost header is the same as on a free hit, so only the spend delta catches it", async () => {
        const s = await sim({ cache: true, faults: { hitsStillCharged: true } });
        const key = "sk-header-probe-key-0001";
        const auth = { Authorization: `Bearer ${s.options.masterKey}`, "content-type": "application/json" };
        await fetch(`${s.url}/key/generate`, { method: "POST", headers: auth, body: JSON.stringify({ key }) });
        const body = JSON.stringify({ model: "sim-primary", messages: [{ role: "user", content: "same prompt" }], max_tokens: 3, temperature: 0 });
        const call = () => fetch(`${s.url}/chat/completions`, { method: "POST", headers: { Authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
        const miss = await call();
        const hit = await call();
        assert.ok(hit.headers.get("x-litellm-cache-key"));
        assert.equal(hit.headers.get("x-litellm-response-cost"), miss.headers.get("x-litellm-response-cost"));
    });

    it("an unpriced model fails: a free hit cannot be told apart from a free miss", async () => {
        const s = await sim({ cache: true, models: [{ modelName: "sim-primary", upstreamModel: "stub-model", inputCostPerToken: 0, outputCostPerToken: 0 }] });
        const { result } = await runCache(s);
        assert.equal(result.status, "fail");
        assert.match(result.message, /unpriced.*input_cost_per_token/);
    });
});
