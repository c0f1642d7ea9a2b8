/**
 * `langfuse-trace`: one tagged, correlated request through the gateway lands in Langfuse with the model,
 * latency > 0, input/output tokens > 0 and the virtual key's identity; with a guardrail, the logged input
 * holds no raw SSN. The server's major (`/api/public/health`) picks the read API: v1 traces on v3, v2
 * observations on v4 (which answers 404 on v1 in `events_only` mode).
 */
import { randomUUID } from "node:crypto";
import { chatCompletion } from "../gateway-calls";
import { describeResponse, headerValue } from "../gateway-response";
import { generationProblems, keyIdentityEvidence, RequestCorrelation } from "../langfuse/assertions";
import { createLangfuseReader, LangfuseUnreachable } from "../langfuse/client";
import { findGeneration, LangfuseReadRefused } from "../langfuse/find";
import { majorOf, parseHealth, readApiFor } from "../langfuse/version";
import { CheckFailure, fail, pass } from "../outcome";
import type { CheckContext, CheckDefinition, ResolvedOptions } from "../types";
import { needsModel } from "./requirements";
import { ssnDigitsPattern, TEST_SSN } from "../pii";

/** How long to wait for the trace: exporter batching (~5 s) plus Langfuse's queue, with margin (reference: 60–120 s). */
export const LANGFUSE_TIMEOUT_MS = 90_000;


/** `extras.langfuseTimeoutMs` overrides the wait (tests use a few seconds). */
export function langfuseTimeoutMs(options: ResolvedOptions): number {
    const v = options.extras.langfuseTimeoutMs;
    return typeof v === "number" && v > 0 ? v : LANGFUSE_TIMEOUT_MS;
}

async function serverApi(ctx: CheckContext, reader: ReturnType<typeof createLangfuseReader>) {
    const url = ctx.options.langfuse?.url;
    const res = await reader.health().catch((err: unknown) => {
        throw new CheckFailure({ expected: `GET ${url}/api/public/health to answer`, got: err instanceof LangfuseUnreachable ? err.message : String(err), cause: "Langfuse is down or --langfuse-url is wrong" });
    });
    const health = parseHealth(res.data);
    if (res.status !== 200 || !health || health.status !== "OK") {
        throw new CheckFailure({ expected: `GET ${url}/api/public/health → 200 {"status":"OK","version":…}`, got: describeResponse({ ...res, headers: {} }), cause: "Langfuse is unhealthy (its database or ClickHouse is down) or the URL is not a Langfuse server" });
    }
    const major = majorOf(health.version);
    const api = major === undefined ? undefined : readApiFor(major);
    if (!api) throw new CheckFailure({ expected: "a Langfuse 2.x, 3.x or 4.x version in /api/public/health", got: `version "${health.version}"`, cause: "not a Langfuse server this check can read" });
    return { version: health.version, api };
}

