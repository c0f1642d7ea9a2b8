/**
 * What the span of one gateway request must show at an OTLP receiver, as pure functions over the spans the
 * receiver reports. Attribute names are those real LiteLLM 1.108.7 sends (measured in the integration suite,
 * docs/observability.md): the `otel` callback puts `litellm.model_group`, `gen_ai.usage.input_tokens` /
 * `output_tokens`, `litellm.call_id`, `gen_ai.response.id` and the key's `metadata.user_api_key_alias` /
 * `metadata.user_api_key_hash` on its `litellm_request` span; the key's own metadata (its tags) arrives as
 * `metadata.user_api_key_auth_metadata`, a Python repr, not JSON. Older names are accepted as fallbacks.
 */
import type { ReceivedSpan } from "./receiver-client";

/** How the check's request is recognised among the receiver's spans. */
export interface SpanCorrelation {
    /** `x-litellm-call-id` of the response: LiteLLM's `litellm.call_id` attribute. */
    callId?: string;
    /** `id` of the response body: `gen_ai.response.id`. */
    responseId?: string;
    /** A unique word in the prompt, for exporters that carry neither id (only when prompts are logged). */
    marker: string;
}

export interface SpanExpectation {
    modelGroup: string;
    keyAlias: string;
    /** sha256 hex of the raw key. */
    keyHash: string;
    /** Tags the key was created with: the span must carry every one. */
    keyTags: string[];
    /** Strings or patterns no attribute may hold (a masked SSN's digits; the prompt when prompts are not logged). */
    forbidden: { what: string; pattern: string | RegExp }[];
}

export const MODEL_GROUP_ATTRIBUTES = ["litellm.model_group", "metadata.model_group", "model_group"];
export const INPUT_TOKEN_ATTRIBUTES = ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.usage.prompt_tokens"];
export const OUTPUT_TOKEN_ATTRIBUTES = ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.usage.completion_tokens"];
export const CALL_ID_ATTRIBUTES = ["litellm.call_id", "metadata.litellm_call_id"];

const text = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v ?? ""));

function firstNumber(span: ReceivedSpan, names: string[]): number | undefined {
    for (const n of names) {
        const v = span.attributes[n];
        const num = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
        if (typeof num === "number" && Number.isFinite(num)) return num;
    }
    return undefined;
}

/** Whether a span is the request's: its call id or response id, or (fallback) the prompt's marker. */
export function matchesRequest(span: ReceivedSpan, c: SpanCorrelation): boolean {
    const a = span.attributes;
    if (c.callId && CALL_ID_ATTRIBUTES.some((n) => a[n] === c.callId)) return true;
    if (c.responseId && a["gen_ai.response.id"] === c.responseId) return true;
    return Object.values(a).some((v) => text(v).includes(c.marker));
}

/**
 * The request's span: among the spans that match it, the one that carries the most of what is asserted
 * (token counts, then a model group), so a parent proxy span that merely shares the trace is not picked.
 */
export function requestSpan(spans: ReceivedSpan[], c: SpanCorrelation): ReceivedSpan | undefined {
    const score = (s: ReceivedSpan) => (firstNumber(s, INPUT_TOKEN_ATTRIBUTES) !== undefined ? 2 : 0) + (MODEL_GROUP_ATTRIBUTES.some((n) => n in s.attributes) ? 1 : 0);
    return spans.filter((s) => matchesRequest(s, c)).sort((x, y) => score(y) - score(x))[0];
}

/** Span duration in ms (from the ns timestamps), or undefined when unreadable. */
export function spanLatencyMs(span: ReceivedSpan): number | undefined {
    try {
        return Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;
    } catch {
        return undefined;
    }
}

/** Attributes whose name is `name` or ends in `.name`, e.g. `metadata.user_api_key_alias`. */
function valuesOf(span: ReceivedSpan, name: string): unknown[] {
    return Object.entries(span.attributes)
        .filter(([k]) => k === name || k.endsWith(`.${name}`))
        .map(([, v]) => v);
}

/** Where the key's identity is on the span (for the pass message), or undefined. */
export function keyIdentity(span: ReceivedSpan, alias: string, hash: string): string | undefined {
    if (valuesOf(span, "user_api_key_alias").includes(alias)) return `alias "${alias}" (user_api_key_alias)`;
    if (valuesOf(span, "user_api_key_hash").includes(hash)) return `hash ${hash.slice(0, 12)}… (user_api_key_hash)`;
    return undefined;
}

/** A tag counts when some attribute holds it as a quoted list item (JSON or Python repr) or as the whole value. */
export function tagOnSpan(span: ReceivedSpan, tag: string): boolean {
    return Object.values(span.attributes).some((v) => (Array.isArray(v) ? v.includes(tag) : v === tag || text(v).includes(`'${tag}'`) || text(v).includes(`"${tag}"`)));
}

/** Every way the span falls short; empty when it proves the request. Never repeats a forbidden value. */
export function spanProblems(span: ReceivedSpan, e: SpanExpectation): string[] {
    const problems: string[] = [];
    const groups = MODEL_GROUP_ATTRIBUTES.flatMap((n) => valuesOf(span, n.split(".").pop() as string).concat(span.attributes[n] ?? []));
    if (!groups.includes(e.modelGroup)) {
        const seen = MODEL_GROUP_ATTRIBUTES.filter((n) => n in span.attributes).map((n) => `${n}=${text(span.attributes[n])}`);
        problems.push(`model group: want "${e.modelGroup}" in ${MODEL_GROUP_ATTRIBUTES[0]}, got ${seen.length ? seen.join(", ") : "no model-group attribute"}`);
    }
    const input = firstNumber(span, INPUT_TOKEN_ATTRIBUTES);
    const output = firstNumber(span, OUTPUT_TOKEN_ATTRIBUTES);
    if (!(input !== undefined && input > 0)) problems.push(`input tokens: want ${INPUT_TOKEN_ATTRIBUTES[0]} > 0, got ${input ?? "absent"}`);
    if (!(output !== undefined && output > 0)) problems.push(`output tokens: want ${OUTPUT_TOKEN_ATTRIBUTES[0]} > 0, got ${output ?? "absent"}`);
    const latency = spanLatencyMs(span);
    if (!(latency !== undefined && latency > 0)) problems.push(`latency: want end > start, got ${latency ?? "unreadable"} ms`);
    if (keyIdentity(span, e.keyAlias, e.keyHash) === undefined) {
        const seen = valuesOf(span, "user_api_key_alias").map(text);
        problems.push(`key identity: want user_api_key_alias "${e.keyAlias}" or the key's user_api_key_hash, got ${seen.length ? `alias ${seen.map((s) => `"${s}"`).join(", ")}` : "neither attribute"}`);
    }
    const missingTags = e.keyTags.filter((t) => !tagOnSpan(span, t));
    if (missingTags.length > 0) problems.push(`key tags: ${missingTags.map((t) => `"${t}"`).join(", ")} on no attribute (LiteLLM sends them in metadata.user_api_key_auth_metadata)`);
    for (const f of e.forbidden) {
        const holders = Object.entries(span.attributes)
            .filter(([, v]) => (typeof f.pattern === "string" ? text(v).includes(f.pattern) : f.pattern.test(text(v))))
            .map(([k]) => k);
        if (holders.length > 0) problems.push(`${f.what} in ${holders.join(", ")}`);
    }
    return problems;
}
