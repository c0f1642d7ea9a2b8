/**
 * The parity scenario: a fixed series of requests, sent the same way to any LiteLLM-API target, and what
 * came back in the terms the checks read: status, `error.type`, the `x-litellm-*` headers the checks use,
 * and the spend-log row of each successful request. Markers make every prompt unique to this run.
 */
import { randomBytes } from "node:crypto";
import { hashKey } from "../../../verify/keys";
import { pollUntil, sleep } from "../../../verify/poll";

export interface Target {
    url: string;
    masterKey: string;
}

export interface Models {
    primary: string;
    fallback: string;
    /** The verification-only fallback probe the config renders, when it does. */
    probe?: string;
}

/** Headers some check reads. */
export const READ_HEADERS = ["x-litellm-cache-key", "x-litellm-response-cost", "x-litellm-attempted-fallbacks", "x-litellm-model-group", "x-litellm-applied-guardrails"] as const;

export interface Observation {
    step: string;
    status: number;
    errorType?: string;
    headers: Record<string, string | undefined>;
    /** The response body `id` of a success (the spend row's request_id). */
    id?: string;
    /** Which key sent it (hash), to find its row. */
    keyHash?: string;
    row?: Record<string, unknown>;
}

const marker = () => randomBytes(6).toString("hex");

async function call(target: Target, path: string, body: unknown, key: string | undefined): Promise<{ status: number; data: unknown; headers: Headers }> {
    const res = await fetch(`${target.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let data: unknown = text;
    try {
        data = JSON.parse(text);
    } catch {
        // not JSON
    }
    return { status: res.status, data, headers: res.headers };
}

function observe(step: string, r: { status: number; data: unknown; headers: Headers }, keyHash?: string): Observation {
    const err = (r.data as { error?: { type?: unknown } } | undefined)?.error;
    const id = (r.data as { id?: unknown } | undefined)?.id;
    return {
        step,
        status: r.status,
        errorType: err && typeof err === "object" && typeof err.type === "string" ? err.type : undefined,
        headers: Object.fromEntries(READ_HEADERS.map((h) => [h, r.headers.get(h) ?? undefined])),
        id: r.status === 200 && typeof id === "string" ? id : undefined,
        keyHash,
    };
}

async function newKey(target: Target, body: Record<string, unknown>): Promise<string> {
    const r = await call(target, "/key/generate", body, target.masterKey);
    const key = (r.data as { key?: unknown }).key;
    if (r.status !== 200 || typeof key !== "string") throw new Error(`parity: /key/generate → ${r.status} ${JSON.stringify(r.data).slice(0, 200)}`);
    return key;
}

const chat = (model: string, content: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: "user", content }], max_tokens: 5, ...extra });

/** Runs the scenario; returns the observations (rows not yet attached) and the keys to read rows of and delete. */
export async function runScenario(target: Target, models: Models): Promise<{ observations: Observation[]; keys: string[] }> {
    const o: Observation[] = [];
    const m = marker();
    o.push(observe("no key", await call(target, "/chat/completions", chat(models.primary, `Parity ${m} anonymous.`), undefined)));
    o.push(observe("unknown key", await call(target, "/chat/completions", chat(models.primary, `Parity ${m} unknown.`), `sk-parity${randomBytes(16).toString("hex")}`)));
    o.push(observe("public readiness", await call(target, "/health/readiness", undefined, undefined)));
    o.push(observe("readiness details (admin)", await call(target, "/health/readiness/details", undefined, target.masterKey)));
    o.push(observe("fallback chain of the primary (admin)", await call(target, `/fallback/${encodeURIComponent(models.primary)}`, undefined, target.masterKey)));

    const scoped = await newKey(target, { models: [models.primary], duration: "10m" });
    const both = await newKey(target, { models: [models.primary, models.fallback], duration: "10m" });
    const tiny = await newKey(target, { models: [models.primary], max_budget: 0.0000001, duration: "10m" });
    const send = async (step: string, key: string, body: unknown) => o.push(observe(step, await call(target, "/chat/completions", body, key), hashKey(key)));

    await send("completion", scoped, chat(models.primary, `Parity ${m} completion. Reply with OK.`));
    await send("model outside the key's allowlist", scoped, chat(models.fallback, `Parity ${m} allowlist.`));
    const cached = chat(models.primary, `Parity ${m} cache probe.`, { temperature: 0 });
    await send("cache miss", scoped, cached);
    await send("cache hit", scoped, cached);
    await send("forced fallback", both, chat(models.primary, `Parity ${m} fallback.`, { mock_testing_fallbacks: true }));
    const keys = [scoped, both, tiny];
    if (models.probe) {
        const probing = await newKey(target, { models: [models.probe, models.fallback], duration: "10m" });
        keys.push(probing);
        await send("fallback through the probe", probing, chat(models.probe, `Parity ${m} probe.`));
    }
    await send("guardrail (SSN in the prompt)", scoped, chat(models.primary, `Parity ${m}: my SSN is 219-09-9999. Reply with OK.`));
    await send("budget: first call", tiny, chat(models.primary, `Parity ${m} budget one.`));
    await sleep(500);
    await send("budget: second call", tiny, chat(models.primary, `Parity ${m} budget two.`));
    return { observations: o, keys };
}

/** Polls the spend rows of the scenario's keys until every success has one (or the deadline), and attaches them. */
export async function attachRows(target: Target, observations: Observation[], timeoutMs: number): Promise<void> {
    const wanted = observations.filter((x) => x.id !== undefined && x.keyHash !== undefined);
    const everySecond = { initialDelayMs: 1000, factor: 1, maxDelayMs: 1000 };
    await pollUntil(async () => {
        const byKey = new Map<string, Record<string, unknown>[]>();
        for (const k of new Set(wanted.map((x) => x.keyHash as string))) {
            const r = await call(target, `/spend/logs?api_key=${k}`, undefined, target.masterKey);
            byKey.set(k, Array.isArray(r.data) ? (r.data as Record<string, unknown>[]) : []);
        }
        let missing = 0;
        for (const x of wanted) {
            const rows = byKey.get(x.keyHash as string) ?? [];
            const isHit = x.headers["x-litellm-cache-key"] !== undefined;
            x.row = rows.find((r) => (isHit ? String(r.request_id).startsWith(`${x.id}_cache_hit`) : r.request_id === x.id));
            if (!x.row) missing++;
        }
        return missing === 0 ? { done: true, value: undefined } : { done: false, reason: `${missing} spend row(s) missing` };
    }, { deadline: Date.now() + timeoutMs, ...everySecond });
}

export async function deleteKeys(target: Target, keys: string[]): Promise<number> {
    const r = await call(target, "/key/delete", { keys }, target.masterKey);
    return r.status;
}
