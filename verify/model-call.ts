/**
 * One timed completion on one model group, with router fallbacks off, for the checks that judge a group by
 * its own answer (`models`) or time it (`latency`). With fallbacks on, a broken group is answered by its
 * fallback (200, `x-litellm-attempted-fallbacks: 1`) after the router's retries, so the break would pass
 * and the time would include the failed attempts. `disable_fallbacks` is a request parameter since before
 * 1.83 (router.py pops it from the call's kwargs) and is not one of the mock params 1.104 refuses.
 */
import type { AxiosResponse } from "axios";
import { chatCompletion } from "./gateway-calls";
import { describeError, headerNumber, headerValue } from "./gateway-response";
import { CheckFailure } from "./outcome";
import type { CheckContext } from "./types";

export const OVERHEAD_HEADER = "x-litellm-overhead-duration-ms";

export type TimedCall = { ok: true; res: AxiosResponse; elapsedMs: number } | { ok: false; error: string; elapsedMs: number };

/** A tiny completion on `model` with a fresh prompt nonce, timed from send to the full answer. */
export async function timedDirectCompletion(ctx: CheckContext, apiKey: string, model: string): Promise<TimedCall> {
    const started = performance.now();
    try {
        const res = await chatCompletion(ctx, { apiKey, model, extraBody: { disable_fallbacks: true } });
        return { ok: true, res, elapsedMs: performance.now() - started };
    } catch (err) {
        // The check's own deadline ends the check; anything else (a request timeout, a reset) is this call's answer.
        if (ctx.signal.aborted) throw err;
        return { ok: false, error: err instanceof CheckFailure ? err.detail.got : describeError(err), elapsedMs: performance.now() - started };
    }
}

/** Whether a request started now can finish before the check's deadline: later ones are not started. */
export function timeForAnotherCall(ctx: CheckContext): boolean {
    return ctx.deadline - Date.now() > ctx.options.requestTimeoutMs;
}

/** The gateway's own time for the request (`x-litellm-overhead-duration-ms`), or undefined when not sent. */
export function overheadMs(res: AxiosResponse): number | undefined {
    return headerNumber(res.headers, OVERHEAD_HEADER);
}

/** Why the answer is not `group`'s own (served by a fallback group), or undefined when it is. */
export function answeredByAnotherGroup(res: AxiosResponse, group: string): string | undefined {
    const attempted = headerNumber(res.headers, "x-litellm-attempted-fallbacks");
    const served = headerValue(res.headers, "x-litellm-model-group");
    if ((attempted ?? 0) >= 1) return `answered by its fallback "${served ?? "?"}" (x-litellm-attempted-fallbacks ${attempted})`;
    if (served !== undefined && served !== group) return `answered by the group "${served}" (x-litellm-model-group)`;
    return undefined;
}
