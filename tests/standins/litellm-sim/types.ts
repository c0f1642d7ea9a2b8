/**
 * Types of the LiteLLM-API simulator: its options, its faults, its tables and its extension hooks.
 * Facts follow /work/shared/reference/litellm.md; the section is named where it matters.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/**
 * "1.82" is the source-read contract; "1.83" is that contract as measured on real LiteLLM 1.83.10 by the
 * integration suite's parity test, which adds what its Presidio guardrail does to spend rows (see
 * litellm-sim/presidio.ts); "1.84" stands for the reservation-based budget (403 allowlist, 429 budget with
 * reservation); "1.104" is 1.104 and later as read from the 1.108/1.110 source and measured on real 1.108.7
 * (litellm-current.md §3): 422 budget, 403 allowlist and 401 expired key with generic messages, mock testing
 * params refused, a minimal public readiness body with the details behind authentication.
 */
export type SimVersion = "1.82" | "1.83" | "1.84" | "1.104";

/** The 1.82/1.83 line: 401 allowlist refusals, read-time budgets with 400 (litellm.md §2, §3). */
export function beforeV184(version: SimVersion): boolean {
    return version === "1.82" || version === "1.83";
}

/** One flag per misbehaviour a check exists to catch. */
export interface SimFaults {
    /** Key `models` allowlists are ignored. */
    allowlistNotEnforced?: boolean;
    /** Keys past their `expires` keep working. */
    expiredKeysAccepted?: boolean;
    /** Spend accrues but `max_budget` is never enforced. */
    budgetNeverEnforced?: boolean;
    /** The batch writer never writes spend-log rows (nor key DB spend). */
    spendRowsNeverWritten?: boolean;
    /** Router fallbacks are missing from the config. */
    fallbackNotConfigured?: boolean;
    /** No master key: every request is accepted (litellm.md §2, "If no master key is set"). */
    noAuth?: boolean;
    /** No database: readiness says "Not connected", /key/* and /spend/* answer 500. */
    dbDisconnected?: boolean;
    /** Every upstream call fails (provider down or credentials wrong): the gateway answers 500. */
    upstreamFailing?: boolean;
    /** Completions come back without `usage` (token counting, and so spend, broken). */
    usageNotReported?: boolean;
    /** Cache: no response cache at all (`/cache/ping` 503 "Cache not initialized", rows `cache_key: "Cache OFF"`). */
    noCache?: boolean;
    /** Cache: silently the in-memory `local` cache (Redis ignored, BerriAI/litellm#26233); hits still happen. */
    cacheLocal?: boolean;
    /** Cache: `/cache/ping` reports redis, yet nothing is served from it (`mode: default_off`, `supported_call_types: []`). */
    cacheNeverHits?: boolean;
    /** Cache: hits are billed (row and key spend); the cost header is the miss's either way, so only spend tells. */
    hitsStillCharged?: boolean;
    /** Guardrail: does not run on ordinary requests (not `default_on`): no masking, no header, no metadata. */
    guardrailNotApplied?: boolean;
    /** Guardrail: the upstream gets the masked prompt, but the raw one is logged (spend row, logging callbacks). */
    rawSsnInLogs?: boolean;
    /**
     * Admin API: the next n admin calls (/team/*, /key/* but /key/info) are carried out, then the connection is
     * reset before the answer is sent: the client sees ECONNRESET/socket hang up for a write that happened.
     */
    adminAnswersLost?: number;
    /**
     * The next n `/key/generate` calls answer 500 `internal_server_error` "Internal Server Error." without writing
     * the key, as LiteLLM 1.108.7 does while its Postgres restarts (measured). Counts down while the simulator runs.
     */
    keyGenerateFailures?: number;
    /**
     * The next n `/key/delete` calls answer 500 `internal_server_error` "All connection attempts failed" without
     * deleting, as LiteLLM 1.108.7 does while its Postgres restarts (measured in the suite's mid-run fault).
     */
    keyDeleteFailures?: number;
    /** Every request is held this long inside the gateway before the provider call (a slow pre-call hook); the overhead header includes it. */
    gatewayOverheadMs?: number;
    /**
     * A transient spike: the next `requests` completions (warm-up included) are each held `ms` inside the gateway,
     * as `gatewayOverheadMs` does, then the gateway is quick again. Counts down while the simulator runs.
     */
    overheadSpike?: { requests: number; ms: number };
    /**
     * Every request is held this long before the timing window starts, so neither timing header counts it:
     * LiteLLM 1.108.7 with a pre-call guardrail on leaves every pre-call hook out of both (measured).
     */
    untimedPreCallMs?: number;
    /** Answers carry no `x-litellm-overhead-duration-ms` (a proxy in front strips it, or the provider call was not timed). */
    overheadHeaderMissing?: boolean;
    /** The request parameter `disable_fallbacks` is ignored: a failing group is answered by its fallback. */
    disableFallbacksIgnored?: boolean;
    /**
     * These groups failed just before: their next call is refused 429 `all_deployments_in_cooldown` ("Try
     * again in 1 seconds", as LiteLLM 1.108.7 answers for `cooldown_time`), then they are served again.
     */
    coolingDown?: string[];
}

