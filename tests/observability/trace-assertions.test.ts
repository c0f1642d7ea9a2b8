/**
 * The pure pieces of the Langfuse read side: version detection, queries, normalisation of v1 and v2
 * answers, request correlation, and every assertion the check makes (one failing input per assertion).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generationProblems, keyIdentityEvidence, matchesRequest, metadataEntries, modelProblem, TraceExpectation } from "../../verify/langfuse/assertions";
import { generationFromV2Observation, generationsFromV1Trace, TracedGeneration } from "../../verify/langfuse/generation";
import { observationsV2Query, traceIdForms, tracesV1Query, V2_FIELD_GROUPS, windowStart } from "../../verify/langfuse/queries";
import { majorOf, parseHealth, readApiFor } from "../../verify/langfuse/version";

const HASH = "b".repeat(64);
const expectation: TraceExpectation = { modelGroup: "chat", responseModel: "chat", modelId: "chat--stub--stub-model", keyAlias: "run1-langfuse-trace-1", keyHash: HASH };

function gen(overrides: Partial<TracedGeneration> = {}): TracedGeneration {
    return {
        traceId: "t1",
        observationId: "o1",
        source: "v2-observations",
        name: "litellm:run1-langfuse-trace-1",
        model: "openai/stub-model",
        inputTokens: 5,
        outputTokens: 2,
        latencySeconds: 0.4,
        metadata: [],
        tags: [],
        input: "[]",
        ...overrides,
    };
}

describe("server version", () => {
    it("parses health and picks the read API by major", () => {
        assert.deepEqual(parseHealth({ status: "OK", version: "4.16.0" }), { status: "OK", version: "4.16.0" });
        assert.equal(parseHealth({ status: "OK" }), undefined);
        assert.equal(parseHealth("OK"), undefined);
        assert.equal(majorOf("4.16.0"), 4);
        assert.equal(majorOf("v3.225.4"), 3);
        assert.equal(majorOf("latest"), undefined);
        assert.equal(readApiFor(4), "v2-observations");
        assert.equal(readApiFor(5), "v2-observations");
        assert.equal(readApiFor(3), "v1-traces");
        assert.equal(readApiFor(2), "v1-traces");
        assert.equal(readApiFor(1), undefined);
    });
});

describe("queries", () => {
    const at = new Date("2026-09-01T12:00:00.000Z");

    it("opens the window 30 s before the request", () => {
        assert.equal(windowStart(at), "2026-09-01T11:59:30.000Z");
    });

    it("v1: newest first, time-bounded, optional tag, limit clamped to 1..100", () => {
        assert.deepEqual(tracesV1Query({ from: at, tag: "run-tag" }), { fromTimestamp: "2026-09-01T11:59:30.000Z", orderBy: "timestamp.desc", limit: "50", page: "1", tags: "run-tag" });
        assert.equal(tracesV1Query({ from: at, limit: 500 }).limit, "100");
        assert.equal(tracesV1Query({ from: at }).tags, undefined);
    });

    it("v2: generations, every needed field group, a tag filter as JSON, cursor passed through", () => {
        const q = observationsV2Query({ from: at, tag: "run-tag", cursor: "abc" });
        assert.equal(q.type, "GENERATION");
        assert.equal(q.fromStartTime, "2026-09-01T11:59:30.000Z");
        assert.equal(q.fields, V2_FIELD_GROUPS.join(","));
        for (const group of ["model", "usage", "metrics", "trace_context", "metadata", "io"]) assert.ok(q.fields.split(",").includes(group), group);
        assert.deepEqual(JSON.parse(q.filter), [{ type: "arrayOptions", column: "tags", operator: "any of", value: ["run-tag"] }]);
        assert.equal(q.cursor, "abc");
        assert.equal(observationsV2Query({ from: at, traceId: "x" }).traceId, "x");
    });

    it("a trace id is looked for as sent and as 32 hex (OTel)", () => {
        assert.deepEqual(traceIdForms("6F1C1F1E-0D6B-4A57-9D55-1D1A2B3C4D5E"), ["6F1C1F1E-0D6B-4A57-9D55-1D1A2B3C4D5E", "6f1c1f1e0d6b4a579d551d1a2b3c4d5e"]);
        assert.deepEqual(traceIdForms("abc"), ["abc"]);
    });
});

describe("normalisation", () => {
    it("v1: GENERATION observations only, with the trace's tags and metadata, usageDetails before usage", () => {
        const gens = generationsFromV1Trace({
            id: "tr",
            tags: ["a"],
            metadata: { trace: 1 },
            latency: 9,
            observations: [
                { id: "span", type: "SPAN" },
                { id: "g", traceId: "tr", type: "GENERATION", name: "n", model: "m", usage: { input: 1, output: 1 }, usageDetails: { input: 4, output: 2 }, latency: 0.5, metadata: { obs: 1 }, input: "in" },
            ],
        });
        assert.equal(gens.length, 1);
        assert.deepEqual({ ...gens[0] }, { traceId: "tr", observationId: "g", source: "v1-traces", name: "n", model: "m", inputTokens: 4, outputTokens: 2, latencySeconds: 0.5, metadata: [{ obs: 1 }, { trace: 1 }], tags: ["a"], input: "in" });
    });

    it("v1: legacy usage and promptTokens, latency from start/end when absent", () => {
        const [g] = generationsFromV1Trace({ id: "tr", observations: [{ id: "g", type: "GENERATION", promptTokens: 3, usage: { output: 2 }, startTime: "2026-01-01T00:00:00.000Z", endTime: "2026-01-01T00:00:01.500Z" }] });
        assert.equal(g.inputTokens, 3);
        assert.equal(g.outputTokens, 2);
        assert.equal(g.latencySeconds, 1.5);
    });

    it("v2: providedModelName, usageDetails, latency and tags; non-generations are ignored", () => {
        const g = generationFromV2Observation({ id: "o", traceId: "t", type: "GENERATION", providedModelName: "pm", usageDetails: { input: "6", output: 1 }, latency: 0.2, tags: ["x", 3], metadata: { a: "b" } });
        assert.deepEqual({ ...g }, { traceId: "t", observationId: "o", source: "v2-observations", name: undefined, model: "pm", inputTokens: 6, outputTokens: 1, latencySeconds: 0.2, metadata: [{ a: "b" }], tags: ["x"], input: undefined });
        assert.equal(generationFromV2Observation({ type: "SPAN" }), undefined);
    });
});

describe("correlation", () => {
    const c = { traceId: "6f1c1f1e-0d6b-4a57-9d55-1d1a2b3c4d5e", tag: "run-tag", marker: "lfmark123" };
    it("matches by trace id (either form), tag or the prompt marker; nothing else", () => {
        assert.ok(matchesRequest(gen({ traceId: c.traceId }), c));
        assert.ok(matchesRequest(gen({ traceId: "6f1c1f1e0d6b4a579d551d1a2b3c4d5e" }), c));
        assert.ok(matchesRequest(gen({ tags: ["other", "run-tag"] }), c));
        assert.ok(matchesRequest(gen({ input: [{ role: "user", content: "Trace lfmark123." }] }), c));
        assert.equal(matchesRequest(gen({ traceId: "other", tags: ["run"], input: "lfmark12" }), c), false);
    });
});

describe("assertions", () => {
    it("a complete generation has no problems", () => {
        assert.deepEqual(generationProblems(gen(), expectation), []);
    });

    it("finds the key identity in the name, in nested or JSON-string metadata, or in a tag", () => {
        assert.match(keyIdentityEvidence(gen(), expectation.keyAlias, HASH) ?? "", /generation name/);
        const noName = { name: "litellm_request" };
        assert.match(keyIdentityEvidence(gen({ ...noName, metadata: [{ attributes: { "metadata.user_api_key_alias": expectation.keyAlias } }] }), expectation.keyAlias, HASH) ?? "", /user_api_key_alias/);
        assert.match(keyIdentityEvidence(gen({ ...noName, metadata: [{ metadata: JSON.stringify({ user_api_key_hash: HASH }) }] }), expectation.keyAlias, HASH) ?? "", /user_api_key_hash/);
        assert.match(keyIdentityEvidence(gen({ ...noName, tags: [`user_api_key_alias:${expectation.keyAlias}`] }), expectation.keyAlias, HASH) ?? "", /tag/);
        assert.equal(keyIdentityEvidence(gen({ ...noName, metadata: [{ user_api_key_alias: "someone-else", user_api_key_hash: "c".repeat(64) }] }), expectation.keyAlias, HASH), undefined);
    });

    it("reports a foreign alias as the evidence that was found", () => {
        const problems = generationProblems(gen({ name: "x", metadata: [{ user_api_key_alias: "someone-else" }] }), expectation);
        assert.match(problems.join(), /metadata user_api_key_alias "someone-else"/);
    });

    it("metadataEntries walks objects, arrays and JSON strings, and ignores plain text", () => {
        const keys = metadataEntries([{ a: { b: '{"c": [{"d": 1}]}' } }, "not json"]).map(([k]) => k);
        assert.deepEqual(keys, ["a", "b", "c", "d"]);
    });

    it("the model must be the group, the response model, a deployment of it, or carry model_group", () => {
        assert.equal(modelProblem(gen({ model: "chat" }), expectation), undefined);
        assert.equal(modelProblem(gen({ model: "openai/stub-model" }), { ...expectation, modelId: undefined, responseModel: "stub-model" }), undefined);
        assert.equal(modelProblem(gen({ model: "openai/stub-model" }), expectation), undefined, "the model id names the deployment");
        assert.equal(modelProblem(gen({ model: "openai/x", metadata: [{ model_group: "chat" }] }), { ...expectation, modelId: undefined }), undefined);
        assert.match(modelProblem(gen({ model: "openai/other" }), { ...expectation, modelId: undefined }) ?? "", /neither "chat"/);
        assert.match(modelProblem(gen({ model: undefined }), expectation) ?? "", /no model/);
    });

    it("latency, input tokens and output tokens must each be > 0", () => {
        assert.match(generationProblems(gen({ latencySeconds: 0 }), expectation).join(), /latency 0/);
        assert.match(generationProblems(gen({ latencySeconds: undefined }), expectation).join(), /latency absent/);
        assert.match(generationProblems(gen({ inputTokens: 0 }), expectation).join(), /input tokens 0/);
        assert.match(generationProblems(gen({ outputTokens: undefined }), expectation).join(), /output tokens absent/);
    });

    it("a forbidden string in the logged input is a problem; its masked form is not", () => {
        const e = { ...expectation, forbiddenInput: ["219-09-9999"] };
        assert.match(generationProblems(gen({ input: [{ content: "My SSN is 219-09-9999" }] }), e).join(), /raw value "219-09-9999"/);
        assert.deepEqual(generationProblems(gen({ input: '[{"content":"My SSN is <US_SSN>"}]' }), e), []);
    });
});
