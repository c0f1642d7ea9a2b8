/**
 * The verification engine's vocabulary: options, the check contract, and the report.
 *
 * Nothing here (or anywhere under verify/) imports Pulumi: the CLI, the Pulumi dynamic provider and the
 * in-cluster Job are three thin doors into the same engine.
 */
import type { AxiosInstance } from "axios";
import type { TeamSettings } from "./admin-api";
import type { AcceptedAdvisory } from "./advisories";

export type CheckStatus = "pass" | "fail" | "skip";

/**
 * A known problem a check found and let pass because the deployment accepts it on purpose: today an advisory
 * the running LiteLLM release is affected by and `gateway.acceptedAdvisories` lists (the `security` check).
 */
export interface AcceptedException {
    /** The advisory's ids, as the table names it. */
    id: string;
    reason: string;
    /** `YYYY-MM-DD`: the last day the exception holds. */
    expires: string;
    /** The first release of the running line with the fix. */
    fixedIn: string;
}

/** One row of the report. */
export interface CheckResult {
    id: string;
    status: CheckStatus;
    durationMs: number;
    message: string;
    /** Present (never empty) on a `pass` that holds only because of accepted exceptions: "passed with exception". */
    exceptions?: AcceptedException[];
}

/** Tokens and money the run itself spent on the gateway. */
export interface UsageTotals {
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
}

/** The report, in exactly the shape users and CI read (`--json`, the Pulumi stack output, the Job log). */
export interface VerificationReport {
    ok: boolean;
    durationMs: number;
    usage: UsageTotals;
    checks: CheckResult[];
}

/** A key the stack declares (config `access.keys`); `team` is the team's alias. */
export interface DeclaredKey {
    alias: string;
    team?: string;
    models: string[];
    maxBudgetUsd?: number;
    budgetDuration?: string;
    metadata?: Record<string, string>;
}

/** What the `access` check proves exists on the gateway. */
export interface AccessExpectation {
    /** Declared teams (config `access.teams`), as the `access` check expects them on the gateway. */
    teams: TeamSettings[];
    keys: DeclaredKey[];
}

export interface LangfuseTarget {
    url: string;
    publicKey: string;
    secretKey: string;
}

/** Where the `otel-trace` check reads what the gateway exported over OTLP (docs/observability.md). */
export interface OtelTarget {
    /** Base URL of the OTLP receiver's query API (otlp-receiver/receiver.py: `/api/spans`, `/api/exports`). */
    queryUrl: string;
    /** False when the gateway must not log prompts (`observability.logPrompts: false`): no span may hold the prompt. Default true. */
    promptsLogged?: boolean;
}

/** What a caller hands the engine. Only `gatewayUrl` and `masterKey` are required. */
export interface VerifyOptions {
    /** Base URL of the gateway, e.g. `http://127.0.0.1:4000`. */
    gatewayUrl: string;
    /** LiteLLM master key: creates and deletes the run's scoped keys and reads spend. Never printed. */
    masterKey: string;
    /** Model group the checks call. Checks that need it are skipped without it. */
    model?: string;
    /** Group that `model` falls back to. The `fallback` check is skipped without it. */
    fallbackModel?: string;
    /**
     * A verification-only group whose deployment always fails and falls back like `model` (the stacks render
     * `litellm-gateway-fallback-probe`): the `fallback` check calls it instead of sending mock testing params,
     * which proxies since 1.104 refuse. Default none.
     */
    fallbackProbeModel?: string;
    /** Check ids to run; default all registered checks. */
    only?: string[];
    /** Prefix of every key alias this run creates. Default: a fresh `vr<time><random>`. */
    runId?: string;
    /** How long to wait for batch-written spend rows. Default 60000 (≥ 2 × (10 s batch + 5 s jitter)). */
    spendLogTimeoutMs?: number;
    /** `duration` of the key the `key-expiry` check lets expire. Default 5. */
    keyExpirySeconds?: number;
    /** `max_budget` (USD) of the key the `budget` check exhausts. Default 0.0000001. */
    budgetUsd?: number;
    /** `max_tokens` of every completion the run sends. Default 5. */
    maxTokens?: number;
    /** Deadline of one check (checks that wait on the gateway add their wait to it). Default 30000. */
    checkTimeoutMs?: number;
    /** Timeout of one HTTP request. Default 15000. */
    requestTimeoutMs?: number;
    /** `cache` check: the gateway is expected to cache responses in Redis. Default false (the check skips). */
    expectCache?: boolean;
    /** `guardrail-pii` check: the guardrail name to prove. Default none (the check skips). */
    guardrail?: string;
    /**
     * Base URL of the stub upstream's report endpoint (`GET <url>/stub/requests`), e.g. `http://127.0.0.1:4010`
     * on dev: `guardrail-pii` reads what the model really received from it, and `cache` that a hit did not
     * call it. Default none: against a real model, the checks rely on the gateway's spend logs.
     */
    upstreamReportUrl?: string;
    /**
     * `models` check: the model groups to call. Default: every group `/model/info` lists, without the fallback
     * probe and wildcard routes. The stacks pass the declared models.
     */
    models?: string[];
    /** `models` check: completions in flight at once. Default 4. */
    modelsConcurrency?: number;
    /** `latency` check: requests sent to `model`. Default 20. */
    latencyRequests?: number;
    /** `latency` check: requests in flight at once. Default 2. */
    latencyConcurrency?: number;
    /**
     * `latency` check: the SLO, the highest acceptable p95 of the gateway's overhead, in ms. Given, it is strict (a
     * confirmed miss fails). Default 500 (2500 with `guardrail`), which gates only a confirmed, large miss.
     */
    overheadP95Ms?: number;
    /** `access` check: the declared teams and keys. Default none (the check skips). */
    access?: AccessExpectation;
    /** `access` check: raw values of declared keys by alias, to call with. Secret: never printed. Default none. */
    accessKeys?: Record<string, string>;
    /** Future `langfuse-trace` check: where traces should land. */
    langfuse?: LangfuseTarget;
    /** `otel-trace` check: the receiver to read spans from. Default none (the check skips). */
    otel?: OtelTarget;
    /**
     * `security` check: advisories the running release may be affected by (config `gateway.acceptedAdvisories`),
     * each with a reason and an expiry at most 90 days ahead. Default none.
     */
    acceptedAdvisories?: AcceptedAdvisory[];
    /** Open slot for inputs of checks registered later, keyed by check id or flag name. */
    extras?: Record<string, unknown>;
}

