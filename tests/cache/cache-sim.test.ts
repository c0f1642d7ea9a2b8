/**
 * The simulator's exact-match cache follows litellm.md §5: a miss has no `x-litellm-cache-key` and calls
 * the upstream; an identical call is a hit (header, the miss's cost header but $0 recorded, no upstream call, no key spend, row
 * `cache_hit: "True"`, `spend: 0`, `<id>_cache_hit<ts>`); a different parameter is a different entry;
 * `no-cache` bypasses it; without the cache rows say "Cache OFF".
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { LiteLLMSim, LiteLLMSimOptions } from "../standins/litellm-sim";
import { startSim } from "../verify/fixtures";

const sims: LiteLLMSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

async function sim(options: LiteLLMSimOptions): Promise<LiteLLMSim> {
    const s = await startSim(options);
    sims.push(s);
    return s;
}

const KEY = "sk-cache-sim-key-0001";

async function withKey(s: LiteLLMSim): Promise<void> {
    const res = await fetch(`${s.url}/key/generate`, { method: "POST", headers: { Authorization: `Bearer ${s.options.masterKey}`, "content-type": "application/json" }, body: JSON.stringify({ key: KEY }) });
    assert.equal(res.status, 200);
}

async function chat(s: LiteLLMSim, content: string, extra: Record<string, unknown> = {}) {
    const res = await fetch(`${s.url}/chat/completions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "sim-primary", messages: [{ role: "user", content }], max_tokens: 5, temperature: 0, ...extra }),
    });
    return { res, body: (await res.json()) as { id: string; usage: { prompt_tokens: number } } };
}

const upstreamCalls = (s: LiteLLMSim) => s.upstream?.received.length ?? 0;
const settle = () => new Promise((r) => setTimeout(r, 80));

describe("simulated exact-match cache", { concurrency: true }, () => {
    it("miss, then hit: header, zero cost, no upstream call, no key spend, hit row", async () => {
        const s = await sim({ cache: true });
        await withKey(s);
        const miss = await chat(s, "hello cache");
        assert.equal(miss.res.headers.get("x-litellm-cache-key"), null);
        await settle();
        const spendAfterMiss = s.findKey(KEY)?.spend ?? -1;
        assert.ok(spendAfterMiss > 0);
        const callsBefore = upstreamCalls(s);
        const hit = await chat(s, "hello cache");
        assert.match(hit.res.headers.get("x-litellm-cache-key") ?? "", /^litellm\.caching:[0-9a-f]{64}$/);
        // As real LiteLLM 1.83.10: the hit repeats the miss's cost header, although it is recorded at $0.
        assert.equal(hit.res.headers.get("x-litellm-response-cost"), miss.res.headers.get("x-litellm-response-cost"));
        assert.equal(upstreamCalls(s), callsBefore, "a hit does not call the upstream");
        assert.equal(hit.body.id, miss.body.id, "the cached response is returned as stored");
        await settle();
        assert.equal(s.findKey(KEY)?.spend, spendAfterMiss, "a hit adds no key spend");
        s.flushSpend();
        const rows = s.spendLogs();
        const missRow = rows.find((r) => r.request_id === miss.body.id);
        const hitRow = rows.find((r) => r.request_id.startsWith(`${hit.body.id}_cache_hit`));
        assert.equal(missRow?.cache_hit, "False");
        assert.equal(missRow?.cache_key, hit.res.headers.get("x-litellm-cache-key"));
        assert.equal(hitRow?.cache_hit, "True");
        assert.equal(hitRow?.spend, 0);
        assert.equal(hitRow?.cache_key, hit.res.headers.get("x-litellm-cache-key"));
        assert.equal(hitRow?.prompt_tokens, missRow?.prompt_tokens);
    });

    it("keys on the parameters that change the answer; no-cache bypasses the entry", async () => {
        const s = await sim({ cache: true });
        await withKey(s);
        await chat(s, "keyed prompt");
        assert.equal((await chat(s, "keyed prompt", { temperature: 0.5 })).res.headers.get("x-litellm-cache-key"), null);
        assert.equal((await chat(s, "keyed prompt", { max_tokens: 4 })).res.headers.get("x-litellm-cache-key"), null);
        assert.equal((await chat(s, "keyed prompt", { cache: { "no-cache": true } })).res.headers.get("x-litellm-cache-key"), null);
        assert.ok((await chat(s, "keyed prompt")).res.headers.get("x-litellm-cache-key"));
    });

    it("/cache/ping needs a key and reports redis; readiness names the cache", async () => {
        const s = await sim({ cache: true });
        assert.equal((await fetch(`${s.url}/cache/ping`)).status, 401);
        const ping = await fetch(`${s.url}/cache/ping`, { headers: { Authorization: `Bearer ${s.options.masterKey}` } });
        assert.deepEqual([ping.status, ((await ping.json()) as { cache_type: string }).cache_type], [200, "redis"]);
        const ready = (await (await fetch(`${s.url}/health/readiness`)).json()) as { cache: unknown };
        assert.equal(ready.cache, "redis");
    });

    it("without a cache: no hits, rows say Cache OFF", async () => {
        const s = await sim({});
        await withKey(s);
        await chat(s, "uncached");
        const again = await chat(s, "uncached");
        assert.equal(again.res.headers.get("x-litellm-cache-key"), null);
        await settle();
        s.flushSpend();
        assert.deepEqual(s.spendLogs().map((r) => [r.cache_hit, r.cache_key]), [["False", "Cache OFF"], ["False", "Cache OFF"]]);
    });
});
