/** The gateway writes one instant in two forms (measured on LiteLLM 1.108.7); the access providers must read one. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalTimestamp, keyFromApi } from "../../verify/admin-api";

describe("canonicalTimestamp", () => {
    it("reads /key/generate's and /key/list's forms of one instant as the same string", () => {
        const fromGenerate = canonicalTimestamp("2027-01-06T03:37:57.873000+00:00");
        const fromList = canonicalTimestamp("2027-01-06T03:37:57.873000Z");
        assert.equal(fromGenerate, "2027-01-06T03:37:57.873Z");
        assert.equal(fromList, fromGenerate);
    });

    it("keeps a different instant different, null stays null, and an unparseable value is kept as it came", () => {
        assert.notEqual(canonicalTimestamp("2027-01-06T03:37:58.000000Z"), canonicalTimestamp("2027-01-06T03:37:57.873000Z"));
        assert.equal(canonicalTimestamp(null), null);
        assert.equal(canonicalTimestamp(undefined), null);
        assert.equal(canonicalTimestamp("never"), "never");
    });

    it("keyFromApi gives the same expires for a key read by info and by listing", () => {
        const row = { key_alias: "a-key", models: ["chat"], metadata: {} };
        const byInfo = keyFromApi({ ...row, expires: "2027-01-06T03:37:57.873000+00:00" });
        const byList = keyFromApi({ ...row, expires: "2027-01-06T03:37:57.873000Z" });
        assert.deepEqual(byInfo, byList);
    });
});
