/**
 * The `langfuse-trace` check through the real engine, against the LiteLLM simulator exporting to the
 * Langfuse simulator: it passes on a faithful v3 and v4 server (each read through its own API), fails on
 * every Langfuse fault with the cause, skips without Langfuse, and proves guardrail masking of the input.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { langfuseTraceCheck } from "../../verify/checks/langfuse-trace";
import { TEST_SSN } from "../../verify/pii";
import type { SimExtension } from "../standins/litellm-sim";
import { createLangfuseSim, LangfuseSim, LangfuseSimFaults, LangfuseSimOptions, langfuseExporter } from "../standins/langfuse-sim";
import { assertNoRawKeys, fastOptions, startSim } from "../verify/fixtures";
import { maskSsnExtension as maskSsn } from "../standins/mask-ssn";

const closers: (() => Promise<void>)[] = [];
after(async () => {
    await Promise.all(closers.map((c) => c()));
});


async function setup(lf: LangfuseSimOptions = {}, extensions: SimExtension[] = []) {
    const langfuse: LangfuseSim = createLangfuseSim({ ingestionDelayMs: 200, ...lf });
    await langfuse.listen();
    const gateway = await startSim({ extensions: [...extensions, langfuseExporter(langfuse)] });
    closers.push(() => langfuse.close(), () => gateway.close());
    return { langfuse, gateway };
}

async function run(env: Awaited<ReturnType<typeof setup>>, extra: { timeoutMs?: number; guardrail?: string; secretKey?: string } = {}) {
    const logs: string[] = [];
    const { langfuse, gateway } = env;
    const report = await runVerification(
        fastOptions(gateway, {
            only: ["langfuse-trace"],
            guardrail: extra.guardrail,
            langfuse: { url: langfuse.url, publicKey: langfuse.options.publicKey, secretKey: extra.secretKey ?? langfuse.options.secretKey },
            extras: { langfuseTimeoutMs: extra.timeoutMs ?? 4000 },
        }),
        { checks: [langfuseTraceCheck], log: (l) => logs.push(l) },
    );
    const result = report.checks[0];
    assert.equal(result.id, "langfuse-trace");
    assertNoRawKeys(JSON.stringify(report) + logs.join("\n"), [gateway.options.masterKey, langfuse.options.secretKey]);
    assert.deepEqual(gateway.keys(), [], "the run's key is deleted");
    return { result, logs };
}

describe("langfuse-trace on faithful servers", { concurrency: true }, () => {
    it("v4: reads /api/public/v2/observations (never the v1 traces API) and proves model, latency, tokens and key", async () => {
        const env = await setup({ major: 4 });
        const { result } = await run(env);
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /Langfuse 4\.16\.0 \(v2-observations\)/);
        // LiteLLM's OTel export names the span litellm_request: the key is found in its metadata (measured).
        assert.match(result.message, /model "openai\/stub-model", [\d.]+ s, \d+\+\d+ tokens, key by metadata user_api_key_alias/);
        const paths = env.langfuse.requests.map((r) => r.path);
        assert.ok(!paths.includes("/api/public/traces"), "v4 is never asked for v1 traces");
        const reads = env.langfuse.requests.filter((r) => r.path === "/api/public/v2/observations");
        assert.ok(reads.length > 0);
        for (const r of reads) {
            assert.ok(typeof r.query.fromStartTime === "string" || typeof r.query.filter === "string", "every read is bounded by time or narrowed by tag");
            assert.match(String(r.query.fields), /model.*usage.*metrics/, "the field groups the assertions need are requested");
        }
    });

    it("v3: reads /api/public/traces then the trace by id", async () => {
        const env = await setup({ major: 3 });
        const { result } = await run(env);
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /Langfuse 3\.225\.4 \(v1-traces\)/);
        const paths = env.langfuse.requests.map((r) => r.path);
        assert.ok(!paths.includes("/api/public/v2/observations"), "v3 is never asked for v2 observations");
        assert.ok(paths.some((p) => /^\/api\/public\/traces\/[0-9a-f-]{36}$/.test(p)), "the trace is read by its id (the x-litellm-trace-id uuid)");
        const list = env.langfuse.requests.find((r) => r.path === "/api/public/traces");
        assert.match(String(list?.query.fromTimestamp), /^\d{4}-\d{2}-\d{2}T.*Z$/);
    });

    it("passes when the key is only identifiable through metadata (no alias in the generation name)", async () => {
        const env = await setup({ major: 4 });
        // The OTel logger names spans itself; only the metadata carries the key.
        const ingest = env.langfuse.ingest.bind(env.langfuse);
        env.langfuse.ingest = (gen) => ingest({ ...gen, name: "litellm_request" });
        const { result } = await run(env);
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /key by metadata user_api_key_alias/);
    });

    it("with a masking guardrail: passes and says the input was masked", async () => {
        const env = await setup({ major: 4 }, [maskSsn]);
        const { result } = await run(env, { guardrail: "presidio-pii" });
        assert.equal(result.status, "pass", result.message);
        assert.match(result.message, /input masked/);
    });

    it("skips without Langfuse settings", async () => {
        const { gateway } = await setup();
        const report = await runVerification(fastOptions(gateway, { only: ["langfuse-trace"] }), { checks: [langfuseTraceCheck] });
        assert.equal(report.checks[0].status, "skip");
        assert.match(report.checks[0].message, /--langfuse-url/);
    });
});

const FAULTS: { fault: keyof LangfuseSimFaults; major: 3 | 4; got: RegExp; cause: RegExp }[] = [
    { fault: "tracesNeverAppear", major: 4, got: /no generation with the request's trace id, tag or marker yet/, cause: /not exporting.*langfuse_otel/ },
    { fault: "tracesNeverAppear", major: 3, got: /no trace with the request's trace id, tag or marker yet/, cause: /not exporting/ },
    { fault: "traceLacksKeyIdentity", major: 4, got: /no key identity: generation name "litellm-acompletion", no user_api_key_alias/, cause: /redact_user_api_key_info/ },
    { fault: "traceLacksKeyIdentity", major: 3, got: /no key identity/, cause: /spend cannot be attributed/ },
    { fault: "wrongApiVersion", major: 3, got: /HTTP 404 .*events_only/, cause: /reports 3\.225\.4 but does not serve GET \/api\/public\/traces/ },
    { fault: "wrongApiVersion", major: 4, got: /HTTP 404 .*events_only/, cause: /reports 3\.225\.4 but does not serve/ },
];

describe("langfuse-trace fails on each Langfuse fault", { concurrency: true }, () => {
    for (const row of FAULTS) {
        it(`v${row.major}: ${row.fault}`, async () => {
            const env = await setup({ major: row.major, faults: { [row.fault]: true } });
            const { result } = await run(env, { timeoutMs: 1500 });
            assert.equal(result.status, "fail", result.message);
            assert.match(result.message, /^expected .+; got .+; likely cause: .+/s);
            assert.match(result.message, row.got);
            assert.match(result.message, row.cause);
        });
    }

    it("a guardrail that does not mask: the raw SSN in the logged input fails the check", async () => {
        const env = await setup({ major: 3 });
        const { result } = await run(env, { guardrail: "presidio-pii" });
        assert.equal(result.status, "fail");
        assert.match(result.message, /logged input holds a value that must have been masked \(the test SSN's digits\).*does not mask before logging/);
        assert.ok(!result.message.includes(TEST_SSN), "the report does not repeat the SSN");
    });

    it("a wrong secret key is refused at once, and the key never appears in the report", async () => {
        const env = await setup({ major: 4 });
        const started = Date.now();
        const { result } = await run(env, { secretKey: "sk-lf-wrong-secret-0000", timeoutMs: 10_000 });
        assert.equal(result.status, "fail");
        assert.match(result.message, /HTTP 401.*key pair was refused/);
        assert.ok(Date.now() - started < 5000, "no polling on an auth failure");
        assert.ok(!result.message.includes("sk-lf-wrong-secret-0000"));
    });

    it("an ingestion delay beyond the deadline fails with the wait it allowed", async () => {
        const env = await setup({ major: 4, ingestionDelayMs: 5000 });
        const { result } = await run(env, { timeoutMs: 1200 });
        assert.equal(result.status, "fail");
        assert.match(result.message, /within 1200 ms/);
    });

    it("an unreachable Langfuse fails on health with the URL", async () => {
        const env = await setup({ major: 4 });
        await env.langfuse.close();
        const { result } = await run(env);
        assert.equal(result.status, "fail");
        assert.match(result.message, /api\/public\/health.*ECONNREFUSED/);
    });
});
