/**
 * `cache`: identical prompts are answered from Redis and the hit costs nothing. Users hit two traps
 * (peers.md pain #12, §3.2): the cache is silently the in-memory `local` one (or not used at all), and hits
 * are still billed. So the check proves, through a scoped key:
 * - `/cache/ping` reports `cache_type: "redis"`;
 * - a unique prompt sent twice (temperature 0): the first answer has no `x-litellm-cache-key`, the second has
 *   it (the header is present only on hits; there is no `x-litellm-cache-hit`, litellm.md §5);
 * - the hit's spend-log row has `cache_hit: "True"` and `spend: 0`;
 * - the key's persisted spend grows by the miss's cost only. `x-litellm-response-cost` alone proves nothing:
 *   a cached reply has been seen to carry a cost while nothing was charged, and the reverse.
 */
import { bearer, chatCompletion, gatewayRequest, isCacheHit } from "../gateway-calls";
import { describeResponse, headerValue, readProxyError } from "../gateway-response";
import { CheckFailure, fail, pass } from "../outcome";
import { sleep } from "../poll";
import { AuditedSpendRow, persistedKeySpend, waitForKeyRows } from "../spend-rows";
import type { CheckContext, CheckDefinition } from "../types";
import { markerWord, upstreamRequestsWith } from "../upstream-report";
import { needsModel } from "./requirements";

const CACHE_HEADERS = ["x-litellm-cache-key", "x-litellm-response-cost"];

/** `redis`, also when a version prints the enum (`LiteLLMCacheType.REDIS`). */
export function normalizeCacheType(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    return value.trim().toLowerCase().replace(/^litellmcachetype\./, "");
}

/** Proves the response cache is backed by Redis, or throws a CheckFailure that says what it is instead. */
async function assertRedisBackend(ctx: CheckContext): Promise<string> {
    const res = await gatewayRequest(ctx, { method: "GET", url: "/cache/ping", headers: bearer(ctx.options.masterKey) });
    const body = (res.data ?? {}) as { status?: unknown; cache_type?: unknown; ping_response?: unknown };
    if (res.status !== 200) {
        const message = readProxyError(res.data)?.message ?? "";
        throw new CheckFailure({
            expected: `GET /cache/ping → 200 {status: "healthy", cache_type: "redis"}`,
            got: describeResponse(res),
            cause: /Cache not initialized/i.test(message)
                ? "caching is not enabled: litellm_settings.cache is not true (cache.enabled in the stack config)"
                : res.status === 503
                  ? "the cache is configured but unhealthy: Redis is unreachable or REDIS_PASSWORD is wrong"
                  : res.status === 404
                    ? "the gateway has no /cache/ping: not a LiteLLM proxy, or something in front filters the route"
                    : "the cache health endpoint failed",
        });
    }
    const type = normalizeCacheType(body.cache_type);
    if (type !== "redis") {
        throw new CheckFailure({
            expected: `/cache/ping cache_type "redis"`,
            got: `cache_type ${body.cache_type === undefined ? "absent" : JSON.stringify(body.cache_type)}`,
            cause:
                type === "local"
                    ? "LiteLLM fell back to its in-memory cache: give cache_params type redis with host, port and password (a partial cache_params makes LiteLLM ignore REDIS_* env, BerriAI/litellm#26233)"
                    : "the cache is not Redis (cache_params.type), so it is neither shared between replicas nor exact-match",
        });
    }
    if (body.ping_response === false) {
        throw new CheckFailure({ expected: "/cache/ping ping_response true", got: "ping_response false", cause: "Redis does not answer PING: wrong host, port or password" });
    }
    return type;
}

interface CacheRows {
    miss: AuditedSpendRow;
    hit: AuditedSpendRow;
}

/** The miss row is the first response's id; the hit row is `<id>_cache_hit<ts>` (or flagged cache_hit "True"). */
function pickRows(rows: AuditedSpendRow[], missId: string, hitId: string): { done: true; value: CacheRows } | { done: false; reason: string } {
    const isHit = (r: AuditedSpendRow) => r.cache_hit === "True" || (typeof r.request_id === "string" && r.request_id.startsWith(`${hitId}_cache_hit`));
    const miss = rows.find((r) => r.request_id === missId && !isHit(r));
    const hit = rows.find(isHit) ?? rows.find((r) => r !== miss && typeof r.request_id === "string" && r.request_id.startsWith(hitId));
    if (miss && hit) return { done: true, value: { miss, hit } };
    return { done: false, reason: `${rows.length} row(s) for the key; ${miss ? "" : `no miss row ${missId} `}${hit ? "" : `no row for the hit (${hitId}_cache_hit…)`}`.trim() };
}

const usd = (n: number) => `$${Number(n.toPrecision(6))}`;

