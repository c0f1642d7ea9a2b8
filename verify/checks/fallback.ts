/**
 * `fallback`: a failing primary is served by the fallback group. The failure is forced with LiteLLM's
 * `mock_testing_fallbacks` body flag, so a production config needs no deliberately broken model.
 */
import { chatCompletion, completionText } from "../gateway-calls";
import { describeResponse, headerNumber, headerValue, readProxyError } from "../gateway-response";
import { fail, pass } from "../outcome";
import type { CheckDefinition } from "../types";

const HEADERS = ["x-litellm-attempted-fallbacks", "x-litellm-model-group"];

export const fallbackCheck: CheckDefinition = {
    id: "fallback",
    title: "a failing primary is served by the fallback group",
    skipReason: (ctx) => {
        if (!ctx.options.model) return "no model group given (--model)";
        if (!ctx.options.fallbackModel) return "no fallback group given (--fallback-model)";
        return undefined;
    },
    async run(ctx) {
        const primary = ctx.options.model as string;
        const fallback = ctx.options.fallbackModel as string;
        // Allowlists also gate fallbacks, so the key needs both groups.
        const key = await ctx.keys.create({ models: [primary, fallback] });
        const res = await chatCompletion(ctx, { apiKey: key.key, model: primary, extraBody: { mock_testing_fallbacks: true } });
        if (res.status !== 200) {
            const err = readProxyError(res.data);
            return fail({
                expected: `"${primary}" with mock_testing_fallbacks → 200 served by "${fallback}"`,
                got: describeResponse(res, HEADERS),
                cause: /Fallbacks=None/.test(err?.message ?? "")
                    ? `no router fallback from "${primary}" to "${fallback}" is configured (router_settings.fallbacks)`
                    : `the fallback group "${fallback}" is failing too, not served, or not in the fallback chain of "${primary}"`,
            });
        }
        const attempted = headerNumber(res.headers, "x-litellm-attempted-fallbacks");
        const group = headerValue(res.headers, "x-litellm-model-group");
        if (attempted === undefined || attempted < 1 || group !== fallback) {
            return fail({
                expected: `x-litellm-attempted-fallbacks >= 1 and x-litellm-model-group "${fallback}"`,
                got: describeResponse(res, HEADERS),
                cause:
                    attempted !== undefined && attempted >= 1
                        ? `the fallback chain of "${primary}" leads to "${group}", not "${fallback}"`
                        : "the gateway did not fall back (mock_testing_fallbacks ignored: LiteLLM too old, or a proxy strips the body flag)",
            });
        }
        if (completionText(res).trim() === "") {
            return fail({ expected: "a non-empty answer from the fallback", got: "empty content", cause: `the fallback group "${fallback}" answers without content` });
        }
        return pass(`"${primary}" failed over to "${fallback}" (attempted fallbacks ${attempted})`);
    },
};