export type SimFault = keyof SimFaults;

/** A model group of the simulated `model_list`, with explicit pricing so spend and budgets move. */
export interface SimModel {
    /** Public `model_name` (the model group). */
    modelName: string;
    /** Model name sent to the stub upstream (the stub fails the names in its `failingModels`). */
    upstreamModel: string;
    inputCostPerToken: number;
    outputCostPerToken: number;
    /** Model's max output tokens, used by the v1.84 budget reservation estimate. Default 4096. */
    maxOutputTokens?: number;
    /** `api_base` of this group's deployment, e.g. a closed port. Default: the simulator's stub upstream. */
    apiBase?: string;
}

/** A row of the virtual-key table (LiteLLM_VerificationToken, trimmed to what the simulator needs). */
export interface KeyRecord {
    /** sha256 hex of the raw key. */
    token: string;
    keyName: string;
    keyAlias: string | null;
    models: string[];
    maxBudget: number | null;
    /** In-memory (auth cache) spend: what read-time budget checks see. */
    spend: number;
    /** Spend the batch writer has persisted: what `/key/info` returns. */
    dbSpend: number;
    /** v1.84 reservation counter: spend plus in-flight reservations. */
    reserved: number;
    expires: string | null;
    duration: string | null;
    metadata: Record<string, unknown>;
    createdAt: string;
    /** `team_id`, or null. */
    teamId: string | null;
    /** `budget_duration`, or null. */
    budgetDuration: string | null;
}

/** A row of the team table (LiteLLM_TeamTable, trimmed to what the simulator needs). */
export interface TeamRecord {
    teamId: string;
    teamAlias: string | null;
    models: string[];
    maxBudget: number | null;
    budgetDuration: string | null;
    tpmLimit: number | null;
    rpmLimit: number | null;
    spend: number;
    createdAt: string;
}

/** A spend-log row (LiteLLM_SpendLogs, litellm.md §4). */
export interface SpendLogRow {
    request_id: string;
    call_type: string;
    api_key: string;
    spend: number;
    total_tokens: number;
    prompt_tokens: number;
    completion_tokens: number;
    startTime: string;
    endTime: string;
    completionStartTime: string;
    request_duration_ms: number;
    model: string;
    model_id: string;
    model_group: string;
    custom_llm_provider: string;
    api_base: string;
    user: string;
    metadata: Record<string, unknown>;
    cache_hit: string;
    cache_key: string;
    request_tags: string[];
    team_id: string;
    organization_id: string;
    end_user: string;
    requester_ip_address: string;
    session_id: string;
    messages: Record<string, unknown>;
    response: Record<string, unknown>;
    proxy_server_request: Record<string, unknown>;
    status: "success" | "failure";
}

/** One chat-completions call as it moves through the simulator; extensions may change `body`. */
export interface ChatCall {
    callId: string;
    /** The requested model group. */
    model: string;
    body: Record<string, unknown>;
    headers: IncomingHttpHeaders;
    /** The authenticated key, or undefined for the master key / an open gateway. */
    key: KeyRecord | undefined;
    /** `x-litellm-trace-id` or a fresh uuid: becomes the spend log's `session_id`. */
    traceId: string;
    startedAt: Date;
    /** `performance.now()` when the gateway received the request: the overhead header counts from here. */
    receivedAt: number;
}

