/**
 * The simulator's SSN recognizer agrees with Presidio's UsSsnRecognizer as documented in
 * langfuse-presidio.md §8 (the scores the reference computed, the numbers it rejects), and the check's
 * leak detector finds the digits in any format.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeSsn, maskSsn } from "../standins/litellm-sim/presidio-ssn";
import { holdsSsnDigits, ssnLeakPaths, TEST_SSN } from "../../verify/pii";

describe("simulated Presidio US_SSN recognizer", () => {
    it("'My SSN is 219-09-9999.' → one US_SSN at 10..21 scored 0.85, anonymized to <US_SSN>", () => {
        assert.deepEqual(analyzeSsn("My SSN is 219-09-9999."), [{ entity_type: "US_SSN", start: 10, end: 21, score: 0.85 }]);
        assert.equal(maskSsn("My SSN is 219-09-9999.").text, "My SSN is <US_SSN>.");
    });

    it("without a context word among the 5 preceding words the score stays 0.5", () => {
        assert.equal(analyzeSsn("The number 219-09-9999 again")[0].score, 0.5);
        assert.equal(analyzeSsn("SSN one two three four five six 219-09-9999")[0].score, 0.5);
        assert.equal(analyzeSsn("my social security number: 219-09-9999")[0].score, 0.85);
    });

    it("detects what the reference lists as base score 0.5", () => {
        for (const ssn of ["219-09-9999", "900-12-3456", "111-22-9999", "536-90-4399", "234-56-7890", "412 55 8921"]) {
            assert.equal(analyzeSsn(`value ${ssn} end`)[0]?.score, 0.5, ssn);
        }
    });

    it("rejects what the reference lists as invalid, so these are never masked", () => {
        for (const ssn of ["123-45-6789", "078-05-1120", "987-65-4321", "666-12-3456", "000-12-3456", "555-00-1234", "555-12-0000", "111-11-1111", "412.55-8921", "123456789"]) {
            assert.equal(maskSsn(`My SSN is ${ssn}.`).text, `My SSN is ${ssn}.`, ssn);
        }
    });

    it("a score threshold above 0.5 drops an SSN without context (the reason the check's prompt says 'SSN')", () => {
        assert.deepEqual(analyzeSsn("number 219-09-9999", 0.6), []);
        assert.equal(analyzeSsn("SSN 219-09-9999", 0.6).length, 1);
    });
});

describe("SSN leak detection", () => {
    it("finds the digits with dashes, spaces, dots or none, and only in strings", () => {
        for (const text of ["219-09-9999", "219 09 9999", "219.09.9999", "219099999", "id=219-09-9999x"]) assert.ok(holdsSsnDigits(text), text);
        for (const text of ["<US_SSN>", "219-09-999", "2190-9999", "123-45-6789"]) assert.ok(!holdsSsnDigits(text), text);
        assert.deepEqual(ssnLeakPaths({ spend: 219099999, body: { messages: [{ content: "ok" }, { content: `x ${TEST_SSN}` }] } }), ["body.messages[1].content"]);
        assert.deepEqual(ssnLeakPaths({ input: JSON.stringify([{ role: "user", content: TEST_SSN }]) }), ["input[0].content"]);
    });
});
