/**
 * Langfuse's export half, measured on real LiteLLM: the `langfuse_otel` callback the dev stack renders for
 * `langfuseMajor: 4`, with the env the dev stack wires, pointed at this run's OTLP receiver standing in for
 * Langfuse's ingestion endpoint. `langfuseExportFacts` reads what arrived; `langfuseExportProblems` holds it
 * to what Langfuse needs and `langfuse-trace` later queries for (the path, Basic auth from the project keys,
 * the ingestion-version header, and the generation's type, input, tags, key identity, usage and timing).
 * Pure; the runner is in run-langfuse-export.ts.
 */
import { createHash } from "node:crypto";
import { basicAuth } from "../../../verify/langfuse/client";
import { metadataEntries } from "../../../verify/langfuse/assertions";
import { holdsSsnDigits } from "../../../verify/pii";
import type { ReceivedExport, ReceivedSpan } from "../../../verify/otel/receiver-client";
import { spanLatencyMs } from "../../../verify/otel/span-evidence";

/** Where the OTLP exporter posts: LiteLLM builds `{LANGFUSE_OTEL_HOST}/api/public/otel` and appends `/v1/traces`. */
export const LANGFUSE_OTLP_PATH = "/api/public/otel/v1/traces";

export interface LangfuseRequest {
    publicKey: string;
    secretKey: string;
    keyAlias: string;
    keyHash: string;
    keyTags: string[];
    /** Sent as `x-litellm-tags`. */
    requestTag: string;
    /** Sent as `x-litellm-trace-id` (a uuid). */
    traceId: string;
    marker: string;
}

/** What the generation span says, in the terms langfuse-trace reads (pure extraction, no judgement). */
export interface LangfuseExportFacts {
    spanName: string;
    observationType?: unknown;
    input: string;
    tags: string[];
    keyAlias: string[];
    keyHash: string[];
    model?: unknown;
    responseModel?: unknown;
    inputTokens?: unknown;
    outputTokens?: unknown;
    latencyMs?: number;
    otelTraceId: string;
    /** Attributes naming a trace id (`langfuse.trace.id`, `litellm.trace_id`), as sent. */
    traceIdAttributes: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v ?? ""));
function jsonList(v: unknown): string[] {
    if (Array.isArray(v)) return v.map(String);
    try {
        const parsed = JSON.parse(String(v ?? "[]"));
        return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
        return [];
    }
}

/** The generation span of the request: the one whose logged input holds the marker. */
export function generationSpan(spans: ReceivedSpan[], marker: string): ReceivedSpan | undefined {
    return spans.find((s) => str(s.attributes["langfuse.observation.input"]).includes(marker));
}

export function langfuseExportFacts(span: ReceivedSpan): LangfuseExportFacts {
    const a = span.attributes;
    const meta = metadataEntries(a.metadata);
    const values = (name: string) => meta.filter(([k]) => k === name).map(([, v]) => String(v));
    return {
        spanName: span.name,
        observationType: a["langfuse.observation.type"],
        input: str(a["langfuse.observation.input"]),
        tags: jsonList(a["langfuse.trace.tags"]),
        keyAlias: [...values("user_api_key_alias"), ...(a["litellm.key_alias"] !== undefined ? [String(a["litellm.key_alias"])] : [])],
        keyHash: values("user_api_key_hash"),
        model: a["llm.model_name"],
        responseModel: a["llm.response.model"],
        inputTokens: a["llm.token_count.prompt"],
        outputTokens: a["llm.token_count.completion"],
        latencyMs: spanLatencyMs(span),
        otelTraceId: span.traceId,
        traceIdAttributes: Object.fromEntries(Object.entries(a).filter(([k]) => /(^|\.)trace[._]id$/.test(k))),
    };
}

/** Every way the export falls short of what Langfuse and `langfuse-trace` need; empty when it holds. */
export function langfuseExportProblems(received: ReceivedExport[], span: ReceivedSpan | undefined, r: LangfuseRequest): string[] {
    const problems: string[] = [];
    const accepted = received.filter((e) => e.spanCount > 0);
    if (accepted.length === 0) problems.push(`no export with spans arrived (exports: ${received.map((e) => `${e.path} → ${e.status}`).join(", ") || "none"})`);
    for (const e of accepted) {
        if (e.path !== LANGFUSE_OTLP_PATH) problems.push(`export posted to ${e.path}, not ${LANGFUSE_OTLP_PATH}`);
        const want = createHash("sha256").update(basicAuth(r.publicKey, r.secretKey)).digest("hex");
        if (e.authorization?.scheme !== "Basic" || e.authorization.sha256 !== want) problems.push(`Authorization is not Basic base64(publicKey:secretKey) (got scheme ${e.authorization?.scheme ?? "none"})`);
        if (e.headers["x-langfuse-ingestion-version"] !== "4") problems.push(`x-langfuse-ingestion-version is ${e.headers["x-langfuse-ingestion-version"] ?? "absent"}, want 4`);
        if (!["application/x-protobuf", "application/json"].includes(e.contentType)) problems.push(`content type ${e.contentType} (Langfuse takes protobuf or JSON)`);
    }
    if (!span) return [...problems, "no span whose langfuse.observation.input holds the prompt's marker"];
    const f = langfuseExportFacts(span);
    if (f.observationType !== "generation") problems.push(`langfuse.observation.type is ${str(f.observationType)}, want generation`);
    // The OTel trace id is LiteLLM's own; the request's x-litellm-trace-id travels as `langfuse.trace.id` (32 hex),
    // which is what tests/standins/langfuse-sim.ts stores as the v4 trace id.
    const wantTraceId = r.traceId.replace(/-/g, "").toLowerCase();
    if (f.traceIdAttributes["langfuse.trace.id"] !== wantTraceId) problems.push(`langfuse.trace.id is ${str(f.traceIdAttributes["langfuse.trace.id"])}, want ${wantTraceId} (x-litellm-trace-id without dashes)`);
    if (!f.tags.includes(r.requestTag)) problems.push(`langfuse.trace.tags ${JSON.stringify(f.tags)} lacks the request tag "${r.requestTag}" (langfuse-trace filters by it)`);
    const missingKeyTags = r.keyTags.filter((t) => !f.tags.includes(t));
    if (missingKeyTags.length > 0) problems.push(`langfuse.trace.tags lacks the key's tags ${missingKeyTags.join(", ")}`);
    if (!f.keyAlias.includes(r.keyAlias)) problems.push(`no key alias "${r.keyAlias}" (metadata.user_api_key_alias, litellm.key_alias)`);
    if (!f.keyHash.includes(r.keyHash)) problems.push("no user_api_key_hash of the key in the metadata attribute");
    if (!(Number(f.inputTokens) > 0 && Number(f.outputTokens) > 0)) problems.push(`token counts llm.token_count.prompt/completion ${str(f.inputTokens)}/${str(f.outputTokens)}, want > 0`);
    if (!(typeof f.model === "string" && f.model !== "")) problems.push("no llm.model_name");
    if (!(f.latencyMs !== undefined && f.latencyMs > 0)) problems.push(`span latency ${f.latencyMs} ms, want > 0`);
    if (Object.values(span.attributes).some((v) => holdsSsnDigits(str(v)))) problems.push("an attribute holds the raw SSN the pre_call guardrail masks");
    return problems;
}
