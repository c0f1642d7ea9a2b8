/**
 * `otel-trace`: one completion with a tagged key produces a span at an OTLP receiver the check can query,
 * within a deadline, carrying the model group, token counts, a latency, the key's alias or hash and its tags,
 * and no raw prompt where none may be (the guardrail's SSN; any prompt with prompts not logged). When no
 * span comes, the cause is told apart: refused exports (a wrong path), no OpenTelemetry callback, or a
 * callback exporting elsewhere (a wrong endpoint).
 */
import { randomUUID } from "node:crypto";
import { bearer, chatCompletion } from "../gateway-calls";
import { describeResponse, headerValue } from "../gateway-response";
import { findRequestSpan, missingSpanCause } from "../otel/find-span";
import { createOtelReceiverReader, OtelReceiverReader, OtelReceiverUnreachable } from "../otel/receiver-client";
import { keyIdentity, spanLatencyMs, spanProblems, SpanExpectation } from "../otel/span-evidence";
import { CheckFailure, fail, pass } from "../outcome";
import { ssnDigitsPattern, TEST_SSN } from "../pii";
import type { CheckContext, CheckDefinition, ResolvedOptions } from "../types";
import { needsModel } from "./requirements";

/** The exporter batches for 5 s (BatchSpanProcessor's default); the rest is margin for a loaded gateway. */
export const OTEL_TIMEOUT_MS = 45_000;
/** The receiver's clock and ours may differ a little (a container on dev). */
const CLOCK_SKEW_MS = 5_000;

export function otelTimeoutMs(options: ResolvedOptions): number {
    const v = options.extras.otelTimeoutMs;
    return typeof v === "number" && v > 0 ? v : OTEL_TIMEOUT_MS;
}

function unreachable(err: unknown): never {
    if (err instanceof OtelReceiverUnreachable) throw new CheckFailure({ expected: "the OTLP receiver's query API to answer", got: err.message, cause: "the receiver is down or --otel-query-url is wrong" });
    throw err;
}

/** The gateway's `success_callbacks`, or undefined when it does not say (older releases, refused). */
async function gatewayCallbacks(ctx: CheckContext): Promise<string[] | undefined> {
    const res = await ctx.http.get("/health/readiness/details", { headers: bearer(ctx.options.masterKey), signal: ctx.signal }).catch(() => undefined);
    const list = (res?.data as { success_callbacks?: unknown } | undefined)?.success_callbacks;
    return res?.status === 200 && Array.isArray(list) ? list.map(String) : undefined;
}

async function explainMissing(ctx: CheckContext, reader: OtelReceiverReader, sinceMs: number): Promise<string> {
    const exports = await reader.exports(sinceMs).catch(unreachable);
    return missingSpanCause({ refused: exports.filter((e) => e.status !== 200), accepted: exports.filter((e) => e.status === 200), callbacks: await gatewayCallbacks(ctx) });
}

export const otelTraceCheck: CheckDefinition = {
    id: "otel-trace",
    title: "a request's span reaches the OTLP receiver with model group, tokens, latency, key identity and tags, and no raw prompt",
    skipReason(ctx) {
        return needsModel(ctx) ?? (ctx.options.otel ? undefined : "no OTLP receiver given (--otel-query-url or OTEL_QUERY_URL)");
    },
    timeoutMs: (o) => o.checkTimeoutMs + otelTimeoutMs(o),
    async run(ctx) {
        const model = ctx.options.model as string;
        const target = ctx.options.otel as NonNullable<typeof ctx.options.otel>;
        const reader = createOtelReceiverReader(target.queryUrl, { timeoutMs: ctx.options.requestTimeoutMs, signal: ctx.signal });
        const sinceMs = Date.now() - CLOCK_SKEW_MS;
        await reader.exports(sinceMs).catch(unreachable);

        const tags = [`${ctx.runId}-otel`, "litellm-gateway-verification"];
        const key = await ctx.keys.create({ models: [model], tags });
        const marker = `otmark${randomUUID().replace(/-/g, "").slice(0, 16)}`;
        const guardrail = ctx.options.guardrail;
        const promptsLogged = target.promptsLogged !== false;
        const res = await chatCompletion(ctx, { apiKey: key.key, model, prompt: `Trace ${marker}.${guardrail ? ` My SSN is ${TEST_SSN}.` : ""} Reply with OK.` });
        if (res.status !== 200) return fail({ expected: `a completion on "${model}" to trace (200)`, got: describeResponse(res), cause: "the model is not served; nothing to trace" });

        const correlation = { callId: headerValue(res.headers, "x-litellm-call-id"), responseId: (res.data as { id?: unknown }).id as string | undefined, marker };
        const waitStarted = Date.now();
        const found = await findRequestSpan(reader, correlation, {
            sinceMs,
            deadline: waitStarted + otelTimeoutMs(ctx.options),
            signal: ctx.signal,
            onWait: ({ reason, remainingMs }) => ctx.log(`waiting for the span (${Math.round(remainingMs / 1000)} s left): ${reason}`),
        }).catch(unreachable);
        const waited = ((Date.now() - waitStarted) / 1000).toFixed(1);
        if (!found.done) {
            return fail({
                expected: `a span with litellm.call_id ${correlation.callId ?? "?"} (or gen_ai.response.id, or the prompt's marker) at ${target.queryUrl} within ${otelTimeoutMs(ctx.options)} ms`,
                got: found.reason,
                cause: await explainMissing(ctx, reader, sinceMs),
            });
        }
        const span = found.value;
        const expectation: SpanExpectation = {
            modelGroup: model,
            keyAlias: key.alias,
            keyHash: key.hash,
            keyTags: tags,
            forbidden: [
                ...(guardrail ? [{ what: "the raw SSN the guardrail masks", pattern: ssnDigitsPattern() }] : []),
                ...(promptsLogged ? [] : [{ what: "the prompt (prompts are not to be logged)", pattern: marker }]),
            ],
        };
        const problems = spanProblems(span, expectation);
        if (problems.length > 0) {
            const leak = problems.find((p) => p.startsWith("the raw SSN") || p.startsWith("the prompt"));
            return fail({
                expected: `span "${span.name}" (trace ${span.traceId}) with model group "${model}", input/output tokens > 0, latency > 0, key "${key.alias}" and tags ${tags.join(", ")}${expectation.forbidden.length ? `, without ${expectation.forbidden.map((f) => f.what).join(" or ")}` : ""}`,
                got: `missing or wrong: ${problems.join("; ")}`,
                cause: leak?.startsWith("the raw SSN")
                    ? `masked prompt leaking: the guardrail "${guardrail}" does not mask what the exporter logs (it must run pre_call, before the logging callbacks)`
                    : leak
                      ? "prompts are exported although they must not be: litellm_settings.turn_off_message_logging is not true (observability.logPrompts false)"
                      : problems.some((p) => p.startsWith("key identity"))
                        ? "key metadata is not exported: litellm_settings.redact_user_api_key_info is on, or the exporter strips metadata; spend cannot be attributed"
                        : "the exporter sends incomplete spans (usage, model group or timing missing)",
            });
        }
        return pass(
            `span "${span.name}" after ${waited} s (trace ${span.traceId}): group "${model}", ${spanLatencyMs(span)?.toFixed(0)} ms, tokens in/out, key ${keyIdentity(span, key.alias, key.hash)}, ${tags.length} key tags` +
                `${guardrail ? ", SSN masked" : ""}${promptsLogged ? "" : ", no prompt"}`,
        );
    },
};
