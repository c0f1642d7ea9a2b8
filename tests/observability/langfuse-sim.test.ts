/**
 * The Langfuse simulator follows the reference (langfuse-presidio.md §0–2), so the check is proven
 * against the real contract: health without auth, Basic auth, v3 v1-traces shapes (latency in seconds),
 * v4 events_only (v1 404, v2 observations with cursors and field groups), ingestion delay, and each fault.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { basicAuth } from "../../verify/langfuse/client";
import { createLangfuseSim, ExportedGeneration, LangfuseSim, LangfuseSimOptions } from "../standins/langfuse-sim";

const sims: LangfuseSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

async function sim(options: LangfuseSimOptions = {}): Promise<LangfuseSim> {
    const s = createLangfuseSim({ ingestionDelayMs: 0, ...options });
    await s.listen();
    sims.push(s);
    return s;
}

function generation(overrides: Partial<ExportedGeneration> = {}): ExportedGeneration {
    const start = new Date(Date.now() - 1500);
    return {
        traceId: "6f1c1f1e-0d6b-4a57-9d55-1d1a2b3c4d5e",
        name: "litellm:team-a",
        model: "openai/stub-model",
        input: [{ role: "user", content: "hello" }],
        output: { role: "assistant", content: "echo: hello" },
        usage: { input: 7, output: 3, total: 10 },
        startTime: start,
        endTime: new Date(start.getTime() + 1250),
        metadata: { user_api_key_alias: "team-a", user_api_key_hash: "a".repeat(64), long: "x".repeat(300) },
        tags: ["t1", "t2"],
        ...overrides,
    };
}

async function get(s: LangfuseSim, path: string, auth = true): Promise<{ status: number; body: any }> {
    const res = await fetch(`${s.url}${path}`, { headers: auth ? { authorization: basicAuth(s.options.publicKey, s.options.secretKey) } : {}, signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.json() };
}

describe("Langfuse simulator: common contract", () => {
    it("health needs no auth and reports the version without a leading v", async () => {
        for (const major of [3, 4] as const) {
            const s = await sim({ major });
            const res = await get(s, "/api/public/health", false);
            assert.equal(res.status, 200);
            assert.deepEqual(res.body, { status: "OK", version: major === 4 ? "4.16.0" : "3.225.4" });
        }
    });

    it("project routes need Basic auth with the key pair", async () => {
        const s = await sim({ major: 3 });
        assert.equal((await get(s, "/api/public/traces", false)).status, 401);
        const wrong = await fetch(`${s.url}/api/public/traces`, { headers: { authorization: basicAuth(s.options.publicKey, "nope") } });
        assert.equal(wrong.status, 401);
        const bearer = await fetch(`${s.url}/api/public/traces`, { headers: { authorization: `Bearer ${s.options.publicKey}` } });
        assert.equal(bearer.status, 401, "bearer with the public key alone is not project auth");
    });

    it("an export becomes readable only after the ingestion delay", async () => {
        const s = await sim({ major: 3, ingestionDelayMs: 300 });
        s.ingest(generation());
        assert.equal((await get(s, "/api/public/traces")).body.data.length, 0);
        await new Promise((r) => setTimeout(r, 350));
        assert.equal((await get(s, "/api/public/traces")).body.data.length, 1);
    });
});

describe("Langfuse simulator: v3", () => {
    let s: LangfuseSim;
    before(async () => {
        s = await sim({ major: 3 });
        s.ingest(generation());
        s.ingest(generation({ traceId: "11111111-2222-4333-8444-555555555555", tags: ["t1"], startTime: new Date(Date.now() - 60_000), endTime: new Date(Date.now() - 59_000) }));
    });

    it("lists traces newest first with meta, observation ids only, latency in seconds", async () => {
        const { status, body } = await get(s, "/api/public/traces?orderBy=timestamp.desc");
        assert.equal(status, 200);
        assert.deepEqual(body.meta, { page: 1, limit: 50, totalItems: 2, totalPages: 1 });
        const [first] = body.data;
        assert.equal(first.id, "6f1c1f1e-0d6b-4a57-9d55-1d1a2b3c4d5e");
        assert.equal(first.latency, 1.25);
        assert.equal(typeof first.observations[0], "string");
        assert.match(first.htmlPath, /^\/project\/.+\/traces\/6f1c1f1e/);
    });

    it("tags match all of the given tags; fromTimestamp bounds the window; limit is 1..100", async () => {
        assert.equal((await get(s, "/api/public/traces?tags=t1")).body.data.length, 2);
        assert.equal((await get(s, "/api/public/traces?tags=t1&tags=t2")).body.data.length, 1);
        assert.equal((await get(s, "/api/public/traces?tags=t1,t2")).body.data.length, 1, "a comma list is split");
        const from = encodeURIComponent(new Date(Date.now() - 10_000).toISOString());
        assert.equal((await get(s, `/api/public/traces?fromTimestamp=${from}`)).body.data.length, 1);
        assert.equal((await get(s, "/api/public/traces?limit=101")).status, 400);
        assert.equal((await get(s, "/api/public/traces?fromTimestamp=yesterday")).status, 400);
    });

    it("a trace by id carries its full GENERATION observation", async () => {
        const { status, body } = await get(s, "/api/public/traces/6f1c1f1e-0d6b-4a57-9d55-1d1a2b3c4d5e");
        assert.equal(status, 200);
        const obs = body.observations[0];
        assert.equal(obs.type, "GENERATION");
        assert.equal(obs.model, "openai/stub-model");
        assert.deepEqual(obs.usage, { unit: "TOKENS", input: 7, output: 3, total: 10 });
        assert.deepEqual(obs.usageDetails, { input: 7, output: 3, total: 10 });
        assert.equal(obs.latency, 1.25);
        assert.equal(obs.metadata.user_api_key_alias, "team-a");
        assert.equal((await get(s, "/api/public/traces/nope")).status, 404);
    });

    it("has no v2 observations API", async () => {
        const res = await get(s, "/api/public/v2/observations");
        assert.equal(res.status, 404);
        assert.match(res.body.message, /v4 write mode/);
    });
});

describe("Langfuse simulator: v4 events_only", () => {
    let s: LangfuseSim;
    before(async () => {
        s = await sim({ major: 4 });
        for (let i = 0; i < 3; i++) s.ingest(generation({ traceId: `00000000-0000-4000-8000-00000000000${i}`, tags: [`tag-${i}`] }));
    });

    it("answers 404 on the v1 traces API", async () => {
        for (const path of ["/api/public/traces", "/api/public/traces/00000000-0000-4000-8000-000000000000"]) {
            const res = await get(s, path);
            assert.equal(res.status, 404, path);
            assert.match(res.body.message, /events_only/);
        }
    });

    it("returns only core and basic fields by default", async () => {
        const { body } = await get(s, "/api/public/v2/observations");
        const row = body.data[0];
        assert.equal(row.type, "GENERATION");
        assert.equal(row.name, "litellm:team-a");
        for (const absent of ["providedModelName", "usageDetails", "latency", "tags", "input", "metadata"]) assert.equal(row[absent], undefined, absent);
    });

    it("serves providedModelName, usageDetails, latency (seconds), trace tags, raw io, truncated metadata", async () => {
        const { body } = await get(s, "/api/public/v2/observations?fields=core,basic,io,metadata,model,usage,metrics,trace_context");
        const row = body.data[0];
        assert.equal(row.providedModelName, "openai/stub-model");
        assert.equal(row.model, undefined, "v2 names it providedModelName");
        assert.deepEqual(row.usageDetails, { input: 7, output: 3, total: 10 });
        assert.equal(row.latency, 1.25);
        assert.equal(typeof row.input, "string");
        assert.match(row.traceId, /^[0-9a-f]{32}$/, "OTel trace ids: 32 hex");
        assert.equal(row.metadata.long.length, 200, "metadata values are cut at 200 characters");
        const expanded = await get(s, "/api/public/v2/observations?fields=core,metadata&expandMetadata=long");
        assert.equal(expanded.body.data[0].metadata.long.length, 300);
    });

    it("pages with a cursor and no totals", async () => {
        const first = await get(s, "/api/public/v2/observations?limit=2");
        assert.equal(first.body.data.length, 2);
        assert.equal(typeof first.body.meta.cursor, "string");
        assert.equal(first.body.meta.totalItems, undefined);
        const second = await get(s, `/api/public/v2/observations?limit=2&cursor=${encodeURIComponent(first.body.meta.cursor)}`);
        assert.equal(second.body.data.length, 1);
        assert.equal(second.body.meta.cursor, undefined);
        assert.equal((await get(s, "/api/public/v2/observations?limit=1001")).status, 400);
    });

    it("filters by trace id, time, and a JSON tag filter that takes precedence", async () => {
        assert.equal((await get(s, "/api/public/v2/observations?traceId=00000000000040008000000000000001")).body.data.length, 1);
        const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
        assert.equal((await get(s, `/api/public/v2/observations?fromStartTime=${future}`)).body.data.length, 0);
        const filter = encodeURIComponent(JSON.stringify([{ type: "arrayOptions", column: "tags", operator: "any of", value: ["tag-2"] }]));
        assert.equal((await get(s, `/api/public/v2/observations?filter=${filter}&fromStartTime=${future}`)).body.data.length, 1, "filter wins over fromStartTime");
    });
});

describe("Langfuse simulator: faults", () => {
    it("tracesNeverAppear drops every export", async () => {
        const s = await sim({ major: 4, faults: { tracesNeverAppear: true } });
        s.ingest(generation());
        assert.equal(s.stored(), 0);
        assert.equal((await get(s, "/api/public/v2/observations")).body.data.length, 0);
    });

    it("traceLacksKeyIdentity strips the key from name and metadata", async () => {
        const s = await sim({ major: 3, faults: { traceLacksKeyIdentity: true } });
        s.ingest(generation());
        const obs = (await get(s, "/api/public/traces/6f1c1f1e-0d6b-4a57-9d55-1d1a2b3c4d5e")).body.observations[0];
        assert.equal(obs.name, "litellm-acompletion");
        assert.deepEqual(Object.keys(obs.metadata), ["long"]);
    });

    it("wrongApiVersion: health says 3.x while the v1 traces API is 404", async () => {
        for (const major of [3, 4] as const) {
            const s = await sim({ major, faults: { wrongApiVersion: true } });
            assert.match((await get(s, "/api/public/health", false)).body.version, /^3\./);
            assert.equal((await get(s, "/api/public/traces")).status, 404);
        }
    });
});
