/**
 * `latency`: what the gateway itself adds to a request stays within an SLO. LiteLLM reports it per answer
 * in `x-litellm-overhead-duration-ms`: the time from receiving the request to answering it, minus the
 * provider call (auth, pre-call hooks and guardrails, routing, post-processing; on a cache hit, minus the
 * cache read instead: proxy/common_request_processing.py `get_custom_headers`, response_metadata.py). That
 * figure can leave out the pre-call hooks (1.108.7 with a guardrail on), so the check counts the checker's
 * own wait minus the provider call and the network round trip (model-call.ts `gatewayOverheadMs`).
 *
 * `latencyRequests` tiny completions on `model` through one scoped key, `latencyConcurrency` at a time,
 * each with a fresh prompt nonce (a cache hit times the cache, not the gateway's work in front of a model)
 * and fallbacks off (a fallback's overhead includes the failed attempts). Requests start only within half
 * the spend-log timeout (model-call.ts `callWindowMs`), so a slow upstream shrinks the sample, not the run.
 * The report gives p50/p95 of the overhead and of the total round trip the checker measured; the check fails
 * when the overhead p95 exceeds `overheadP95Ms`, and is skipped, with the totals, when the gateway does not
 * send the header.
 */
import { mapBounded } from "../bounded-concurrency";
import { isCacheHit } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import { callWindowMs, gatewayOverheadMs, OVERHEAD_HEADER, overheadMs, pingMs, timedDirectCompletion, withinWindow } from "../model-call";
import { modelFailureCause } from "../model-failure";
import { fail, pass, skip } from "../outcome";
import { formatLatency, LatencySummary, summarizeLatency } from "../percentiles";
import type { CheckDefinition } from "../types";
import { needsModel } from "./requirements";

/** A gap between the header and the checker's own figure worth a log line: more than network jitter. */
const UNTIMED_NOTE_MS = 50;

function overheadCause(overhead: LatencySummary, sloMs: number): string {
    const where =
        overhead.p50 > sloMs
            ? "every request pays it: a pre-call guardrail or callback making a slow remote call per request, key auth reaching the database each time, a CPU limit throttling the gateway, or too few workers for the load"
            : "a few requests pay much more than the rest: cold caches after a restart, CPU throttling, or a shared node; run again to tell a spike from a trend";
    return `the gateway itself is slow (${where}); if this is the norm for the setup, set the SLO with --overhead-p95-ms / verification.latency.overheadP95Ms`;
}

export const latencyCheck: CheckDefinition = {
    id: "latency",
    title: "the gateway's own overhead (p95) stays within the SLO",
    skipReason: needsModel,
    async run(ctx) {
        const model = ctx.options.model as string;
        const { latencyRequests: requests, latencyConcurrency: concurrency, overheadP95Ms: sloMs } = ctx.options;
        const key = await ctx.keys.create({ models: [model] });
        const windowMs = callWindowMs(ctx);
        ctx.log(`${requests} request(s) to "${model}", ${concurrency} at a time, started within ${Math.round(windowMs)} ms`);
        // A ping alongside each call, never holding it up: the quickest is the network round trip the checker's
        // own wait includes. A failed ping is no sample.
        const pings: Promise<number>[] = [];
        const calls = await mapBounded(
            Array.from({ length: requests }),
            concurrency,
            () => {
                pings.push(pingMs(ctx).catch(() => Number.POSITIVE_INFINITY));
                return timedDirectCompletion(ctx, key.key, model);
            },
            withinWindow(windowMs),
        );
        const roundTripMs = Math.min(...(await Promise.all(pings)));
        const sent = calls.flatMap((c) => (c.started ? [c.value] : []));
        const failed = sent.filter((c) => !c.ok || c.res.status !== 200);
        if (failed.length > 0) {
            const first = failed[0];
            return fail({
                expected: `${sent.length} completion(s) on "${model}" → 200`,
                got: `${failed.length} failed; the first: ${first.ok ? describeResponse(first.res) : first.error}`,
                cause: first.ok ? modelFailureCause(first.res, model) : `"${model}" or the gateway is too slow to answer within ${ctx.options.requestTimeoutMs} ms`,
            });
        }
        const answers = sent.flatMap((c) => (c.ok ? [{ res: c.res, elapsedMs: c.elapsedMs }] : []));
        const timed = answers.filter((a) => !isCacheHit(a.res));
        const notes = [
            ...(sent.length < requests ? [`${requests - sent.length} not sent: requests start within ${Math.round(windowMs)} ms`] : []),
            ...(timed.length < answers.length ? [`${answers.length - timed.length} cache hit(s) left out`] : []),
        ];
        const total = summarizeLatency(timed.map((a) => a.elapsedMs));
        if (!total) return fail({ expected: `answers from "${model}" itself to time`, got: `${answers.length} cache hit(s) and nothing else`, cause: "a semantic cache matched the never-sent prompts: the model was not reached" });
        const overheads = timed.map((a) => gatewayOverheadMs(a.res, a.elapsedMs, roundTripMs)).filter((v): v is number => v !== undefined);
        const untimed = timed.filter((a) => (gatewayOverheadMs(a.res, a.elapsedMs, roundTripMs) ?? 0) - (overheadMs(a.res) ?? 0) > UNTIMED_NOTE_MS).length;
        if (untimed > 0) ctx.log(`${untimed} answer(s) took over ${UNTIMED_NOTE_MS} ms more than ${OVERHEAD_HEADER} accounts for (network round trip ${Number(roundTripMs.toFixed(1))} ms): the header leaves out pre-call hooks on this gateway, so the check counts them`);
        const counted = `${timed.length} of ${requests} request(s) to "${model}", ${concurrency} at a time${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
        const overhead = summarizeLatency(overheads);
        if (!overhead) {
            return skip(`the gateway sends no ${OVERHEAD_HEADER} (a proxy in front strips x-litellm-* headers, or the LiteLLM version does not time the provider call), so there is no overhead to hold to the SLO; total ${formatLatency(total)} over ${counted}`);
        }
        const partial = overheads.length < timed.length ? `; ${overheads.length} of ${timed.length} answers carried ${OVERHEAD_HEADER}` : "";
        const figures = `${counted}: overhead ${formatLatency(overhead)} (max ${Number(overhead.max.toFixed(1))} ms); total ${formatLatency(total)}${partial}`;
        if (overhead.p95 > sloMs) return fail({ expected: `an overhead p95 ≤ ${sloMs} ms (the SLO)`, got: figures, cause: overheadCause(overhead, sloMs) });
        return pass(`${figures}; within the SLO (p95 ≤ ${sloMs} ms)`);
    },
};
