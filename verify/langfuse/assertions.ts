/**
 * What the trace of one gateway request must show: the model, latency > 0, input and output tokens > 0,
 * the virtual key's identity (so spend can be attributed), and, with guardrails on, no raw PII in the
 * logged input. Pure functions over a TracedGeneration.
 *
 * Where LiteLLM puts the key identity depends on the logger: the classic logger names the generation
 * `litellm:<key_alias>` and writes `user_api_key_alias`/`user_api_key_hash` into metadata (litellm.md §7);
 * the OTel logger serialises the same metadata into span attributes, which Langfuse may keep nested or
 * as JSON strings. So metadata is searched at any depth, JSON strings included.
 */
import type { TracedGeneration } from "./generation";
import { traceIdForms } from "./queries";

/** How the check's request can be recognised in Langfuse. */
export interface RequestCorrelation {
    /** Sent as `x-litellm-trace-id`. */
    traceId: string;
    /** Sent as `x-litellm-tags`. */
    tag: string;
    /** A unique word in the prompt: found in the logged input even when ids and tags are not propagated. */
    marker: string;
}

export interface TraceExpectation {
    /** The model group the request named. */
    modelGroup: string;
    /** `model` of the gateway's response body. */
    responseModel?: string;
    /** `x-litellm-model-id` of the response: this gateway's model ids embed the upstream model. */
    modelId?: string;
    keyAlias: string;
    /** sha256 hex of the raw key. */
    keyHash: string;
    /** Strings or patterns that must not match the logged input (e.g. the digits of an SSN the guardrail masks). */
    forbiddenInput?: (string | RegExp)[];
}

const MAX_DEPTH = 8;

/** Every `[key, value]` pair in `value`, at any depth; string values holding JSON objects are opened too. */
export function metadataEntries(value: unknown, depth = 0): [string, unknown][] {
    if (depth > MAX_DEPTH || value === null || value === undefined) return [];
    if (typeof value === "string") {
        const text = value.trim();
        if (!text.startsWith("{") && !text.startsWith("[")) return [];
        try {
            return metadataEntries(JSON.parse(text), depth + 1);
        } catch {
            return [];
        }
    }
    if (Array.isArray(value)) return value.flatMap((v) => metadataEntries(v, depth + 1));
    if (typeof value !== "object") return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [[k, v] as [string, unknown], ...metadataEntries(v, depth + 1)]);
}

/** Values of metadata keys named `name` or ending in `.name` (flattened OTel attribute names). */
function metadataValues(gen: TracedGeneration, name: string): string[] {
    return metadataEntries(gen.metadata)
        .filter(([k]) => k === name || k.endsWith(`.${name}`))
        .map(([, v]) => v)
        .filter((v): v is string => typeof v === "string");
}

function inputText(input: unknown): string {
    return typeof input === "string" ? input : JSON.stringify(input ?? "");
}

/** Whether `gen` belongs to the check's request: its trace id, its tag, or the marker in its input. */
export function matchesRequest(gen: TracedGeneration, c: RequestCorrelation): boolean {
    const ids = traceIdForms(c.traceId);
    return ids.includes(gen.traceId) || ids.includes(gen.traceId.toLowerCase()) || gen.tags.includes(c.tag) || inputText(gen.input).includes(c.marker);
}

/** Where the key's identity was found (for the pass message), or undefined. */
export function keyIdentityEvidence(gen: TracedGeneration, alias: string, hash: string): string | undefined {
    if (gen.name === `litellm:${alias}`) return `generation name "litellm:${alias}"`;
    if (metadataValues(gen, "user_api_key_alias").includes(alias)) return "metadata user_api_key_alias";
    // langfuse_otel's own short attribute (measured on 1.108.7): survives v4's 200-character metadata cut.
    if (metadataValues(gen, "key_alias").includes(alias)) return "metadata litellm.key_alias";
    if (metadataValues(gen, "user_api_key_hash").includes(hash)) return "metadata user_api_key_hash";
    // Older payloads call the hashed key `user_api_key`.
    if (metadataValues(gen, "user_api_key").includes(hash)) return "metadata user_api_key (hash)";
    if (gen.tags.includes(`user_api_key_alias:${alias}`)) return `tag "user_api_key_alias:${alias}"`;
    return undefined;
}

const lastSegment = (model: string) => model.split("/").pop() ?? model;

/** Why the stored model does not name the requested group or its deployment, or undefined when it does. */
export function modelProblem(gen: TracedGeneration, e: TraceExpectation): string | undefined {
    if (gen.model === undefined) return "no model on the generation";
    const wanted = [e.modelGroup, e.responseModel].filter((m): m is string => !!m);
    const segment = lastSegment(gen.model);
    if (wanted.some((w) => w === gen.model || lastSegment(w) === segment)) return undefined;
    // LiteLLM's OTel export carries no `model_group`; its `llm.response.model` (langfuse_otel) and
    // `gen_ai.response.model` (otel) name the group (measured on 1.108.7 by the integration suite).
    if (["model_group", "response.model"].some((n) => metadataValues(gen, n).includes(e.modelGroup))) return undefined;
    if (e.modelId !== undefined && e.modelId.split("--").includes(segment)) return undefined;
    return `model "${gen.model}" is neither "${e.modelGroup}" nor a deployment of it`;
}

/** Every way `gen` falls short of the expectation; empty when the trace proves the request. */
export function generationProblems(gen: TracedGeneration, e: TraceExpectation): string[] {
    const problems: string[] = [];
    const model = modelProblem(gen, e);
    if (model) problems.push(model);
    if (!(gen.latencySeconds !== undefined && gen.latencySeconds > 0)) problems.push(`latency ${gen.latencySeconds ?? "absent"} (want > 0 s)`);
    if (!(gen.inputTokens !== undefined && gen.inputTokens > 0)) problems.push(`input tokens ${gen.inputTokens ?? "absent"} (want > 0)`);
    if (!(gen.outputTokens !== undefined && gen.outputTokens > 0)) problems.push(`output tokens ${gen.outputTokens ?? "absent"} (want > 0)`);
    if (keyIdentityEvidence(gen, e.keyAlias, e.keyHash) === undefined) {
        const seen = metadataValues(gen, "user_api_key_alias");
        problems.push(
            `no key identity: generation name ${gen.name === undefined ? "absent" : `"${gen.name}"`}, ` +
                (seen.length > 0 ? `metadata user_api_key_alias ${seen.map((s) => `"${s}"`).join(", ")}` : "no user_api_key_alias/user_api_key_hash in metadata") +
                ` (want "litellm:${e.keyAlias}" or the key's alias/hash)`,
        );
    }
    const text = inputText(gen.input);
    for (const forbidden of e.forbiddenInput ?? []) {
        if (typeof forbidden === "string" ? text.includes(forbidden) : forbidden.test(text)) {
            // A pattern stands for a value the report must not repeat (e.g. SSN digits in any format).
            problems.push(typeof forbidden === "string" ? `the logged input holds the raw value "${forbidden}"` : "the logged input holds a value that must have been masked (the test SSN's digits)");
        }
    }
    return problems;
}
