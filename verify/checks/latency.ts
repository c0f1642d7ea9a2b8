/**
 * `latency`: what the gateway itself adds to a request stays within an SLO. LiteLLM reports it per answer
 * in `x-litellm-overhead-duration-ms`: the time from receiving the request to answering it, minus the
 * provider call (auth, pre-call hooks and guardrails, routing, post-processing; on a cache hit, minus the
 * cache read instead: proxy/common_request_processing.py `get_custom_headers`, response_metadata.py). That
 * figure can leave out the pre-call hooks (1.108.7 with a guardrail on), so the check counts the checker's
 * own wait minus the provider call and the network round trip (model-call.ts `gatewayOverheadMs`).
 *
 * First `latencyConcurrency` warm-up requests, not counted (a gateway that just started pays its cold caches
 * on them). Then a sample (verify/latency-sample.ts); when its overhead p95 misses the SLO, a second sample
 * after a short pause confirms or clears the miss, and the report gives both. verify/latency-gate.ts decides:
 * a user-set SLO fails on a confirmed miss; the default SLO only on a confirmed, large one. Each sample's
 * requests start within a quarter of the spend-log timeout (and in time for the check's deadline, twice the
 * usual to leave room for the confirmation), so a slow upstream shrinks the sample, not the run. The checker's
 * own event-loop lag over the check is reported too. Skipped, with the totals, when the gateway does not send
 * the header.
 */
import { latencyVerdict, LatencyRule, LatencySample, missesSlo } from "../latency-gate";
import { failedCalls, takeLatencySample } from "../latency-sample";
import { formatLoopLag, watchLoopLag } from "../loop-lag";
import { timedDirectCompletion } from "../model-call";
import { DEFAULTS } from "../options";
import { fail, pass } from "../outcome";
import type { CheckContext, CheckDefinition, CheckOutcome } from "../types";
import { needsModel } from "./requirements";

function overheadCause(sample: LatencySample, sloMs: number, strict: boolean): string {
    const where =
        sample.overhead.p50 > sloMs
            ? "every request pays it: a pre-call guardrail or callback making a slow remote call per request, key auth reaching the database each time, a CPU limit throttling the gateway, or too few workers for the load"
            : "a few requests pay much more than the rest, in both samples: CPU throttling, a shared node, or a slow step on some requests";
    const fix = strict ? "if this is the norm for the setup, raise the SLO" : "if this is the norm for the setup, set an SLO";
    return `the gateway itself is slow (${where}); ${fix} with --overhead-p95-ms / verification.latency.overheadP95Ms`;
}

/** How long a sample may keep starting requests from now: a quarter of the spend-log timeout, in time for the deadline. */
function sampleWindowMs(ctx: CheckContext): number {
    return Math.max(0, Math.min(ctx.options.spendLogTimeoutMs / 4, ctx.deadline - Date.now() - ctx.options.requestTimeoutMs));
}

async function measure(ctx: CheckContext, rule: LatencyRule, checkerLag: () => string): Promise<CheckOutcome> {
    const model = ctx.options.model as string;
    const { latencyConcurrency: concurrency } = ctx.options;
    const key = await ctx.keys.create({ models: [model] });
    ctx.log(`${concurrency} warm-up request(s) to "${model}", not counted`);
    const warmUp = await Promise.all(Array.from({ length: concurrency }, () => timedDirectCompletion(ctx, key.key, model)));
    const warmUpFailure = failedCalls(ctx, model, warmUp);
    if (warmUpFailure) return warmUpFailure;
    const samples: LatencySample[] = [];
    for (let n = 1; n <= 2; n++) {
        const windowMs = sampleWindowMs(ctx);
        if (n === 2 && windowMs <= 0) break;
        ctx.log(`sample ${n}: ${ctx.options.latencyRequests} request(s), ${concurrency} at a time, started within ${Math.round(windowMs)} ms`);
        const result = await takeLatencySample(ctx, key.key, model, windowMs);
        if ("outcome" in result) return result.outcome;
        samples.push(result.sample);
        if (!missesSlo(result.sample, rule)) break;
        if (n === 1) {
            ctx.log(`sample 1 missed the SLO (overhead p95 ${Number(result.sample.overhead.p95.toFixed(1))} ms > ${rule.sloMs} ms): confirming after ${DEFAULTS.latencyConfirmPauseMs} ms`);
            await new Promise((done) => setTimeout(done, DEFAULTS.latencyConfirmPauseMs));
        }
    }
    const verdict = latencyVerdict(samples, rule, DEFAULTS.latencyConfirmPauseMs);
    const got = `${verdict.text}; ${checkerLag()}`;
    if (verdict.fails) return fail({ expected: verdict.expected, got, cause: overheadCause(samples[samples.length - 1], rule.sloMs, rule.strict) });
    return pass(got);
}

export const latencyCheck: CheckDefinition = {
    id: "latency",
    title: "the gateway's own overhead (p95) stays within the SLO",
    skipReason: needsModel,
    timeoutMs: (o) => 2 * o.checkTimeoutMs,
    async run(ctx) {
        const rule: LatencyRule = { sloMs: ctx.options.overheadP95Ms, strict: ctx.options.overheadSloStrict, largeMissMs: DEFAULTS.overheadLargeMissMs };
        const watch = watchLoopLag();
        let lag: string | undefined;
        const checkerLag = () => (lag ??= formatLoopLag(watch.stop()));
        try {
            return await measure(ctx, rule, checkerLag);
        } finally {
            ctx.log(checkerLag());
        }
    },
};
