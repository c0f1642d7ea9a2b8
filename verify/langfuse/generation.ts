/**
 * One shape for "the generation Langfuse stored", whichever API it came from: v1 traces carry full
 * observations (`model`, `usage`/`usageDetails`, latency in seconds) and the trace's tags and metadata;
 * v2 observations carry `providedModelName`, `usageDetails`, `latency` and the trace's tags on every row
 * (langfuse-presidio.md §1). Pure functions over parsed JSON.
 */

export interface TracedGeneration {
    traceId: string;
    observationId: string;
    /** Which API produced it, for messages. */
    source: "v1-traces" | "v2-observations";
    name?: string;
    /** The model name as provided (v1 `model`, v2 `providedModelName`). */
    model?: string;
    inputTokens?: number;
    outputTokens?: number;
    /** Seconds, as Langfuse reports it (or end − start when it reports none). */
    latencySeconds?: number;
    /** Observation metadata, then trace metadata (v1 only). */
    metadata: unknown[];
    tags: string[];
    /** The logged input (messages), as stored: an object or a raw string. */
    input: unknown;
}

type Json = Record<string, unknown>;

const asRecord = (v: unknown): Json | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined => {
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((t): t is string => typeof t === "string") : []);

function spanSeconds(start: unknown, end: unknown): number | undefined {
    const s = Date.parse(String(start ?? ""));
    const e = Date.parse(String(end ?? ""));
    return Number.isFinite(s) && Number.isFinite(e) ? (e - s) / 1000 : undefined;
}

/** Token counts from `usageDetails` (preferred), then the legacy `usage`, then `promptTokens`/`completionTokens`. */
function tokens(o: Json): { input?: number; output?: number } {
    const details = asRecord(o.usageDetails);
    const usage = asRecord(o.usage);
    return {
        input: num(details?.input) ?? num(usage?.input) ?? num(o.promptTokens),
        output: num(details?.output) ?? num(usage?.output) ?? num(o.completionTokens),
    };
}

/** The GENERATION observations of a v1 `GET /api/public/traces/{id}` body, with the trace's tags and metadata. */
export function generationsFromV1Trace(trace: unknown): TracedGeneration[] {
    const t = asRecord(trace);
    if (!t) return [];
    const observations = Array.isArray(t.observations) ? t.observations.map(asRecord).filter((o): o is Json => o !== undefined) : [];
    return observations
        .filter((o) => o.type === "GENERATION")
        .map((o) => {
            const usage = tokens(o);
            return {
                traceId: str(o.traceId) ?? String(t.id ?? ""),
                observationId: String(o.id ?? ""),
                source: "v1-traces" as const,
                name: str(o.name),
                model: str(o.model),
                inputTokens: usage.input,
                outputTokens: usage.output,
                latencySeconds: num(o.latency) ?? spanSeconds(o.startTime, o.endTime) ?? num(t.latency),
                metadata: [o.metadata, t.metadata].filter((m) => m !== undefined && m !== null),
                tags: strings(t.tags),
                input: o.input ?? t.input,
            };
        });
}

/** One row of `GET /api/public/v2/observations` (fields core,basic,io,metadata,model,usage,metrics,trace_context). */
export function generationFromV2Observation(row: unknown): TracedGeneration | undefined {
    const o = asRecord(row);
    if (!o || o.type !== "GENERATION") return undefined;
    const usage = tokens(o);
    return {
        traceId: String(o.traceId ?? ""),
        observationId: String(o.id ?? ""),
        source: "v2-observations",
        name: str(o.name),
        model: str(o.providedModelName) ?? str(o.model),
        inputTokens: usage.input,
        outputTokens: usage.output,
        latencySeconds: num(o.latency) ?? spanSeconds(o.startTime, o.endTime),
        metadata: o.metadata === undefined || o.metadata === null ? [] : [o.metadata],
        tags: strings(o.tags),
        input: o.input,
    };
}
