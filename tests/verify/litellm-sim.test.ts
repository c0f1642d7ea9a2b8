/** The stand-in itself follows the LiteLLM contract the checks rely on (litellm.md §1–4, §8). */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { parseDurationSeconds } from "../standins/litellm-sim/keys";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { SIM_FALLBACK, SIM_PRIMARY, startSim } from "./fixtures";

let sim: LiteLLMSim;
let slow: LiteLLMSim;
before(async () => {
    sim = await startSim({ version: "1.84" });
    slow = await startSim({ batchIntervalMs: 60_000 });
});
after(async () => {
    await Promise.all([sim.close(), slow.close()]);
});

async function call(target: LiteLLMSim, method: string, path: string, body?: unknown, key: string | null = target.options.masterKey) {
    const res = await fetch(`${target.url}${path}`, {
        method,
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const chat = (model: string, extra = {}) => ({ model, messages: [{ role: "user", content: "hi there" }], max_tokens: 3, ...extra });

describe("LiteLLM simulator contract", () => {
    it("parses LiteLLM durations", () => {
        assert.equal(parseDurationSeconds("3s"), 3);
        assert.equal(parseDurationSeconds("1m"), 60);
        assert.equal(parseDurationSeconds("2h"), 7200);
        assert.equal(parseDurationSeconds("1mo"), 2592000);
        assert.equal(parseDurationSeconds("soon"), undefined);
    });

    it("serves liveliness and readiness like LiteLLM", async () => {
        assert.deepEqual((await call(sim, "GET", "/health/liveliness", undefined, null)).body, "I'm alive!");
        const ready = (await call(sim, "GET", "/health/readiness", undefined, null)).body;
        assert.equal(ready.status, "connected");
        assert.equal(ready.db, "connected");
        assert.equal(ready.litellm_version, "1.84.0");
        assert.equal(typeof ready.last_updated, "string");
    });

    it("generates keys with the documented fields and validates aliases and budgets", async () => {
        const r = await call(sim, "POST", "/key/generate", { key_alias: "sim-test-alias", duration: "30s", models: [SIM_PRIMARY], max_budget: 1 });
        assert.equal(r.status, 200);
        assert.match(r.body.key, /^sk-/);
        assert.equal(r.body.token, createHash("sha256").update(r.body.key).digest("hex"));
        assert.equal(r.body.key_name, `sk-...${r.body.key.slice(-4)}`);
        assert.equal(r.body.key_alias, "sim-test-alias");
        const ttl = new Date(r.body.expires).getTime() - Date.now();
        assert.ok(ttl > 25_000 && ttl <= 30_000, String(ttl));
        assert.equal((await call(sim, "POST", "/key/generate", { key_alias: "sim-test-alias" })).status, 400);
        assert.equal((await call(sim, "POST", "/key/generate", { key_alias: "-bad alias-" })).body.error.type, "bad_request_error");
        assert.equal((await call(sim, "POST", "/key/generate", { max_budget: -1 })).status, 400);
        const info = await call(sim, "GET", `/key/info?key=${r.body.token}`);
        assert.equal(info.body.info.key_alias, "sim-test-alias");
        assert.deepEqual((await call(sim, "POST", "/key/delete", { keys: [r.body.key] })).body, { deleted_keys: [r.body.key] });
        const again = await call(sim, "POST", "/key/delete", { key_aliases: ["sim-test-alias"] });
        assert.deepEqual([again.status, again.body], [404, { error: "No keys found" }]);
    });

    it("refuses with LiteLLM's error envelope and per-version statuses", async () => {
        const none = await call(sim, "POST", "/chat/completions", chat(SIM_PRIMARY), null);
        assert.deepEqual([none.status, none.body.error.type, none.body.error.code], [401, "auth_error", "401"]);
        const unknown = await call(sim, "POST", "/chat/completions", chat(SIM_PRIMARY), "sk-not-a-real-key-000");
        assert.deepEqual([unknown.status, unknown.body.error.type], [401, "token_not_found_in_db"]);
        const key = (await call(sim, "POST", "/key/generate", { models: [SIM_PRIMARY] })).body.key;
        const denied = await call(sim, "POST", "/chat/completions", chat(SIM_FALLBACK), key);
        assert.deepEqual([denied.status, denied.body.error.type, denied.body.error.param], [403, "key_model_access_denied", "model"]);
    });

    it("writes spend rows only at the batch flush, keyed by the response id and the key hash", async () => {
        const gen = (await call(slow, "POST", "/key/generate", { key_alias: "sim-spend", models: [SIM_PRIMARY] })).body;
        const res = await call(slow, "POST", "/chat/completions", chat(SIM_PRIMARY), gen.key);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("x-litellm-model-group"), SIM_PRIMARY);
        assert.equal(res.headers.get("x-litellm-attempted-fallbacks"), "0");
        assert.ok(Number(res.headers.get("x-litellm-response-cost")) > 0);
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual((await call(slow, "GET", `/spend/logs?api_key=${gen.key}`)).body, [], "not visible before the flush");
        assert.equal(slow.pendingSpendRows(), 1);
        slow.flushSpend();
        const [row] = (await call(slow, "GET", `/spend/logs?request_id=${res.body.id}`)).body;
        assert.equal(row.request_id, res.body.id);
        assert.equal(row.api_key, gen.token);
        assert.equal(row.model_group, SIM_PRIMARY);
        assert.equal(row.cache_hit, "False");
        assert.equal(row.metadata.user_api_key_alias, "sim-spend");
        assert.equal(row.prompt_tokens, res.body.usage.prompt_tokens);
        assert.ok(row.spend > 0);
        const keys = (await call(slow, "GET", "/global/spend/keys?limit=100")).body;
        assert.ok(keys.some((k: { api_key: string; key_alias: string }) => k.api_key === gen.token && k.key_alias === "sim-spend"));
        assert.ok((await call(slow, "GET", "/global/spend/models")).body.some((m: { model: string }) => m.model === row.model));
        assert.equal((await call(slow, "GET", `/key/info?key=${gen.key}`)).body.info.spend, row.spend);
    });

    it("falls back on mock_testing_fallbacks with the fallback headers, and keeps the provider model in the body", async () => {
        const res = await call(sim, "POST", "/chat/completions", chat(SIM_PRIMARY, { mock_testing_fallbacks: true }));
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("x-litellm-attempted-fallbacks"), "1");
        assert.equal(res.headers.get("x-litellm-model-group"), SIM_FALLBACK);
        assert.equal(res.body.model, "stub-model-b");
        assert.match(res.headers.get("x-litellm-call-id") ?? "", /^[0-9a-f-]{36}$/);
    });
});
