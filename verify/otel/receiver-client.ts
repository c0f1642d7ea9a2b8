/**
 * The read side of the OTLP receiver the `otel-trace` check queries (otlp-receiver/receiver.py): the spans
 * and the export requests it received since a moment. No retries, no throwing on HTTP status; a network
 * failure becomes OtelReceiverUnreachable, naming the URL.
 */
import axios from "axios";

/** One span as the receiver reports it: ids in hex, times in ns as strings, attributes as plain JSON. */
export interface ReceivedSpan {
    traceId: string;
    spanId: string;
    parentSpanId: string;
    name: string;
    startTimeUnixNano: string;
    endTimeUnixNano: string;
    attributes: Record<string, unknown>;
    resource: Record<string, unknown>;
    receivedAtMs: number;
}

/** One POST the receiver got, whatever its fate. `authorization` is the scheme and the value's sha256, never the value. */
export interface ReceivedExport {
    receivedAtMs: number;
    path: string;
    status: number;
    contentType: string;
    headers: Record<string, string>;
    authorization: { scheme: string; sha256: string } | null;
    spanCount: number;
    error?: string;
}

export class OtelReceiverUnreachable extends Error {
    constructor(readonly url: string, detail: string) {
        super(`${url}: ${detail}`);
        this.name = "OtelReceiverUnreachable";
    }
}

export interface OtelReceiverReader {
    spans(sinceMs: number): Promise<ReceivedSpan[]>;
    exports(sinceMs: number): Promise<ReceivedExport[]>;
}

export function createOtelReceiverReader(queryUrl: string, options: { timeoutMs: number; signal?: AbortSignal }): OtelReceiverReader {
    const base = queryUrl.replace(/\/+$/, "");
    const http = axios.create({ baseURL: base, timeout: options.timeoutMs, validateStatus: () => true, maxRedirects: 0, proxy: false });
    async function list<T>(path: string, field: string, sinceMs: number): Promise<T[]> {
        let res;
        try {
            res = await http.get(path, { params: { since: String(sinceMs) }, signal: options.signal });
        } catch (err) {
            if (options.signal?.aborted) throw err;
            const e = err as { code?: unknown; message?: unknown };
            throw new OtelReceiverUnreachable(`GET ${base}${path}`, [e.code, e.message].filter((x) => typeof x === "string").join(": ") || "request failed");
        }
        const items = (res.data as Record<string, unknown> | undefined)?.[field];
        if (res.status !== 200 || !Array.isArray(items)) throw new OtelReceiverUnreachable(`GET ${base}${path}`, `HTTP ${res.status}, not the receiver's {"${field}": [...]} (is this the receiver's query URL?)`);
        return items as T[];
    }
    return {
        spans: (since) => list<ReceivedSpan>("/api/spans", "spans", since),
        exports: (since) => list<ReceivedExport>("/api/exports", "exports", since),
    };
}
