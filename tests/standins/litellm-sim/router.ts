/**
 * The simulated router: the requested group, then its fallbacks (litellm.md §8). `mock_testing_fallbacks`
 * fails the primary on purpose; the stub upstream's failing models fail for real. Allowlists gate each hop.
 */
import type { ServerResponse } from "node:http";
import { sendProxyError } from "./http";
import { beforeV184 } from "./types";
import type { ChatAnswer, ChatCall, KeyRecord, ResolvedSimOptions, SimFaults, SimModel } from "./types";

/** Client-supplied params that fabricate failures or delays (proxy/route_llm_request.py GATED_MOCK_PARAM_NAMES). */
const GATED_MOCK_PARAMS = ["mock_testing_fallbacks", "mock_testing_context_fallbacks", "mock_testing_content_policy_fallbacks", "mock_testing_rate_limit_error", "mock_timeout", "mock_delay"];

/** "1.104": a request carrying mock testing params is refused unless the admin opted in. Returns true when refused. */
export function refuseMockTestingParams(res: ServerResponse, options: ResolvedSimOptions, body: Record<string, unknown>, headers: Record<string, string>): boolean {
    if (options.version !== "1.104" || options.allowMockTestingParams) return false;
    const present = GATED_MOCK_PARAMS.filter((name) => name in body);
    if (present.length === 0) return false;
    const message =
        `Mock testing request params are disabled on this proxy: ${present.join(", ")}. An admin can enable them by setting ` +
        "`general_settings.dangerously_allow_mock_testing_request_params: true` in config.yaml. This setting cannot be changed from the Admin UI or the API.";
    sendProxyError(res, 400, message, "invalid_request_error", null, headers);
    return true;
}

/** A group in `coolingDown` is refused once, as LiteLLM refuses a group whose deployments just failed. Returns true when refused. */
export function refuseCoolingDown(res: ServerResponse, faults: SimFaults, group: string, headers: Record<string, string>): boolean {
    if (!faults.coolingDown?.includes(group)) return false;
    faults.coolingDown = faults.coolingDown.filter((g) => g !== group);
    const message = `No deployments available for selected model, Try again in 1 seconds. All deployments for selected model are in cooldown. Passed model=${group}. pre-call-checks=False, cooldown_list=['${group}-deployment-0']`;
    sendProxyError(res, 429, message, "all_deployments_in_cooldown", null, headers);
    return true;
}

export interface RouteFailure {
    status: number;
    message: string;
    type: string;
    param: unknown;
}

export function fallbacksOf(options: ResolvedSimOptions, faults: SimFaults, group: string): string[] {
    if (faults.fallbackNotConfigured) return [];
    return options.fallbacks.flatMap((entry) => entry[group] ?? []);
}

function fallbackSuffix(group: string, fallbacks: string[]): string {
    const shown = fallbacks.length > 0 ? JSON.stringify(fallbacks) : "None";
    return `\nReceived Model Group=${group}\nAvailable Model Group Fallbacks=${shown}`;
}

function providerBody(model: SimModel, body: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { model: model.upstreamModel, messages: body.messages };
    for (const field of ["max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "user"]) {
        if (body[field] !== undefined) out[field] = body[field];
    }
    return out;
}

async function callUpstream(upstreamUrl: string, model: SimModel, body: Record<string, unknown>): Promise<{ ok: true; completion: ChatAnswer["completion"] } | { ok: false; detail: string }> {
    try {
        const res = await fetch(`${upstreamUrl}/chat/completions`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(providerBody(model, body)),
            signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (!res.ok) return { ok: false, detail: `OpenAIException - ${text}` };
        return { ok: true, completion: JSON.parse(text) as ChatAnswer["completion"] };
    } catch (err) {
        // LiteLLM 1.108.7 on a closed port: "litellm.InternalServerError: InternalServerError: OpenAIException - Connection error."
        return { ok: false, detail: `InternalServerError: OpenAIException - Connection error. (${String(err)})` };
    }
}

export function costOf(model: SimModel, usage: { prompt_tokens: number; completion_tokens: number }): number {
    return usage.prompt_tokens * model.inputCostPerToken + usage.completion_tokens * model.outputCostPerToken;
}

export async function route(
    options: ResolvedSimOptions,
    faults: SimFaults,
    upstreamUrl: string,
    call: ChatCall,
    findModel: (group: string) => SimModel | undefined,
): Promise<ChatAnswer | RouteFailure> {
    // `disable_fallbacks` (a request parameter the router pops) keeps the call on the requested group.
    const fallbacks = call.body.disable_fallbacks === true && !faults.disableFallbacksIgnored ? [] : fallbacksOf(options, faults, call.model);
    const groups = [call.model, ...fallbacks];
    // LiteLLM re-raises the primary's error when the fallbacks fail too, noting the fallback failures.
    let first: RouteFailure | undefined;
    const notes: string[] = [];
    let failure: RouteFailure = { status: 500, message: "no deployment tried", type: "None", param: "None" };
    const record = (f: RouteFailure) => {
        if (first === undefined) first = f;
        else notes.push(`Fallback failed: ${f.message.split("\n")[0]}`);
    };
    for (let hop = 0; hop < groups.length; hop++) {
        if (hop > 0) record(failure);
        const group = groups[hop];
        if (hop > 0 && !allowedFallback(call.key, group, faults)) {
            failure = {
                status: beforeV184(options.version) ? 401 : 403,
                message: `key not allowed to access model. This key can only access models=${JSON.stringify(call.key?.models)}. Tried to access ${group}`,
                type: "key_model_access_denied",
                param: "model",
            };
            continue;
        }
        const model = findModel(group);
        if (!model) {
            failure = { status: 400, message: `Invalid model name passed in model=${group}. Call \`/v1/models\` to view available models for your key.`, type: "None", param: "None" };
            continue;
        }
        if (hop === 0 && call.body.mock_testing_fallbacks === true) {
            const shown = fallbacks.length > 0 ? JSON.stringify(fallbacks) : "None";
            failure = {
                status: 500,
                message: `litellm.InternalServerError: This is a mock exception for model=${group}, to trigger a fallback. Fallbacks=${shown}${fallbackSuffix(call.model, fallbacks)}`,
                type: "None",
                param: "None",
            };
            continue;
        }
        const upstreamStarted = performance.now();
        const result = faults.upstreamFailing
            ? { ok: false as const, detail: "APIConnectionError - OpenAIException - Connection error." }
            : await callUpstream(model.apiBase ?? upstreamUrl, model, call.body);
        if (!result.ok) {
            failure = { status: 500, message: `litellm.InternalServerError: ${result.detail}${fallbackSuffix(call.model, fallbacks)}`, type: "None", param: "None" };
            continue;
        }
        const completion = result.completion;
        if (faults.usageNotReported) completion.usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
        // LiteLLM restamps `model` to the requested group, except after a fallback (litellm.md §8).
        if (hop === 0) completion.model = call.model;
        return { completion, servedBy: model, attemptedFallbacks: hop, costUsd: costOf(model, completion.usage), headers: {}, cacheHit: false, cacheKey: null, upstreamMs: performance.now() - upstreamStarted };
    }
    record(failure);
    const primary = first ?? failure;
    return notes.length === 0 ? primary : { ...primary, message: `${primary.message}\n${notes.join("\n")}` };
}

function allowedFallback(key: KeyRecord | undefined, group: string, faults: SimFaults): boolean {
    return !key || key.models.length === 0 || key.models.includes(group) || !!faults.allowlistNotEnforced;
}
