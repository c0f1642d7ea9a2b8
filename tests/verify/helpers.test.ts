/** Unit tests of the engine's pure helpers: error shapes, headers, redaction, backoff and polling, args. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCliArgs, usageText } from "../../verify/cli-args";
import { selectChecks } from "../../verify/engine";
import { describeError, describeResponse, headerNumber, headerValue, matchesProxyError, readProxyError } from "../../verify/gateway-response";
import { hashKey, keyAlias } from "../../verify/keys";
import { resolveOptions, runKeyDuration, VerifyUsageError } from "../../verify/options";
import { backoffDelays, pollUntil, sleep } from "../../verify/poll";
import { redactSecrets, Redactor } from "../../verify/redact";
import { formatReportTable } from "../../verify/report-table";
import { BASE_CHECK_IDS, BASE_CHECKS, CHECK_IDS } from "../../verify/checks";
import type { CheckDefinition } from "../../verify/types";

const err = (status: number, type: string, message = "m") => ({ status, data: { error: { message, type, param: null, code: String(status) } }, headers: {} });

describe("LiteLLM error shape", () => {
    it("reads the {error:{message,type,param,code}} envelope, the flat form and FastAPI's detail", () => {
        assert.deepEqual(readProxyError({ error: { message: "x", type: "budget_exceeded", param: null, code: "429" } }), { message: "x", type: "budget_exceeded", param: null, code: "429" });
        assert.deepEqual(readProxyError({ error: "No keys found" }), { message: "No keys found" });
        assert.deepEqual(readProxyError('{"error":{"type":"auth_error","code":401}}'), { message: undefined, type: "auth_error", param: undefined, code: "401" });
        assert.deepEqual(readProxyError({ detail: "Not Found" }), { message: "Not Found" });
        assert.equal(readProxyError("not json"), undefined);
        assert.equal(readProxyError({ id: "chatcmpl-1" }), undefined);
    });

    it("matches a refusal only on an accepted status AND the right error.type", () => {
        const budget = { statuses: [400, 429], type: "budget_exceeded" };
        assert.equal(matchesProxyError(err(400, "budget_exceeded"), budget), true);
        assert.equal(matchesProxyError(err(429, "budget_exceeded"), budget), true);
        assert.equal(matchesProxyError(err(401, "budget_exceeded"), budget), false);
        assert.equal(matchesProxyError(err(429, "auth_error"), budget), false);
        assert.equal(matchesProxyError({ status: 200, data: { id: "x" }, headers: {} }, budget), false);
    });

    it("describes a response with status, error.type, message and the asked-for headers", () => {
        const res = { ...err(500, "None", "boom"), headers: { "x-litellm-model-group": "a" } };
        assert.equal(describeResponse(res, ["x-litellm-model-group", "x-litellm-attempted-fallbacks"]), 'HTTP 500, error.type "None", message "boom", x-litellm-model-group: a, x-litellm-attempted-fallbacks: (absent)');
        assert.equal(describeResponse({ status: 404, data: "<html>nope</html>", headers: {} }), "HTTP 404, body <html>nope</html>");
        assert.match(describeResponse(err(400, "t", "y".repeat(500))), /message "y{200}…"/);
    });

    it("describes network errors without the request config (where the keys are)", () => {
        const axiosLike = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", config: { headers: { Authorization: "Bearer sk-secret-123456" } } });
        const text = describeError(axiosLike);
        assert.equal(text, "connect ECONNREFUSED 127.0.0.1:9");
        assert.equal(describeError(Object.assign(new Error("timeout of 5ms exceeded"), { code: "ECONNABORTED" })), "ECONNABORTED: timeout of 5ms exceeded");
    });
});

describe("header parsing", () => {
    it("reads headers case-insensitively from plain objects and getter-style headers", () => {
        assert.equal(headerValue({ "X-LiteLLM-Model-Group": "b" }, "x-litellm-model-group"), "b");
        assert.equal(headerValue({ get: (n: string) => (n === "x-a" ? "1" : undefined) }, "X-A"), "1");
        assert.equal(headerValue({ "set-cookie": ["a", "b"] }, "set-cookie"), "a");
        assert.equal(headerValue({}, "x-none"), undefined);
    });

    it("parses numeric headers and rejects non-numbers", () => {
        assert.equal(headerNumber({ "x-litellm-response-cost": "1.4e-05" }, "x-litellm-response-cost"), 0.000014);
        assert.equal(headerNumber({ "x-litellm-attempted-fallbacks": "2" }, "x-litellm-attempted-fallbacks"), 2);
        assert.equal(headerNumber({ "x-litellm-attempted-fallbacks": "" }, "x-litellm-attempted-fallbacks"), undefined);
        assert.equal(headerNumber({ "x-litellm-response-cost": "None" }, "x-litellm-response-cost"), undefined);
    });
});

describe("redaction", () => {
    it("redacts sk- keys, bearer tokens and known secrets, and keeps sk-... abbreviations", () => {
        const text = 'Bearer abc.def key=sk-AbC_12-xyz9 master=topsecretvalue short sk-...wxyz "Authorization":"Bearer sk-q1w2e3r4"';
        const out = redactSecrets(text, ["topsecretvalue"]);
        assert.ok(!out.includes("abc.def"));
        assert.ok(!out.includes("sk-AbC_12-xyz9"));
        assert.ok(!out.includes("topsecretvalue"));
        assert.ok(!out.includes("sk-q1w2e3r4"));
        assert.ok(out.includes("sk-...wxyz"));
        assert.ok(out.includes("[REDACTED]"));
    });

    it("replaces the longest known secret first and ignores too-short ones", () => {
        assert.equal(redactSecrets("abcdef abcdefgh", ["abcdef", "abcdefgh", "ab"]), "[REDACTED] [REDACTED]");
        const r = new Redactor(["master-key-1", undefined]);
        r.add("xy");
        r.add("later-added-secret");
        assert.equal(r.apply("master-key-1 later-added-secret xy"), "[REDACTED] [REDACTED] xy");
    });
});

describe("backoff and polling", () => {
    it("grows delays exponentially up to a cap", () => {
        assert.deepEqual(backoffDelays(100, 2, 500, 5), [100, 200, 400, 500, 500]);
        assert.deepEqual(backoffDelays(250, 1.6, 4000, 3), [250, 400, 640]);
    });

    it("polls until done, reporting each wait", async () => {
        let n = 0;
        const waits: number[] = [];
        const r = await pollUntil(async () => (++n >= 3 ? { done: true, value: n } : { done: false, reason: `n=${n}` }), {
            deadline: Date.now() + 5000,
            initialDelayMs: 5,
            onWait: (w) => waits.push(w.waitMs),
        });
        assert.deepEqual(r, { done: true, value: 3, attempts: 3 });
        assert.equal(waits.length, 2);
        assert.ok(waits[1] > waits[0]);
    });

    it("stops at the deadline with the last reason, never waiting past it", async () => {
        const started = Date.now();
        const r = await pollUntil(async () => ({ done: false, reason: "not yet" }), { deadline: started + 120, initialDelayMs: 50, maxDelayMs: 1000 });
        assert.equal(r.done, false);
        assert.equal(r.done === false && r.reason, "not yet");
        assert.ok(Date.now() - started < 400, "overshot the deadline");
        assert.ok(r.attempts >= 2);
    });

    it("sleep rejects as soon as the signal aborts", async () => {
        const c = new AbortController();
        const started = Date.now();
        setTimeout(() => c.abort(new Error("deadline")), 20);
        await assert.rejects(sleep(5000, c.signal), /deadline/);
        assert.ok(Date.now() - started < 1000);
    });
});

describe("keys, options and check selection", () => {
    it("hashes keys with plain sha256 (LiteLLM hash_token) and builds valid aliases", () => {
        assert.equal(hashKey("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert.equal(keyAlias("vr1", "key-expiry", "1"), "vr1-key-expiry-1");
        assert.equal(keyAlias("vr1", "budget", "a b"), "vr1-budget-a-b");
        assert.throws(() => keyAlias("vr1", "x", "-"), /alias format/);
    });

    it("applies defaults and rejects missing URL/key and bad numbers", () => {
        const o = resolveOptions({ gatewayUrl: "http://h:4000/", masterKey: "sk-m" });
        assert.equal(o.gatewayUrl, "http://h:4000");
        assert.equal(o.spendLogTimeoutMs, 60_000);
        assert.match(o.runId, /^vr[a-z0-9]+$/);
        assert.equal(runKeyDuration(o), "7m");
        assert.throws(() => resolveOptions({ gatewayUrl: "", masterKey: "k" }), VerifyUsageError);
        assert.throws(() => resolveOptions({ gatewayUrl: "h:4000", masterKey: "k" }), /http/);
        assert.throws(() => resolveOptions({ gatewayUrl: "http://h", masterKey: "" }), /master key/);
        assert.throws(() => resolveOptions({ gatewayUrl: "http://h", masterKey: "k", maxTokens: 0 }), /positive/);
        assert.throws(() => resolveOptions({ gatewayUrl: "http://h", masterKey: "k", runId: "bad id" }), /run id/);
    });

    it("selects checks by id in registry order and rejects unknown ids", () => {
        assert.deepEqual(selectChecks(BASE_CHECKS, ["fallback", "health"]).map((c) => c.id), ["health", "fallback"]);
        assert.equal(selectChecks(BASE_CHECKS, undefined).length, BASE_CHECKS.length);
        assert.throws(() => selectChecks(BASE_CHECKS, ["health", "nope"]), /unknown check id\(s\): nope/);
        assert.deepEqual([...BASE_CHECK_IDS], ["health", "auth-required", "completion", "key-allowlist", "key-expiry", "budget", "spend-logs", "fallback"]);
        assert.deepEqual(CHECK_IDS.slice(0, BASE_CHECK_IDS.length), [...BASE_CHECK_IDS], "capability checks come after the base suite");
        assert.equal(new Set(CHECK_IDS).size, CHECK_IDS.length, "check ids are unique");
    });

    it("accepts a registry extended by one entry", () => {
        const extra: CheckDefinition = { id: "cache", title: "t", skipReason: () => undefined, run: async () => ({ status: "pass", message: "" }) };
        assert.deepEqual(selectChecks([...BASE_CHECKS, extra], ["cache"]).map((c) => c.id), ["cache"]);
    });
});

describe("CLI arguments", () => {
    it("reads flags (space and = forms), lists, numbers and env fallbacks; flags win over env", () => {
        const s = parseCliArgs(["--gateway-url", "http://g", "--model=m", "--only", "health, budget", "--spend-log-timeout-ms", "90000", "--expect-cache"], {
            GATEWAY_URL: "http://env",
            LITELLM_MASTER_KEY: "sk-env-master",
        });
        assert.equal(s.options.gatewayUrl, "http://g");
        assert.equal(s.options.masterKey, "sk-env-master");
        assert.equal(s.options.model, "m");
        assert.deepEqual(s.options.only, ["health", "budget"]);
        assert.equal(s.options.spendLogTimeoutMs, 90000);
        assert.equal(s.options.expectCache, true);
        assert.equal(s.help, false);
    });

    it("assembles Langfuse only from all three values", () => {
        const env = { LANGFUSE_HOST: "http://lf", LANGFUSE_PUBLIC_KEY: "pk", LANGFUSE_SECRET_KEY: "sk-lf-secret" };
        assert.deepEqual(parseCliArgs([], env).options.langfuse, { url: "http://lf", publicKey: "pk", secretKey: "sk-lf-secret" });
        assert.equal(parseCliArgs([], { LANGFUSE_HOST: "http://lf" }).options.langfuse, undefined);
        assert.throws(() => parseCliArgs(["--langfuse-url", "http://lf"], {}), /all three/);
    });

    it("rejects unknown flags, stray arguments, missing values and bad numbers", () => {
        assert.throws(() => parseCliArgs(["--nope"], {}), /unknown flag --nope/);
        assert.throws(() => parseCliArgs(["positional"], {}), /unexpected argument/);
        assert.throws(() => parseCliArgs(["--model"], {}), /needs a value/);
        assert.throws(() => parseCliArgs(["--max-tokens", "many"], {}), /needs a number/);
        assert.throws(() => parseCliArgs(["--expect-cache=maybe"], {}), /takes no value/);
    });

    it("documents every flag and check id in --help", () => {
        const text = usageText(CHECK_IDS);
        for (const flag of ["--gateway-url", "--master-key", "--model", "--fallback-model", "--only", "--json", "--spend-log-timeout-ms", "--help"]) assert.ok(text.includes(flag), flag);
        for (const id of CHECK_IDS) assert.ok(text.includes(id), id);
    });
});

describe("report table", () => {
    it("shows each check, the totals and the verdict", () => {
        const text = formatReportTable({
            ok: false,
            durationMs: 12_300,
            usage: { promptTokens: 30, completionTokens: 20, costUsd: 0.000063 },
            checks: [
                { id: "health", status: "pass", durationMs: 100, message: "alive" },
                { id: "fallback", status: "skip", durationMs: 0, message: "no fallback group given" },
                { id: "budget", status: "fail", durationMs: 2000, message: "expected x; got y; likely cause: z" },
            ],
        });
        assert.match(text, /^CHECK\s+STATUS\s+TIME\s+MESSAGE/);
        assert.match(text, /budget\s+FAIL\s+2\.0s\s+expected x/);
        assert.match(text, /FAILED: 1 passed, 1 failed, 1 skipped in 12\.3s · tokens 30 prompt \+ 20 completion · cost \$0\.000063/);
    });
});
