/**
 * A Redis-like exact-match response cache for the simulator (litellm.md §5):
 * - key = sha256 of the model group, the messages (after a pre_call guardrail: this extension must come
 *   after it) and the parameters that change the answer; per-request `cache: {"no-cache", "no-store"}`;
 * - `GET /cache/ping` → `{status: "healthy", cache_type: "redis", ping_response: true, …}`;
 * - a hit skips the upstream, carries `x-litellm-cache-key: litellm.caching:<sha256>` (the namespace
 *   prefixes the key) and, as real LiteLLM 1.83.10 does, the SAME `x-litellm-response-cost` as the miss it
 *   replays, while it costs the key nothing and its spend row has `cache_hit: "True"`, `spend: 0`, the key,
 *   and the request id `<id>_cache_hit<ts>` (the core builds that from `cacheHit`); a miss has no header
 *   and `cache_hit: "False"`. Since 1.104 (measured on 1.108.7) a hit carries no cost header at all. Without this extension rows say `cache_key: "Cache OFF"`.
 * Faults: `noCache`, `cacheLocal`, `cacheNeverHits`, `hitsStillCharged` (see SimFaults).
 */
import { createHash } from "node:crypto";
import { presentedKey } from "./http";
import type { ChatAnswer, ChatCall, SimApi, SimExtension, SimModel } from "./types";

/** Request fields that change the answer, so they are part of the key; everything else (metadata, …) is not. */
const KEYED_PARAMS = ["frequency_penalty", "logit_bias", "max_completion_tokens", "max_tokens", "n", "presence_penalty", "response_format", "seed", "stop", "temperature", "tool_choice", "tools", "top_p", "user"];

/** `cache_params.namespace` of the rendered config; LiteLLM prefixes every key with it. */
export const CACHE_NAMESPACE = "litellm.caching";

export function cacheKeyOf(modelGroup: string, body: Record<string, unknown>): string {
    const keyed: Record<string, unknown> = { model: modelGroup, messages: body.messages };
    for (const p of KEYED_PARAMS) if (body[p] !== undefined) keyed[p] = body[p];
    return `${CACHE_NAMESPACE}:${createHash("sha256").update(JSON.stringify(keyed)).digest("hex")}`;
}

interface Entry {
    completion: ChatAnswer["completion"];
    servedBy: SimModel;
    costUsd: number;
}

function controls(body: Record<string, unknown>): { noCache: boolean; noStore: boolean } {
    const c = body.cache && typeof body.cache === "object" ? (body.cache as Record<string, unknown>) : {};
    return { noCache: c["no-cache"] === true, noStore: c["no-store"] === true };
}

function cachePing(sim: SimApi): { status: number; body: unknown } {
    const faults = sim.faults;
    if (faults.noCache) {
        // LiteLLM wraps the 503 in a ProxyException whose message is a JSON string (caching_routes.py).
        const message = JSON.stringify({ message: "Service Unhealthy (503: Cache not initialized. litellm.cache is None)", litellm_cache_params: "{}", health_check_cache_params: "{}" });
        return { status: 503, body: { error: { message, type: "cache_ping_error", param: "cache_ping", code: "503" } } };
    }
    if (faults.cacheLocal) return { status: 200, body: { status: "healthy", cache_type: "local", litellm_cache_params: JSON.stringify({ type: "local", mode: "default_on" }) } };
    return {
        status: 200,
        body: {
            status: "healthy",
            cache_type: "redis",
            ping_response: true,
            set_cache_response: "success",
            litellm_cache_params: JSON.stringify({ type: "redis", mode: faults.cacheNeverHits ? "default_off" : "default_on", namespace: "litellm.caching" }),
            health_check_cache_params: { host: "redis", port: 6379, namespace: "litellm.caching" },
        },
    };
}

export function exactMatchCache(): SimExtension {
    const entries = new Map<string, Entry>();
    const keyOfCall = new WeakMap<ChatCall, string>();

    return {
        name: "cache",
        handleRoute(req, res, path, sim) {
            if (req.method !== "GET" || path !== "/cache/ping") return false;
            const raw = presentedKey(req.headers);
            const authed = !!sim.faults.noAuth || (raw !== undefined && (raw === sim.options.masterKey || sim.findKey(raw) !== undefined));
            if (!authed) {
                sim.sendProxyError(res, 401, raw === undefined ? "Authentication Error, No api key passed in." : "Authentication Error, Invalid proxy server token passed.", raw === undefined ? "auth_error" : "token_not_found_in_db", "None");
                return true;
            }
            const ping = cachePing(sim);
            sim.sendJson(res, ping.status, ping.body);
            return true;
        },
        readiness(body, sim) {
            body.cache = sim.faults.noCache ? null : sim.faults.cacheLocal ? "local" : "redis";
        },
        beforeDispatch(call, sim) {
            // The router raises the mock failure before any deployment call, so that flag never meets the cache.
            if (sim.faults.noCache || sim.faults.cacheNeverHits || call.body.mock_testing_fallbacks === true) return;
            const key = cacheKeyOf(call.model, call.body);
            keyOfCall.set(call, key);
            const hit = controls(call.body).noCache ? undefined : entries.get(key);
            if (!hit) return;
            return {
                completion: structuredClone(hit.completion),
                servedBy: hit.servedBy,
                attemptedFallbacks: 0,
                // LiteLLM records a hit at $0 (the fault bills it anyway); the header is the miss's before 1.104, none
                // since. The core sets no cost header on a hit: this is the only place that decides it.
                costUsd: sim.faults.hitsStillCharged ? hit.costUsd : 0,
                headers: { "x-litellm-cache-key": key, ...(sim.options.version === "1.104" ? {} : { "x-litellm-response-cost": String(hit.costUsd) }) } as Record<string, string>,
                cacheHit: true,
                cacheKey: key,
            };
        },
        afterSuccess(call, answer) {
            const key = keyOfCall.get(call);
            if (key === undefined || answer.cacheHit || controls(call.body).noStore) return;
            entries.set(key, { completion: structuredClone(answer.completion), servedBy: answer.servedBy, costUsd: answer.costUsd });
        },
        onSpendRow(row, call) {
            const key = keyOfCall.get(call);
            if (key !== undefined) row.cache_key = key;
        },
    };
}
