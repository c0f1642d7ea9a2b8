/**
 * `key-expiry`: a key created with a seconds-long `duration` works, then is refused once expired. The
 * gateway's clock decides, so after the nominal expiry the check polls (with backoff) for the refusal.
 */
import { bearer, chatCompletion, gatewayRequest } from "../gateway-calls";
import { describeResponse, matchesProxyError } from "../gateway-response";
import { fail, pass } from "../outcome";
import { pollUntil, sleep } from "../poll";
import type { CheckDefinition } from "../types";
import { needsModel } from "./requirements";

/** v1.82 answers 400; newer fixtures use 401. */
export const KEY_EXPIRED = { statuses: [400, 401], type: "expired_key" } as const;

/** How long past the nominal expiry a refusal may take. The gateway compares its own clock with the `expires` it stamped, so client skew does not matter; this only absorbs request latency. */
const EXPIRY_GRACE_MS = 3_000;

export const keyExpiryCheck: CheckDefinition = {
    id: "key-expiry",
    title: "a key is refused after its duration",
    skipReason: needsModel,
    timeoutMs: (o) => o.checkTimeoutMs + o.keyExpirySeconds * 1000 + EXPIRY_GRACE_MS,
    async run(ctx) {
        const model = ctx.options.model as string;
        const seconds = ctx.options.keyExpirySeconds;
        const key = await ctx.keys.create({ models: [model], duration: `${seconds}s` });
        const createdAt = Date.now();
        // Positive control without spending tokens: an unexpired key can list its models.
        const before = await gatewayRequest(ctx, { method: "GET", url: "/v1/models", headers: bearer(key.key) });
        if (before.status !== 200) {
            return fail({
                expected: `GET /v1/models with a fresh key (duration ${seconds}s) → 200`,
                got: describeResponse(before),
                cause: matchesProxyError(before, KEY_EXPIRED)
                    ? "the key was already expired: gateway clock skew or a wrong `duration` parse"
                    : "a freshly created key is not accepted",
            });
        }
        ctx.log(`waiting ${seconds} s for the key to expire`);
        await sleep(createdAt + seconds * 1000 + 250 - Date.now(), ctx.signal);
        let last = before;
        const result = await pollUntil(
            async () => {
                last = await chatCompletion(ctx, { apiKey: key.key, model });
                return matchesProxyError(last, KEY_EXPIRED) ? { done: true, value: last } : { done: false, reason: describeResponse(last) };
            },
            {
                deadline: createdAt + seconds * 1000 + EXPIRY_GRACE_MS,
                signal: ctx.signal,
                initialDelayMs: 500,
                maxDelayMs: 3000,
                onWait: ({ reason }) => ctx.log(`expired key not refused yet (${reason}); retrying`),
            },
        );
        if (!result.done) {
            return fail({
                expected: `a call ${seconds}s+ after creation with a key of duration "${seconds}s" → 400 or 401 error.type "expired_key"`,
                got: `${describeResponse(last)} (${Math.round((Date.now() - createdAt) / 1000)} s after creation)`,
                cause: "key expiry is not enforced (expired keys keep working)",
            });
        }
        return pass(`key of duration ${seconds}s refused after expiry with ${result.value.status} expired_key`);
    },
};