/** A successful answer, before it is sent. Extensions may add headers or change the cost (cache hits cost 0). */
export interface ChatAnswer {
    completion: Record<string, unknown> & { id: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
    /** The group that served the request (the fallback group after a fallback). */
    servedBy: SimModel;
    attemptedFallbacks: number;
    costUsd: number;
    headers: Record<string, string>;
    cacheHit: boolean;
    cacheKey: string | null;
    /** How long the provider call took, ms (absent on a cache hit): the overhead is the rest. */
    upstreamMs?: number;
}

/** What extensions can reach of the simulator. */
export interface SimApi {
    readonly options: Readonly<ResolvedSimOptions>;
    readonly faults: SimFaults;
    keys(): KeyRecord[];
    findKey(rawOrHash: string): KeyRecord | undefined;
    teams(): TeamRecord[];
    sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
    sendProxyError(res: ServerResponse, status: number, message: string, type: string, param?: unknown, headers?: Record<string, string>): void;
}

/**
 * Hook points for later capabilities (exact-match cache, Presidio-like guardrail, Langfuse export), so they
 * extend the simulator without editing its core.
 */
export interface SimExtension {
    name: string;
    /** Extra routes (e.g. `GET /cache/ping`). Return true when the request was answered. */
    handleRoute?(req: IncomingMessage, res: ServerResponse, path: string, sim: SimApi): Promise<boolean> | boolean;
    /** Before routing: may rewrite `call.body` (masking) or answer directly (a cache hit). */
    beforeDispatch?(call: ChatCall, sim: SimApi): Promise<ChatAnswer | void> | ChatAnswer | void;
    /** After a successful answer, before it is sent: add headers, store cache entries. */
    afterSuccess?(call: ChatCall, answer: ChatAnswer, sim: SimApi): Promise<void> | void;
    /** Each spend row as it is queued (before the batch flush). May mutate it. */
    onSpendRow?(row: SpendLogRow, call: ChatCall, answer: ChatAnswer, sim: SimApi): void;
    /** Adjusts the `/health/readiness` body (e.g. `cache: "redis"`). */
    readiness?(body: Record<string, unknown>, sim: SimApi): void;
}

export interface LiteLLMSimOptions {
    version?: SimVersion;
    /** Default "sk-sim-master-0123456789". */
    masterKey?: string;
    /** Stub upstream base URL ending in /v1. Default: the simulator starts its own stub upstream. */
    upstreamUrl?: string;
    models?: SimModel[];
    /** Router fallbacks, LiteLLM's format: `[{"primary": ["fallback"]}]`. */
    fallbacks?: Record<string, string[]>[];
    /** `proxy_batch_write_at`, in ms. LiteLLM's default is 10 s; tests use a few hundred ms. */
    batchIntervalMs?: number;
    /** Random extra delay (0..n ms) before each batch write; LiteLLM adds 0–5 s. Default 0. */
    batchJitterMs?: number;
    /** Delay of the async spend callback after a response (v1.82's read-time budget sees spend after it). */
    spendCallbackDelayMs?: number;
    /** Status of the expired-key refusal: 400 in v1.82 source, 401 in newer fixtures. Default 400, 401 on "1.104". */
    expiredKeyStatus?: 400 | 401;
    /** "1.104": `litellm_settings.budget_exceeded_status_code` (default 422; 429 restores the old status). */
    budgetExceededStatus?: 422 | 429;
    /** "1.104": `general_settings.dangerously_allow_mock_testing_request_params`. Default false. */
    allowMockTestingParams?: boolean;
    /**
     * v1.84 reservation when the estimate exceeds what is left: "shrink" (documented: proceed with what is
     * left, so the crossing call succeeds) or "strict" (refuse before dispatch, as phantom reservations do).
     */
    budgetReservation?: "shrink" | "strict";
    faults?: SimFaults;
    extensions?: SimExtension[];
    /** A Redis-like exact-match response cache (litellm-sim/cache.ts). Default off: rows say "Cache OFF". */
    cache?: boolean;
    /** A Presidio-like `pre_call`, `default_on` guardrail (litellm-sim/presidio.ts): its name, or its options. */
    guardrail?: string | SimGuardrailOptions;
}

export interface SimGuardrailOptions {
    /** `guardrail_name`, e.g. "presidio-pii". */
    name: string;
    /** `store_prompts_in_spend_logs`: rows keep the (masked) request body and response. Default true. */
    storePrompts?: boolean;
    /** `presidio_score_thresholds.ALL`: drop detections scoring below it. Default 0 (Presidio's default). */
    scoreThreshold?: number;
}

export type ResolvedSimOptions = Required<Omit<LiteLLMSimOptions, "upstreamUrl" | "faults" | "extensions" | "cache" | "guardrail">> & { upstreamUrl?: string };
