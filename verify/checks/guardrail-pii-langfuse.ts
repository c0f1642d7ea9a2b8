/**
 * The Langfuse leg of `guardrail-pii`: when a Langfuse target is given, the trace of the SSN request must
 * hold no SSN digits either. Masking that reaches the model but not the logging sinks is a known failure
 * (`logging_only` left `standard_logging_object` unmasked, BerriAI/litellm#35951), so the model call alone
 * proves too little. Reads through verify/langfuse/ (the `langfuse-trace` check's reader).
 */
import { createLangfuseReader, LangfuseUnreachable } from "../langfuse/client";
import type { RequestCorrelation } from "../langfuse/assertions";
import { findGeneration, LangfuseReadRefused } from "../langfuse/find";
import { majorOf, parseHealth, readApiFor } from "../langfuse/version";
import { CheckFailure } from "../outcome";
import { MASKED_SSN, allText, ssnLeakPaths } from "../pii";
import type { CheckContext, LangfuseTarget } from "../types";

/**
 * Finds the request's generation and throws a CheckFailure if its input, metadata or the trace holds the SSN
 * digits. Resolves to a short note for the pass message.
 */
export async function assertLangfuseInputMasked(ctx: CheckContext, target: LangfuseTarget, correlation: RequestCorrelation, requestedAt: Date, timeoutMs: number): Promise<string> {
    const reader = createLangfuseReader(target, { timeoutMs: ctx.options.requestTimeoutMs, signal: ctx.signal });
    const unreachable = (err: unknown): never => {
        if (err instanceof LangfuseUnreachable) throw new CheckFailure({ expected: "Langfuse to answer", got: err.message, cause: "Langfuse is down or --langfuse-url is wrong" });
        if (err instanceof LangfuseReadRefused) throw new CheckFailure({ expected: `${err.endpoint} → 200`, got: `HTTP ${err.status}`, cause: "Langfuse refused the read (keys or API version); see the langfuse-trace check" });
        throw err;
    };
    const health = await reader.health().catch(unreachable);
    const parsed = parseHealth(health.data);
    const major = parsed ? majorOf(parsed.version) : undefined;
    const api = major === undefined ? undefined : readApiFor(major);
    if (health.status !== 200 || !api) {
        throw new CheckFailure({ expected: "GET /api/public/health → a Langfuse 2.x–4.x version", got: `HTTP ${health.status}`, cause: "--langfuse-url is not a healthy Langfuse server" });
    }
    const started = Date.now();
    const found = await findGeneration(reader, api, correlation, {
        requestedAt,
        deadline: started + timeoutMs,
        signal: ctx.signal,
        onWait: ({ reason, remainingMs }) => ctx.log(`waiting for the Langfuse trace (${Math.round(remainingMs / 1000)} s left): ${reason}`),
    }).catch(unreachable);
    if (!found.done) {
        throw new CheckFailure({
            expected: `the SSN request's trace in Langfuse within ${timeoutMs} ms, to audit its input`,
            got: found.reason,
            cause: "the gateway does not export to this Langfuse (see the langfuse-trace check); the trace could not be audited",
        });
    }
    const gen = found.value;
    const leaks = ssnLeakPaths({ input: gen.input, metadata: gen.metadata });
    if (leaks.length > 0) {
        throw new CheckFailure({
            expected: "no SSN digits in the Langfuse trace (input, metadata)",
            got: `the SSN digits at ${leaks.slice(0, 4).join(", ")} of trace ${gen.traceId}`,
            cause: "the raw prompt reaches the logging callbacks: the guardrail masks too late for logging (mode logging_only or post_call, BerriAI/litellm#35951) or a callback logs the original messages",
        });
    }
    return allText(gen.input).includes(MASKED_SSN) ? `Langfuse trace ${gen.traceId} input holds ${MASKED_SSN}` : `Langfuse trace ${gen.traceId} holds no SSN digits`;
}
