/**
 * `fallback`: the primary's fallback chain is configured, and a failing deployment really is served by the
 * fallback group, without turning on anything a production gateway should not have.
 *
 * 1. Configuration: the admin `GET /fallback/{primary}` must list the fallback group (a route-level 404,
 *    on a proxy without the endpoint, skips this step).
 * 2. Behaviour:
 *    - with a fallback probe (`fallbackProbeModel`, rendered by the stacks): a verification-only group whose
 *      only deployment points at a closed port, with the primary's chain. The call fails for real
 *      (connection refused) and must be answered by the fallback group. The probe has no credentials and no
 *      upstream, so it can only ever answer through the groups the caller may already call.
 *    - without one: `mock_testing_fallbacks` on the primary. Proxies since 1.104 refuse it unless
 *      `general_settings.dangerously_allow_mock_testing_request_params: true`; then the check says so, and
 *      does not blame the chain.
 */
import type { AxiosResponse } from "axios";
import { bearer, chatCompletion, completionText, gatewayRequest } from "../gateway-calls";
import { describeResponse, headerNumber, headerValue, readProxyError } from "../gateway-response";
import { CheckFailure, fail, pass } from "../outcome";
import type { CheckContext, CheckDefinition } from "../types";

const HEADERS = ["x-litellm-attempted-fallbacks", "x-litellm-model-group"];

/** The config key that re-enables client-supplied mock testing params (proxy/route_llm_request.py). */
const MOCK_TESTING_SETTING = "dangerously_allow_mock_testing_request_params";

/** A 400 refusing the mock testing params: the body names the setting that would allow them. */
function mockParamsRefused(res: Pick<AxiosResponse, "status" | "data">): boolean {
    return res.status === 400 && JSON.stringify(res.data ?? "").includes(MOCK_TESTING_SETTING);
}

/** Step 1: the primary's chain as the router holds it; undefined when the proxy has no such endpoint. */
async function configuredChain(ctx: CheckContext, primary: string): Promise<string[] | undefined> {
    const res = await gatewayRequest(ctx, { method: "GET", url: `/fallback/${encodeURIComponent(primary)}`, headers: bearer(ctx.options.masterKey) });
    if (res.status === 200) {
        const models = (res.data as { fallback_models?: unknown }).fallback_models;
        return Array.isArray(models) ? models.map(String) : [];
    }
    // The endpoint answers a structured 404 when the model has no chain; an unknown route is a plain "Not Found".
    const detail = (res.data as { detail?: unknown } | undefined)?.detail;
    if (res.status === 404 && typeof detail !== "string") return [];
    if (res.status === 404) return undefined;
    throw new CheckFailure({ expected: `GET /fallback/${primary} → 200 with the fallback chain`, got: describeResponse(res), cause: "the master key cannot read the router's fallback settings" });
}

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
        const probe = ctx.options.fallbackProbeModel;

        const chain = await configuredChain(ctx, primary);
        if (chain !== undefined && !chain.includes(fallback)) {
            return fail({
                expected: `GET /fallback/${primary} lists "${fallback}"`,
                got: chain.length === 0 ? "no fallback chain" : `the chain ${JSON.stringify(chain)}`,
                cause: `no router fallback from "${primary}" to "${fallback}" is configured (router_settings.fallbacks)`,
            });
        }

        const caller = probe ?? primary;
        // Router fallbacks are only attempted when the key may call the fallback group, so it gets both.
        const key = await ctx.keys.create({ models: [caller, fallback] });
        const res = await chatCompletion(ctx, { apiKey: key.key, model: caller, extraBody: probe ? undefined : { mock_testing_fallbacks: true } });
        const how = probe ? `the probe "${probe}" (a deployment on a closed port)` : `"${primary}" with mock_testing_fallbacks`;
        if (res.status !== 200) {
            if (!probe && mockParamsRefused(res)) {
                return fail({
                    expected: `${how} → 200 served by "${fallback}"`,
                    got: describeResponse(res),
                    cause: `the proxy refuses mock testing params (LiteLLM 1.104+ unless general_settings.${MOCK_TESTING_SETTING}: true); give the check a verification-only failing group (--fallback-probe-model, rendered by this project's stacks) instead of enabling that flag in production`,
                });
            }
            const err = readProxyError(res.data);
            return fail({
                expected: `${how} → 200 served by "${fallback}"`,
                got: describeResponse(res, HEADERS),
                cause: /Fallbacks=None|No fallback model group found/i.test(err?.message ?? "")
                    ? `no router fallback from "${caller}" to "${fallback}" is configured (router_settings.fallbacks)`
                    : `the fallback group "${fallback}" is failing too, not served, or not in the fallback chain of "${caller}"`,
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
                        ? `the fallback chain of "${caller}" leads to "${group}", not "${fallback}"`
                        : probe
                          ? `the probe "${probe}" answered without failing: its deployment is not the closed-port one the stack renders`
                          : "the gateway did not fall back (mock_testing_fallbacks ignored, or a proxy strips the body flag)",
            });
        }
        if (completionText(res).trim() === "") {
            return fail({ expected: "a non-empty answer from the fallback", got: "empty content", cause: `the fallback group "${fallback}" answers without content` });
        }
        const configured = chain === undefined ? "" : `; "${primary}" is configured to fall back to ${JSON.stringify(chain)}`;
        return pass(`${how} failed over to "${fallback}" (attempted fallbacks ${attempted})${configured}`);
    },
};