/** Options after defaults are applied. */
export type ResolvedOptions = VerifyOptions &
    Required<
        Pick<
            VerifyOptions,
            | "runId"
            | "spendLogTimeoutMs"
            | "keyExpirySeconds"
            | "budgetUsd"
            | "maxTokens"
            | "checkTimeoutMs"
            | "requestTimeoutMs"
            | "modelsConcurrency"
            | "latencyRequests"
            | "latencyConcurrency"
            | "overheadP95Ms"
        >
    > & {
        only: string[] | undefined;
        extras: Record<string, unknown>;
        /** True when the caller gave `overheadP95Ms`: the `latency` check then fails on any confirmed miss. */
        overheadSloStrict: boolean;
    };

/** What a check's `run` returns. A check may also decide at run time that it does not apply (`skip`). */
export interface CheckOutcome {
    status: CheckStatus;
    message: string;
    /** With `pass`: the accepted exceptions the pass depends on (outcome.ts `passWithExceptions`). */
    exceptions?: AcceptedException[];
}

/** A virtual key a check created through the key factory. */
export interface CreatedKey {
    /** The raw `sk-…` key: send it, never print it (the engine redacts it everywhere). */
    key: string;
    /** sha256 hex of the raw key: what spend logs store as `api_key`. */
    hash: string;
    alias: string;
    /** ISO expiry the gateway reported, or null. */
    expires: string | null;
}

export interface KeyRequest {
    /** Distinguishes several keys of one check; ends up in the alias `<runId>-<checkId>-<suffix>`. */
    suffix?: string;
    models?: string[];
    maxBudget?: number;
    /** LiteLLM duration string ("5s", "10m"). Default: long enough for the run, short enough to die soon. */
    duration?: string;
    /** The key's `metadata.tags` (LiteLLM's top-level `tags` needs a premium licence; metadata does not). */
    tags?: string[];
}

export interface KeyFactory {
    create(request?: KeyRequest): Promise<CreatedKey>;
}

export interface UsageAccumulator {
    add(promptTokens: number, completionTokens: number, costUsd: number): void;
    totals(): UsageTotals;
}

/** Everything a check gets. Scoped to one check: its own deadline, key aliases and log prefix. */
export interface CheckContext {
    checkId: string;
    runId: string;
    options: ResolvedOptions;
    /** axios bound to the gateway; never throws on HTTP status (only on network errors and aborts). */
    http: AxiosInstance;
    /** Aborted when the check's deadline passes. */
    signal: AbortSignal;
    /** Epoch ms by which the check must finish. */
    deadline: number;
    keys: KeyFactory;
    usage: UsageAccumulator;
    /** Progress line (stderr on the CLI). Redacted by the engine. */
    log(message: string): void;
}

/**
 * A check. Later checks (`cache`, `guardrail-pii`, `langfuse-trace`) are new files exporting one of these,
 * plus one line in `verify/checks/index.ts`.
 */
export interface CheckDefinition {
    /** Fixed id users and CI select with `--only`. */
    id: string;
    title: string;
    /** Why the check cannot run with these options (e.g. "no --fallback-model given"), or undefined. */
    skipReason(ctx: CheckContext): string | undefined;
    run(ctx: CheckContext): Promise<CheckOutcome>;
    /** The check's deadline; default `options.checkTimeoutMs`. Checks with inherent waits extend it. */
    timeoutMs?(options: ResolvedOptions): number;
}
