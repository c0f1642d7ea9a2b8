/**
 * One sample of the `latency` check: `latencyRequests` tiny completions on `model` through one scoped key,
 * `latencyConcurrency` at a time, each with a fresh prompt nonce (a cache hit times the cache, not the gateway's
 * work in front of a model) and fallbacks off (a fallback's overhead includes the failed attempts), started
 * within `windowMs`. A `/health/liveliness` ping goes alongside each call, never holding it up: the quickest is
 * the network round trip the checker's own wait includes, and their median is how lively the proxy itself is
 * under the load of the moment. A failed ping is no sample.
 */
import { mapBounded } from "./bounded-concurrency";
import { isCacheHit } from "./gateway-calls";
import { describeResponse } from "./gateway-response";
import type { LatencySample } from "./latency-gate";
import { gatewayOverheadMs, OVERHEAD_HEADER, overheadMs, pingMs, TimedCall, timedDirectCompletion, withinWindow } from "./model-call";
import { modelFailureCause } from "./model-failure";
import { fail, skip } from "./outcome";
import { formatLatency, summarizeLatency } from "./percentiles";
import type { CheckContext, CheckOutcome } from "./types";

/** A gap between the header and the checker's own figure worth a log line: more than network jitter. */
const UNTIMED_NOTE_MS = 50;

/** A sample, or the outcome that ends the check instead (a failed request, nothing to time, no header). */
export type SampleResult = { sample: LatencySample } | { outcome: CheckOutcome };

/** The failure for calls that did not answer 200, or undefined when all did. */
export function failedCalls(ctx: CheckContext, model: string, sent: readonly TimedCall[]): CheckOutcome | undefined {
    const failed = sent.filter((c) => !c.ok || c.res.status !== 200);
    if (failed.length === 0) return undefined;
    const first = failed[0];
    return fail({
        expected: `${sent.length} completion(s) on "${model}" → 200`,
        got: `${failed.length} failed; the first: ${first.ok ? describeResponse(first.res) : first.error}`,
        cause: first.ok ? modelFailureCause(first.res, model) : `"${model}" or the gateway is too slow to answer within ${ctx.options.requestTimeoutMs} ms`,
    });
}

export async function takeLatencySample(ctx: CheckContext, apiKey: string, model: string, windowMs: number): Promise<SampleResult> {
    const { latencyRequests: requests, latencyConcurrency: concurrency } = ctx.options;
    const pings: Promise<number>[] = [];
    const calls = await mapBounded(
        Array.from({ length: requests }),
        concurrency,
        () => {
            pings.push(pingMs(ctx).catch(() => Number.POSITIVE_INFINITY));
            return timedDirectCompletion(ctx, apiKey, model);
        },
        withinWindow(windowMs),
    );
    const pinged = await Promise.all(pings);
    const roundTripMs = Math.min(...pinged);
    const sent = calls.flatMap((c) => (c.started ? [c.value] : []));
    const failure = failedCalls(ctx, model, sent);
    if (failure) return { outcome: failure };
    const answers = sent.flatMap((c) => (c.ok ? [{ res: c.res, elapsedMs: c.elapsedMs }] : []));
    const timed = answers.filter((a) => !isCacheHit(a.res));
    const notes = [
        ...(sent.length < requests ? [`${requests - sent.length} not sent: requests start within ${Math.round(windowMs)} ms`] : []),
        ...(timed.length < answers.length ? [`${answers.length - timed.length} cache hit(s) left out`] : []),
    ];
    const total = summarizeLatency(timed.map((a) => a.elapsedMs));
    if (!total) return { outcome: fail({ expected: `answers from "${model}" itself to time`, got: `${answers.length} cache hit(s) and nothing else`, cause: "a semantic cache matched the never-sent prompts: the model was not reached" }) };
    const overheads = timed.map((a) => gatewayOverheadMs(a.res, a.elapsedMs, roundTripMs)).filter((v): v is number => v !== undefined);
    const untimed = timed.filter((a) => (gatewayOverheadMs(a.res, a.elapsedMs, roundTripMs) ?? 0) - (overheadMs(a.res) ?? 0) > UNTIMED_NOTE_MS).length;
    if (untimed > 0) ctx.log(`${untimed} answer(s) took over ${UNTIMED_NOTE_MS} ms more than ${OVERHEAD_HEADER} accounts for (network round trip ${Number(roundTripMs.toFixed(1))} ms): the header leaves out pre-call hooks on this gateway, so the check counts them`);
    const counted = `${timed.length} of ${requests} request(s) to "${model}", ${concurrency} at a time${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
    const overhead = summarizeLatency(overheads);
    if (!overhead) {
        return { outcome: skip(`the gateway sends no ${OVERHEAD_HEADER} (a proxy in front strips x-litellm-* headers, or the LiteLLM version does not time the provider call), so there is no overhead to hold to the SLO; total ${formatLatency(total)} over ${counted}`) };
    }
    const partial = overheads.length < timed.length ? `; ${overheads.length} of ${timed.length} answers carried ${OVERHEAD_HEADER}` : "";
    return { sample: { counted, overhead, total, liveliness: summarizeLatency(pinged), partial } };
}
