/** Parity drift is reported field by field, and the simulator variant follows the version under test. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDrift, parityDrift } from "../parity/compare";
import { simVersionFor } from "../parity/run-parity";
import type { Observation } from "../parity/scenario";

const ok = (row: Record<string, unknown>, headers: Record<string, string | undefined> = {}): Observation => ({
    step: "completion",
    status: 200,
    headers: { "x-litellm-response-cost": "0.00017", "x-litellm-model-group": "chat", ...headers },
    id: "chatcmpl-1",
    keyHash: "h",
    row: { request_id: "chatcmpl-1", api_key: "h", spend: 0.00017, model: "openai/stub-model", model_group: "chat", prompt_tokens: 7, completion_tokens: 5, cache_hit: "False", status: "success", ...row },
});

describe("parityDrift", () => {
    it("finds nothing when the runs agree (ids and hashes compared by form)", () => {
        const sim = { ...ok({}), id: "chatcmpl-2", keyHash: "g", row: { ...ok({}).row, request_id: "chatcmpl-2", api_key: "g" } };
        assert.deepEqual(parityDrift([ok({})], [sim]), []);
    });

    it("names the step and the field of each drift", () => {
        const drifts = parityDrift([ok({ model_group: "" })], [ok({})]);
        assert.deepEqual(drifts.map(formatDrift), ['completion: row.model_group: real "", simulator "chat"']);
    });

    it("compares status, error.type and the checks' headers", () => {
        const refused = (status: number, type: string): Observation => ({ step: "budget", status, errorType: type, headers: {} });
        assert.deepEqual(parityDrift([refused(400, "budget_exceeded")], [refused(429, "budget_exceeded")]).map((d) => d.field), ["status"]);
        const drifts = parityDrift([ok({}, { "x-litellm-cache-key": "litellm.caching:ab" })], [ok({})]);
        assert.deepEqual(drifts.map((d) => d.field), ["header x-litellm-cache-key"]);
        assert.deepEqual(parityDrift([ok({}, { "x-litellm-applied-guardrails": "p,p" })], [ok({}, { "x-litellm-applied-guardrails": "p" })]), []);
    });

    it("a step the simulator never answered is a drift", () => {
        assert.equal(parityDrift([ok({})], [])[0].field, "step");
    });
});

describe("simVersionFor", () => {
    it("1.83.x → the measured 1.83 variant; 1.84–1.103 → 1.84; 1.104+ → 1.104; older → 1.82", () => {
        assert.equal(simVersionFor("1.83.10"), "1.83");
        assert.equal(simVersionFor("1.108.7"), "1.104");
        assert.equal(simVersionFor("1.110.2"), "1.104");
        assert.equal(simVersionFor("1.103.1"), "1.84");
        assert.equal(simVersionFor("1.84.0"), "1.84");
        assert.equal(simVersionFor("1.82.1"), "1.82");
    });
});
