/**
 * The few gateway calls checks share: authenticated requests, and a tiny chat completion that books its
 * tokens and cost (`x-litellm-response-cost`, $0 for a cache hit) into the run's usage.
 */
import type { AxiosRequestConfig, AxiosResponse } from "axios";
import { randomBytes } from "node:crypto";
import { describeError, headerNumber, headerValue } from "./gateway-response";
import { CheckFailure } from "./outcome";
import type { CheckContext } from "./types";

export function bearer(key: string): Record<string, string> {
    return { Authorization: `Bearer ${key}` };
}

/**
 * Sends a request; HTTP errors come back as responses, network failures become a CheckFailure that
 * names the endpoint and the likely cause.
 */
export async function gatewayRequest(ctx: CheckContext, config: AxiosRequestConfig): Promise<AxiosResponse> {
    try {
        return await ctx.http.request({ signal: ctx.signal, ...config });
    } catch (err) {
        if (ctx.signal.aborted) throw err;
        throw new CheckFailure({
            expected: `an HTTP answer from ${config.method ?? "GET"} ${config.url}`,
            got: describeError(err),
            cause: `the gateway at ${ctx.options.gatewayUrl} is unreachable or too slow (request timeout ${ctx.options.requestTimeoutMs} ms)`,
        });
    }
}

export interface ChatRequest {
    /** Key to call with; undefined sends no credentials at all. */
    apiKey: string | undefined;
    model: string;
    prompt?: string;
    /** Extra body fields, e.g. `{mock_testing_fallbacks: true}`. */
    extraBody?: Record<string, unknown>;
    headers?: Record<string, string>;
}

export interface ChatUsage {
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
}

/** `usage` and `x-litellm-response-cost` of a successful completion (zeros when absent). */
export function readChatUsage(res: AxiosResponse): ChatUsage {
    const usage = (res.data as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | undefined)?.usage;
    const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    return {
        promptTokens: num(usage?.prompt_tokens),
        completionTokens: num(usage?.completion_tokens),
        costUsd: headerNumber(res.headers, "x-litellm-response-cost") ?? 0,
    };
}

/** A reply served from LiteLLM's response cache: `x-litellm-cache-key` is set on hits only (litellm.md §5). */
export function isCacheHit(res: AxiosResponse): boolean {
    return headerValue(res.headers, "x-litellm-cache-key") !== undefined;
}

/**
 * What a successful completion cost the run: its usage and `x-litellm-response-cost`, except for a cache hit,
 * which is booked at 0 tokens and $0. LiteLLM (1.83.10, measured) sends a hit with the same cost header as the
 * miss it replays, but records the hit at $0 and never calls the model, so the header is not what was charged.
 */
export function billedUsage(res: AxiosResponse): ChatUsage {
    return isCacheHit(res) ? { promptTokens: 0, completionTokens: 0, costUsd: 0 } : readChatUsage(res);
}

/** The text of the first choice of a chat completion, or "". */
export function completionText(res: AxiosResponse): string {
    const content = (res.data as { choices?: { message?: { content?: unknown } }[] } | undefined)?.choices?.[0]?.message?.content;
    return typeof content === "string" ? content : "";
}

/**
 * "Reply with OK." plus a fresh nonce. With a response cache on (dev's default), identical prompts from
 * different checks would be answered from Redis at $0 (the cache key ignores the virtual key), so spend,
 * budget and fallback checks would see cache hits instead of billed upstream calls.
 */
export function defaultPrompt(): string {
    return `Reply with OK. ${randomBytes(4).toString("hex")}`;
}

/** A tiny chat completion with minimal `max_tokens`; successful calls are added to the run's usage. */
export async function chatCompletion(ctx: CheckContext, request: ChatRequest): Promise<AxiosResponse> {
    const res = await gatewayRequest(ctx, {
        method: "POST",
        url: "/chat/completions",
        headers: { ...(request.apiKey === undefined ? {} : bearer(request.apiKey)), ...request.headers },
        data: {
            model: request.model,
            messages: [{ role: "user", content: request.prompt ?? defaultPrompt() }],
            max_tokens: ctx.options.maxTokens,
            ...request.extraBody,
        },
    });
    if (res.status === 200) {
        const usage = billedUsage(res);
        ctx.usage.add(usage.promptTokens, usage.completionTokens, usage.costUsd);
    }
    return res;
}
