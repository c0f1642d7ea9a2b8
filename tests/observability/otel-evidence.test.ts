/**
 * The pure halves over spans real LiteLLM sent (otel-spans.fixture.ts): `otel-trace`'s span evidence and
 * the no-span diagnosis, and the suite's judgement of the `langfuse_otel` export. Each rule is shown to
 * hold on the real span and to fail when the one thing it reads is taken away.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { basicAuth } from "../../verify/langfuse/client";
import { missingSpanCause } from "../../verify/otel/find-span";
import type { ReceivedExport, ReceivedSpan } from "../../verify/otel/receiver-client";
import { requestSpan, spanLatencyMs, spanProblems, SpanExpectation } from "../../verify/otel/span-evidence";
import { ssnDigitsPattern } from "../../verify/pii";
import { LANGFUSE_OTLP_PATH, langfuseExportProblems, LangfuseRequest } from "../integration/otel/langfuse-export";
import { REAL_LANGFUSE_SPAN, REAL_OTEL_SPAN } from "./otel-spans.fixture";

const expectation: SpanExpectation = {
    modelGroup: "chat",
    keyAlias: "explore-key",
    keyHash: String(REAL_OTEL_SPAN.attributes["metadata.user_api_key_hash"]),
    keyTags: ["team-a", "explore-tag"],
    forbidden: [{ what: "the raw SSN", pattern: ssnDigitsPattern() }],
};
const without = (span: ReceivedSpan, ...names: string[]): ReceivedSpan => ({ ...span, attributes: Object.fromEntries(Object.entries(span.attributes).filter(([k]) => !names.includes(k))) });

describe("otel-trace evidence on the real otel span", () => {
    it("the real span proves everything; it is found by call id, response id or marker, not by a parent sharing its trace", () => {
        assert.deepEqual(spanProblems(REAL_OTEL_SPAN, expectation), []);
        assert.ok((spanLatencyMs(REAL_OTEL_SPAN) ?? 0) > 0);
        const parent: ReceivedSpan = { ...REAL_OTEL_SPAN, name: "Received Proxy Server Request", spanId: "p", attributes: { "litellm.call_id": REAL_OTEL_SPAN.attributes["litellm.call_id"] } };
        assert.equal(requestSpan([parent, REAL_OTEL_SPAN], { callId: String(REAL_OTEL_SPAN.attributes["litellm.call_id"]), marker: "x" })?.name, "litellm_request");
        assert.equal(requestSpan([REAL_OTEL_SPAN], { responseId: String(REAL_OTEL_SPAN.attributes["gen_ai.response.id"]), marker: "nope" })?.name, "litellm_request");
        assert.equal(requestSpan([REAL_OTEL_SPAN], { marker: "zzmark123" })?.name, "litellm_request");
        assert.equal(requestSpan([REAL_OTEL_SPAN], { callId: "other", marker: "nope" }), undefined);
    });

    it("names each missing item", () => {
        const cases: [ReceivedSpan, RegExp][] = [
            [without(REAL_OTEL_SPAN, "litellm.model_group"), /^model group: want "chat" in litellm\.model_group/],
            [without(REAL_OTEL_SPAN, "gen_ai.usage.input_tokens"), /^input tokens: want gen_ai\.usage\.input_tokens > 0, got absent/],
            [without(REAL_OTEL_SPAN, "gen_ai.usage.output_tokens"), /^output tokens/],
            [{ ...REAL_OTEL_SPAN, endTimeUnixNano: REAL_OTEL_SPAN.startTimeUnixNano }, /^latency: want end > start, got 0 ms/],
            [without(REAL_OTEL_SPAN, "metadata.user_api_key_alias", "metadata.user_api_key_hash"), /^key identity: want user_api_key_alias "explore-key"/],
            [without(REAL_OTEL_SPAN, "metadata.user_api_key_auth_metadata"), /^key tags: "team-a", "explore-tag" on no attribute/],
            [{ ...REAL_OTEL_SPAN, attributes: { ...REAL_OTEL_SPAN.attributes, "gen_ai.input.messages": "My SSN is 219 09 9999" } }, /^the raw SSN in gen_ai\.input\.messages$/],
        ];
        for (const [span, problem] of cases) {
            const problems = spanProblems(span, expectation);
            assert.equal(problems.length, 1, JSON.stringify(problems));
            assert.match(problems[0], problem);
        }
    });

    it("no span: refused exports, no callback, and a wrong endpoint are told apart", () => {
        const refused: ReceivedExport = { receivedAtMs: 1, path: "/otlp/v1/metrics", status: 404, contentType: "application/x-protobuf", headers: {}, authorization: null, spanCount: 0, error: "not an OTLP traces path" };
        assert.match(missingSpanCause({ refused: [refused], accepted: [], callbacks: ["OpenTelemetry"] }), /^exports reach the receiver but are refused \(POST \/otlp\/v1\/metrics → 404/);
        assert.match(missingSpanCause({ refused: [], accepted: [], callbacks: ["_ProxyDBLogger", "ServiceLogging"] }), /^no callback/);
        assert.match(missingSpanCause({ refused: [], accepted: [], callbacks: ["_ProxyDBLogger", "OpenTelemetry"] }), /^wrong endpoint: the OpenTelemetry callback is on/);
        assert.match(missingSpanCause({ refused: [], accepted: [], callbacks: undefined }), /^wrong endpoint: the gateway's callbacks could not be read/);
    });
});

describe("the langfuse_otel export, judged as the suite does", () => {
    const keys = { publicKey: "pk-lf-test", secretKey: "sk-lf-test" };
    const request: LangfuseRequest = { ...keys, keyAlias: "explore-key", keyHash: "341dc49994d6b1793970643af9a3a8e9b45858319568f94f80c148ef2d0f6c4a", keyTags: ["team-a", "explore-tag"], requestTag: "hdr-tag", traceId: "43b93970-900d-4b28-81eb-126fd2420dd5", marker: "zzmark123" };
    // The fixture's request sent no x-litellm-trace-id; with one (measured in the suite), LiteLLM adds these two.
    const span: ReceivedSpan = { ...REAL_LANGFUSE_SPAN, attributes: { ...REAL_LANGFUSE_SPAN.attributes, "litellm.trace_id": request.traceId, "langfuse.trace.id": "43b93970900d4b2881eb126fd2420dd5" } };
    const exported: ReceivedExport = {
        receivedAtMs: 1,
        path: LANGFUSE_OTLP_PATH,
        status: 200,
        contentType: "application/x-protobuf",
        headers: { "x-langfuse-ingestion-version": "4" },
        authorization: { scheme: "Basic", sha256: createHash("sha256").update(basicAuth(keys.publicKey, keys.secretKey)).digest("hex") },
        spanCount: 2,
    };

    it("the real export holds; a wrong path, other keys, a missing header or tag are each named", () => {
        assert.deepEqual(langfuseExportProblems([exported], span, request), []);
        assert.match(langfuseExportProblems([exported], REAL_LANGFUSE_SPAN, request).join(), /langfuse\.trace\.id is "", want 43b93970900d4b2881eb126fd2420dd5/);
        assert.match(langfuseExportProblems([{ ...exported, path: "/v1/traces" }], span, request).join(), /posted to \/v1\/traces/);
        assert.match(langfuseExportProblems([exported], span, { ...request, secretKey: "sk-lf-other" }).join(), /not Basic base64\(publicKey:secretKey\)/);
        assert.match(langfuseExportProblems([{ ...exported, headers: {} }], span, request).join(), /x-langfuse-ingestion-version is absent/);
        assert.match(langfuseExportProblems([exported], span, { ...request, requestTag: "other" }).join(), /lacks the request tag "other"/);
        assert.match(langfuseExportProblems([], undefined, request).join(), /no export with spans arrived/);
    });
});
