/**
 * Finding the generation of one request in Langfuse, under a deadline. Ingestion is asynchronous (the
 * gateway batches exports, Langfuse queues them), so each attempt reads, and `pollUntil` backs off between
 * attempts. One attempt narrows first (tag, then trace id) and then scans the time window, because whether
 * LiteLLM's OTel export carries the tag or the trace id onto the generation is not guaranteed: the prompt's
 * marker is.
 */
import { pollUntil, PollResult, PollStep } from "../poll";
import type { LangfuseReader, LangfuseResponse } from "./client";
import { matchesRequest, RequestCorrelation } from "./assertions";
import { generationFromV2Observation, generationsFromV1Trace, TracedGeneration } from "./generation";
import { observationsV2Query, traceIdForms, tracesV1Query } from "./queries";
import type { ReadApi } from "./version";

/** A read answer that waiting cannot fix (bad keys, an API the server does not have). */
export class LangfuseReadRefused extends Error {
    constructor(readonly status: number, readonly endpoint: string, readonly body: string) {
        super(`${endpoint} → HTTP ${status}${body ? ` ${body}` : ""}`);
        this.name = "LangfuseReadRefused";
    }
}

/** Pages of the time window scanned per attempt: enough for a test gateway, bounded for a busy one. */
const SCAN_PAGES = 3;

function bodyText(data: unknown): string {
    const text = typeof data === "string" ? data : JSON.stringify(data ?? "");
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** 2xx: the data. 401/403/404/400: refused for good. Other statuses (5xx, 429): undefined, try again. */
function readable(res: LangfuseResponse, endpoint: string): unknown | undefined {
    if (res.status >= 200 && res.status < 300) return res.data;
    if ([400, 401, 403, 404, 405].includes(res.status)) throw new LangfuseReadRefused(res.status, endpoint, bodyText(res.data));
    return undefined;
}

const dataOf = (body: unknown): unknown[] => {
    const data = (body as { data?: unknown } | undefined)?.data;
    return Array.isArray(data) ? data : [];
};

async function attemptV1(reader: LangfuseReader, c: RequestCorrelation, from: Date): Promise<PollStep<TracedGeneration>> {
    const candidates: { id: string; tags: string[]; input: unknown }[] = [];
    const pages = [tracesV1Query({ from, tag: c.tag }), ...Array.from({ length: SCAN_PAGES }, (_, i) => tracesV1Query({ from, page: i + 1, limit: 100 }))];
    for (const query of pages) {
        const body = readable(await reader.listTraces(query), "GET /api/public/traces");
        if (body === undefined) return { done: false, reason: "GET /api/public/traces answered a transient error" };
        const rows = dataOf(body) as { id?: unknown; tags?: unknown; input?: unknown }[];
        for (const t of rows) {
            const probe: TracedGeneration = { traceId: String(t.id ?? ""), observationId: "", source: "v1-traces", metadata: [], tags: Array.isArray(t.tags) ? (t.tags as string[]) : [], input: t.input };
            if (matchesRequest(probe, c)) candidates.push({ id: probe.traceId, tags: probe.tags, input: t.input });
        }
        if (candidates.length > 0 || rows.length < Number(query.limit)) break;
    }
    if (candidates.length === 0) return { done: false, reason: "no trace with the request's trace id, tag or marker yet" };
    const body = readable(await reader.getTrace(candidates[0].id), "GET /api/public/traces/{id}");
    if (body === undefined) return { done: false, reason: `trace ${candidates[0].id} found; reading it answered a transient error` };
    const generation = generationsFromV1Trace(body)[0];
    if (!generation) return { done: false, reason: `trace ${candidates[0].id} found but it has no GENERATION observation yet` };
    return { done: true, value: generation };
}

async function attemptV2(reader: LangfuseReader, c: RequestCorrelation, from: Date): Promise<PollStep<TracedGeneration>> {
    const narrow = [observationsV2Query({ from, tag: c.tag }), ...traceIdForms(c.traceId).map((traceId) => observationsV2Query({ from, traceId }))];
    for (const query of narrow) {
        const found = await scanV2(reader, c, query, 1);
        if (found === "transient") return { done: false, reason: "GET /api/public/v2/observations answered a transient error" };
        if (found) return { done: true, value: found };
    }
    const found = await scanV2(reader, c, observationsV2Query({ from }), SCAN_PAGES);
    if (found === "transient") return { done: false, reason: "GET /api/public/v2/observations answered a transient error" };
    return found ? { done: true, value: found } : { done: false, reason: "no generation with the request's trace id, tag or marker yet" };
}

/** Follows `meta.cursor` for up to `pages` pages; the first generation matching the request, if any. */
async function scanV2(reader: LangfuseReader, c: RequestCorrelation, query: Record<string, string>, pages: number): Promise<TracedGeneration | undefined | "transient"> {
    let cursor: string | undefined;
    for (let page = 0; page < pages; page++) {
        const body = readable(await reader.listObservationsV2(cursor ? { ...query, cursor } : query), "GET /api/public/v2/observations");
        if (body === undefined) return "transient";
        const match = dataOf(body).map(generationFromV2Observation).find((g): g is TracedGeneration => g !== undefined && matchesRequest(g, c));
        if (match) return match;
        cursor = (body as { meta?: { cursor?: unknown } }).meta?.cursor as string | undefined;
        if (typeof cursor !== "string" || cursor === "") return undefined;
    }
    return undefined;
}

export interface FindOptions {
    /** When the request was sent: the window opens a little before. */
    requestedAt: Date;
    deadline: number;
    signal?: AbortSignal;
    onWait?(info: { attempt: number; reason: string; waitMs: number; remainingMs: number }): void;
    initialDelayMs?: number;
    maxDelayMs?: number;
}

/**
 * Polls the API that matches the server's major until the request's generation appears or the deadline
 * passes. Throws LangfuseReadRefused when the server refuses the read itself (keys, missing API).
 */
export function findGeneration(reader: LangfuseReader, api: ReadApi, c: RequestCorrelation, o: FindOptions): Promise<PollResult<TracedGeneration>> {
    const attempt = api === "v1-traces" ? attemptV1 : attemptV2;
    return pollUntil(() => attempt(reader, c, o.requestedAt), {
        deadline: o.deadline,
        signal: o.signal,
        initialDelayMs: o.initialDelayMs ?? 1000,
        maxDelayMs: o.maxDelayMs ?? 5000,
        onWait: o.onWait,
    });
}
