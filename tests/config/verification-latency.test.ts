/**
 * Config `verification.latency`: the `latency` check's SLO and sample. Defaults are the engine's; a bad value
 * names its key and a specific fix; a misspelt key is an error.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSpec } from "../../config/spec";
import { DEFAULTS, resolveOptions } from "../../verify/options";
import { configProblems, rawConfig } from "../helpers/raw-config";

const withLatency = (latency: unknown) => () => parseSpec(rawConfig("dev", { verification: { latency } }));

describe("verification.latency", () => {
    test("defaults to the engine's: no SLO set (the engine's default, 500 ms, gates only a confirmed large miss), 20 requests, 2 at a time", () => {
        const spec = parseSpec(rawConfig("dev"));
        assert.deepEqual(spec.verification.latency, { requests: 20, concurrency: 2 });
        assert.deepEqual(spec.verification.latency, { requests: DEFAULTS.latencyRequests, concurrency: DEFAULTS.latencyConcurrency });
        const engine = resolveOptions({ gatewayUrl: "http://gw", masterKey: "sk-x", ...spec.verification.latency });
        assert.deepEqual([engine.overheadP95Ms, engine.overheadSloStrict], [500, false]);
    });

    test("a fraction below the range is one problem, though two of zod's checks refuse it", () => {
        const problems = configProblems(withLatency({ requests: 0.5 }));
        assert.deepEqual(problems.map((p) => p.key), ["litellm-gateway:verification.latency.requests"]);
    });

    test("with the guardrail on, the engine's default SLO is the guardrail's (2500 ms); a given SLO wins and is strict", () => {
        const guarded = parseSpec(rawConfig("dev", { guardrails: { enabled: true } }));
        assert.equal(guarded.verification.latency.overheadP95Ms, undefined);
        const engine = resolveOptions({ gatewayUrl: "http://gw", masterKey: "sk-x", guardrail: "presidio-pii", overheadP95Ms: guarded.verification.latency.overheadP95Ms });
        assert.deepEqual([engine.overheadP95Ms, engine.overheadSloStrict], [2500, false]);
        const given = parseSpec(rawConfig("dev", { guardrails: { enabled: true }, verification: { latency: { overheadP95Ms: 300 } } }));
        assert.equal(given.verification.latency.overheadP95Ms, 300);
        const strict = resolveOptions({ gatewayUrl: "http://gw", masterKey: "sk-x", guardrail: "presidio-pii", overheadP95Ms: given.verification.latency.overheadP95Ms });
        assert.deepEqual([strict.overheadP95Ms, strict.overheadSloStrict], [300, true]);
    });

    test("tightening the SLO keeps the other defaults, and the rest of verification", () => {
        const spec = parseSpec(rawConfig("dev", { verification: { mode: "warn", latency: { overheadP95Ms: 50 } } }));
        assert.deepEqual(spec.verification.latency, { overheadP95Ms: 50, requests: 20, concurrency: 2 });
        assert.equal(spec.verification.mode, "warn");
        assert.equal(spec.verification.spendLogTimeoutSeconds, 60);
    });

    test("each bad value names its key and a specific fix", () => {
        const cases: [unknown, string, RegExp][] = [
            [{ overheadP95Ms: 0 }, "verification.latency.overheadP95Ms", /e\.g\. 500 \(the default; 2500 with guardrails\.enabled\), or about twice the p95/],
            [{ overheadP95Ms: 120_000 }, "verification.latency.overheadP95Ms", /e\.g\. 500/],
            [{ requests: 2.5 }, "verification.latency.requests", /use 20 \(the default\)/],
            [{ requests: 1000 }, "verification.latency.requests", /use 20 \(the default\)/],
            [{ concurrency: 0 }, "verification.latency.concurrency", /use 2 \(the default\)/],
        ];
        for (const [latency, key, fix] of cases) {
            const problems = configProblems(withLatency(latency));
            assert.equal(problems.length, 1, JSON.stringify(problems));
            assert.equal(problems[0].key, `litellm-gateway:${key}`);
            assert.match(problems[0].fix, fix, key);
        }
    });

    test("a value of the wrong type, and a misspelt key, are errors", () => {
        assert.match(configProblems(withLatency({ overheadP95Ms: "fast" }))[0].fix, /set a number, e.g. `pulumi config set --path verification\.latency\.overheadP95Ms <number>`/);
        const unknown = configProblems(withLatency({ overheadP99Ms: 100 }));
        assert.equal(unknown[0].key, "litellm-gateway:verification.latency.overheadP99Ms");
        assert.equal(unknown[0].message, "is an unknown key of verification.latency");
        assert.match(unknown[0].fix, /did you mean overheadP95Ms\?/);
    });
});