export const cacheCheck: CheckDefinition = {
    id: "cache",
    title: "identical prompts are answered from the Redis cache at no cost",
    skipReason: (ctx) => needsModel(ctx) ?? (ctx.options.expectCache ? undefined : "the gateway is not expected to cache (--expect-cache)"),
    timeoutMs: (o) => o.checkTimeoutMs + 2 * o.spendLogTimeoutMs,
    async run(ctx) {
        const model = ctx.options.model as string;
        const cacheType = await assertRedisBackend(ctx);
        const key = await ctx.keys.create({ models: [model] });
        const spendBefore = await persistedKeySpend(ctx, key.hash);
        const marker = markerWord("cache");
        // temperature 0 and a prompt no one else sends: the second call can only be answered from this run's entry.
        const request = { apiKey: key.key, model, prompt: `Cache probe ${marker}. Reply with OK.`, extraBody: { temperature: 0 } };

        const first = await chatCompletion(ctx, request);
        if (first.status !== 200) return fail({ expected: `a completion on "${model}" (200)`, got: describeResponse(first), cause: "the model is not served; nothing to cache" });
        if (isCacheHit(first)) {
            return fail({
                expected: "no x-litellm-cache-key on the first call of a never-sent prompt",
                got: describeResponse(first, CACHE_HEADERS),
                cause: "the gateway sets the cache-key header on misses too (hits cannot be told apart), or a semantic cache matched a similar prompt",
            });
        }
        const second = await chatCompletion(ctx, request);
        if (second.status !== 200) return fail({ expected: "the identical second call to succeed (200)", got: describeResponse(second), cause: "the cache returned an unreadable entry, or the model failed" });
        const cacheKey = headerValue(second.headers, "x-litellm-cache-key");
        if (cacheKey === undefined) {
            return fail({
                expected: "x-litellm-cache-key on the identical second call (a cache hit)",
                got: describeResponse(second, CACHE_HEADERS),
                cause: "responses are not served from the cache: cache_params.mode is default_off (needs a per-request opt-in), supported_call_types excludes acompletion, or writes to Redis fail (see the gateway log)",
            });
        }

        let upstreamNote = "";
        if (ctx.options.upstreamReportUrl) {
            const received = await upstreamRequestsWith(ctx, ctx.options.upstreamReportUrl, marker);
            if (received.length > 1) {
                return fail({
                    expected: "the upstream to receive the prompt once (the hit must not call it)",
                    got: `${received.length} upstream requests with the prompt`,
                    cause: "the hit header is set but the upstream was called anyway",
                });
            }
            // Zero: the model is served elsewhere, so the stub can testify to nothing.
            upstreamNote = received.length === 1 ? "; the upstream received the prompt once" : "; the stub's report has no request with this prompt (the model is not served by the stub)";
        }

        const missId = String((first.data as { id?: unknown }).id);
        const hitId = String((second.data as { id?: unknown }).id);
        const found = await waitForKeyRows(ctx, key.hash, "the miss and hit spend rows", (rows) => pickRows(rows, missId, hitId));
        if (!found.done) {
            return fail({
                expected: `spend-log rows for the miss (${missId}) and the hit (${hitId}_cache_hit…) within ${ctx.options.spendLogTimeoutMs} ms`,
                got: found.reason,
                cause: "spend rows are not being written, or the batch interval exceeds the timeout (raise --spend-log-timeout-ms)",
            });
        }
        const { miss, hit } = found.value;
        const missCost = typeof miss.spend === "number" ? miss.spend : 0;
        if (!(missCost > 0)) {
            return fail({ expected: "the miss to be billed (spend > 0), so a free hit can be told apart", got: `miss spend ${miss.spend}`, cause: `"${model}" is unpriced: give it input_cost_per_token/output_cost_per_token in model_info` });
        }
        const problems: string[] = [];
        if (hit.cache_hit !== "True") problems.push(`hit row cache_hit ${JSON.stringify(hit.cache_hit)} (want "True")`);
        if (hit.spend !== 0) problems.push(`hit row spend ${hit.spend} (want 0)`);

        // Key spend is persisted by the same batch as the rows; wait until it shows at least the miss.
        const tolerance = Math.max(1e-12, missCost * 1e-6);
        let delta = (await persistedKeySpend(ctx, key.hash)) - spendBefore;
        const spendDeadline = Date.now() + ctx.options.spendLogTimeoutMs;
        while (delta < missCost - tolerance && Date.now() < spendDeadline) {
            ctx.log(`waiting for the key's persisted spend to show the miss (${usd(delta)} of ${usd(missCost)})`);
            await sleep(500, ctx.signal);
            delta = (await persistedKeySpend(ctx, key.hash)) - spendBefore;
        }
        if (delta > missCost + tolerance) problems.push(`key spend grew by ${usd(delta)} for the two calls (the miss cost ${usd(missCost)}; the hit added ${usd(delta - missCost)})`);
        else if (delta < missCost - tolerance) problems.push(`key spend grew by only ${usd(delta)}, less than the miss's ${usd(missCost)} (key spend not persisted)`);
        if (problems.length > 0) {
            const charged = (typeof hit.spend === "number" && hit.spend > 0) || delta > missCost + tolerance;
            return fail({
                expected: `hit row cache_hit "True" with spend 0, and the key's spend to grow by the miss's ${usd(missCost)} only`,
                got: problems.join("; "),
                cause: charged
                    ? "cache hits are still billed (a LiteLLM before the zero-cost fix, BerriAI/litellm PR #21816, or a paid guardrail's cost kept on hits): upgrade, or do not count on the cache for savings"
                    : "the spend log does not record cache hits as LiteLLM does",
            });
        }
        const saved = `${miss.prompt_tokens ?? "?"}+${miss.completion_tokens ?? "?"} tokens and ${usd(missCost)}`;
        return pass(
            `/cache/ping: ${cacheType}; the identical call was a hit (x-litellm-cache-key ${cacheKey.slice(0, 12)}…)${upstreamNote}; ` +
                `hit row cache_hit "True", spend 0; key spend +${usd(delta)} (the miss only): the hit saved ${saved}`,
        );
    },
};