export const langfuseTraceCheck: CheckDefinition = {
    id: "langfuse-trace",
    title: "a request's trace lands in Langfuse with model, latency, tokens and key identity",
    skipReason(ctx) {
        return needsModel(ctx) ?? (ctx.options.langfuse ? undefined : "no Langfuse given (--langfuse-url/--langfuse-public-key/--langfuse-secret-key or LANGFUSE_HOST/_PUBLIC_KEY/_SECRET_KEY)");
    },
    timeoutMs: (o) => o.checkTimeoutMs + langfuseTimeoutMs(o),
    async run(ctx) {
        const model = ctx.options.model as string;
        const target = ctx.options.langfuse as NonNullable<typeof ctx.options.langfuse>;
        const reader = createLangfuseReader(target, { timeoutMs: ctx.options.requestTimeoutMs, signal: ctx.signal });
        const { version, api } = await serverApi(ctx, reader);
        ctx.log(`Langfuse ${version}: reading through ${api === "v1-traces" ? "/api/public/traces" : "/api/public/v2/observations"}`);

        const key = await ctx.keys.create({ models: [model] });
        const correlation: RequestCorrelation = { traceId: randomUUID(), tag: `${ctx.runId}-langfuse`, marker: `lfmark${randomUUID().replace(/-/g, "").slice(0, 16)}` };
        const guardrail = ctx.options.guardrail;
        const prompt = `Trace ${correlation.marker}.${guardrail ? ` My SSN is ${TEST_SSN}.` : ""} Reply with OK.`;
        const requestedAt = new Date();
        const res = await chatCompletion(ctx, {
            apiKey: key.key,
            model,
            prompt,
            headers: { "x-litellm-trace-id": correlation.traceId, "x-litellm-tags": correlation.tag },
            // The guardrail is NOT requested: it must be default_on, or raw PII reaches the trace.
        });
        if (res.status !== 200) {
            return fail({ expected: `a completion on "${model}" to trace (200)`, got: describeResponse(res), cause: "the model is not served; nothing to trace" });
        }

        const waitStarted = Date.now();
        const found = await findGeneration(reader, api, correlation, {
            requestedAt,
            deadline: waitStarted + langfuseTimeoutMs(ctx.options),
            signal: ctx.signal,
            onWait: ({ reason, remainingMs }) => ctx.log(`waiting for the trace (${Math.round(remainingMs / 1000)} s left): ${reason}`),
        }).catch((err: unknown) => {
            if (err instanceof LangfuseReadRefused) {
                const cause =
                    err.status === 401 || err.status === 403
                        ? "the Langfuse key pair was refused: use the project's public and secret keys"
                        : err.status === 404
                          ? `Langfuse reports ${version} but does not serve ${err.endpoint}: a v4 server in events_only mode behind a wrong version, a proxy rewriting paths, or a preview opt-in switched off`
                          : "the read API rejected the query";
                throw new CheckFailure({ expected: `${err.endpoint} → 200`, got: `HTTP ${err.status} ${err.body}`.trim(), cause });
            }
            if (err instanceof LangfuseUnreachable) throw new CheckFailure({ expected: "Langfuse's read API to answer", got: err.message, cause: "Langfuse went away during the check" });
            throw err;
        });
        const waited = ((Date.now() - waitStarted) / 1000).toFixed(1);
        if (!found.done) {
            return fail({
                expected: `a generation with trace id ${correlation.traceId}, tag "${correlation.tag}" or the prompt's marker within ${langfuseTimeoutMs(ctx.options)} ms (Langfuse ${version})`,
                got: found.reason,
                cause: "the gateway is not exporting: the langfuse_otel callback is missing, LANGFUSE_OTEL_HOST/keys are wrong, or (v4) the classic `langfuse` callback is used, whose events v4 silently drops",
            });
        }
        const gen = found.value;
        const problems = generationProblems(gen, {
            modelGroup: model,
            responseModel: typeof (res.data as { model?: unknown }).model === "string" ? (res.data as { model: string }).model : undefined,
            modelId: headerValue(res.headers, "x-litellm-model-id"),
            keyAlias: key.alias,
            keyHash: key.hash,
            forbiddenInput: guardrail ? [ssnDigitsPattern()] : [],
        });
        if (problems.length > 0) {
            const identityMissing = problems.some((p) => p.startsWith("no key identity"));
            return fail({
                expected: `trace ${gen.traceId}: model "${model}", latency > 0, input/output tokens > 0, key "${key.alias}"${guardrail ? ", no raw SSN in the input" : ""}`,
                got: problems.join("; "),
                cause: identityMissing
                    ? "key metadata is not logged: litellm_settings.redact_user_api_key_info is on, or the callback strips metadata; spend cannot be attributed"
                    : problems.some((p) => p.startsWith("the logged input holds"))
                      ? `the guardrail "${guardrail}" does not mask before logging (it must run pre_call)`
                      : "the exporter sends incomplete generations (usage or timing missing)",
            });
        }
        const identity = keyIdentityEvidence(gen, key.alias, key.hash);
        return pass(
            `Langfuse ${version} (${gen.source}) after ${waited} s: trace ${gen.traceId}, model "${gen.model}", ${gen.latencySeconds} s, ` +
                `${gen.inputTokens}+${gen.outputTokens} tokens, key by ${identity}${guardrail ? ", input masked" : ""}`,
        );
    },
};
