/**
 * Query strings for Langfuse's read APIs, as pure functions (langfuse-presidio.md §1). Every query is
 * bounded by time (`fromTimestamp` / `fromStartTime`), which is cheaper for ClickHouse and required on
 * servers that set LANGFUSE_API_TRACES_REJECT_NO_DATE_RANGE.
 */

/** How far before the request the time window opens: absorbs clock skew between the checker and Langfuse. */
export const CLOCK_SKEW_MS = 30_000;

/** v2 field groups the assertions read. The default is only `core,basic`, so every group is named. */
export const V2_FIELD_GROUPS = ["core", "basic", "io", "metadata", "model", "usage", "metrics", "trace_context"] as const;

export function windowStart(requestedAt: Date, skewMs: number = CLOCK_SKEW_MS): string {
    return new Date(requestedAt.getTime() - skewMs).toISOString();
}

export interface TracesV1QueryInput {
    from: Date;
    /** The trace must carry this tag ("all of" matching). */
    tag?: string;
    page?: number;
    /** 1..100. Default 50. */
    limit?: number;
}

/** `GET /api/public/traces` parameters: newest first, inside the window, optionally by tag. */
export function tracesV1Query(q: TracesV1QueryInput): Record<string, string> {
    return {
        fromTimestamp: windowStart(q.from),
        orderBy: "timestamp.desc",
        limit: String(Math.min(Math.max(q.limit ?? 50, 1), 100)),
        page: String(q.page ?? 1),
        ...(q.tag !== undefined ? { tags: q.tag } : {}),
    };
}

export interface ObservationsV2QueryInput {
    from: Date;
    tag?: string;
    traceId?: string;
    cursor?: string;
    /** 1..1000. Default 100. */
    limit?: number;
}

/** `GET /api/public/v2/observations` parameters: generations inside the window, optionally by tag or trace id. */
export function observationsV2Query(q: ObservationsV2QueryInput): Record<string, string> {
    const query: Record<string, string> = {
        type: "GENERATION",
        fromStartTime: windowStart(q.from),
        fields: V2_FIELD_GROUPS.join(","),
        limit: String(Math.min(Math.max(q.limit ?? 100, 1), 1000)),
        // v4 cuts metadata values past 200 characters; LiteLLM's langfuse_otel puts the key's identity in
        // one long JSON attribute named `metadata` (about 1.5 kB, measured on 1.108.7).
        expandMetadata: "metadata",
    };
    if (q.traceId !== undefined) query.traceId = q.traceId;
    if (q.tag !== undefined) query.filter = JSON.stringify([{ type: "arrayOptions", column: "tags", operator: "any of", value: [q.tag] }]);
    if (q.cursor !== undefined) query.cursor = q.cursor;
    return query;
}

/**
 * The forms a LiteLLM `x-litellm-trace-id` may take in Langfuse: the uuid as sent (the classic logger uses
 * it as the trace id) and its 32-hex form (OpenTelemetry trace ids have no dashes).
 */
export function traceIdForms(traceId: string): string[] {
    const hex = traceId.replace(/-/g, "").toLowerCase();
    return hex === traceId ? [traceId] : [traceId, hex];
}
