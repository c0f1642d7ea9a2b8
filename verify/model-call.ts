/**
 * One timed completion on one model group, with router fallbacks off, for the checks that judge a group by
 * its own answer (`models`) or time it (`latency`). With fallbacks on, a broken group is answered by its
 * fallback (200, `x-litellm-attempted-fallbacks: 1`) after the router's retries, so the break would pass
 * and the time would include the failed attempts. `disable_fallbacks` is a request parameter since before
 * 1.83 (router.py pops it from the call's kwargs) and is not one of the mock params 1.104 refuses.
 */
import type { AxiosResponse } from "axios";
import { chatCompletion, gatewayRequest } from "./gateway-calls";
import { headerNumber, headerValue } from "./gateway-response";
import { CheckFailure } from "./outcome";
import type { CheckContext } from "./types";

export const OVERHEAD_HEADER = "x-litellm-overhead-duration-ms";
const RESPONSE_DURATION_HEADER = "x-litellm-response-duration-ms";

export type TimedCall = { ok: true; res: AxiosResponse; elapsedMs: number } | { ok: false; error: string; elapsedMs: number };

/** A tiny completion on `model` with a fresh prompt nonce, timed from send to the full answer. */
export async function timedDirectCompletion(ctx: CheckContext, apiKey: string, model: string): Promise<TimedCall> {
    const started = performance.now();
    try {
        const res = await chatCompletion(ctx, { apiKey, model, extraBody: { disable_fallbacks: true } });
        return { ok: true, res, elapsedMs: performance.now() - started };
    } catch (err) {
        // gatewayRequest turns every failure but the check's own deadline into a CheckFailure: that is this
        // call's answer (a request timeout, a reset); the deadline ends the check.
        if (!(err instanceof CheckFailure)) throw err;
        return { ok: false, error: err.detail.got, elapsedMs: performance.now() - started };
    }
}

/**
 * How long, from now, a check may keep starting calls: half the spend-log timeout, and never so late that a
 * call could outlive the check's deadline. The spend-log timeout is 2 × (spend batch + 5 s) (the stacks derive
 * it so; the CLI asks for at least that), so a check that stops starting calls after half of it is done by the
 * time a spend-log row normally lands: sampling never lengthens a full run.
 */
export function callWindowMs(ctx: CheckContext): number {
    return Math.max(0, Math.min(ctx.options.spendLogTimeoutMs / 2, ctx.deadline - Date.now() - ctx.options.requestTimeoutMs));
}

/** `mapBounded`'s `mayStart`: true for `windowMs` from now. */
export function withinWindow(windowMs: number): () => boolean {
    const stopAt = Date.now() + windowMs;
    return () => Date.now() < stopAt;
}

/** The gateway's own time for the request (`x-litellm-overhead-duration-ms`), or undefined when not sent. */
export function overheadMs(res: AxiosResponse): number | undefined {
    return headerNumber(res.headers, OVERHEAD_HEADER);
}

/**
 * What the gateway added to one answer, or undefined without LiteLLM's overhead header. Both LiteLLM timing
 * headers cover one window, so `x-litellm-response-duration-ms` minus the overhead is the provider call. On
 * 1.108.7 with a pre-call guardrail on, that window starts at the router call and leaves out every pre-call
 * hook (measured: a 700 ms hook, 14 ms of reported overhead). So the overhead is what the checker waited minus
 * the provider call and one network round trip, or the reported figure when that is larger.
 */
export function gatewayOverheadMs(res: AxiosResponse, elapsedMs: number, roundTripMs: number): number | undefined {
    const reported = overheadMs(res);
    if (reported === undefined) return undefined;
    const window = headerNumber(res.headers, RESPONSE_DURATION_HEADER);
    if (window === undefined) return reported;
    return Math.max(reported, elapsedMs - (window - reported) - roundTripMs);
}

/**
 * One `GET /health/liveliness` (no auth, no work), timed: a sample of the network round trip. The quickest of
 * many samples is the round trip; any one of them may carry a busy moment of either side.
 */
export async function pingMs(ctx: CheckContext): Promise<number> {
    const started = performance.now();
    await gatewayRequest(ctx, { method: "GET", url: "/health/liveliness" });
    return performance.now() - started;
}

/** Why the answer is not `group`'s own (served by a fallback group), or undefined when it is. */
export function answeredByAnotherGroup(res: AxiosResponse, group: string): string | undefined {
    const attempted = headerNumber(res.headers, "x-litellm-attempted-fallbacks");
    const served = headerValue(res.headers, "x-litellm-model-group");
    if ((attempted ?? 0) >= 1) return `answered by its fallback "${served ?? "?"}" (x-litellm-attempted-fallbacks ${attempted})`;
    if (served !== undefined && served !== group) return `answered by the group "${served}" (x-litellm-model-group)`;
    return undefined;
}
