/**
 * LiteLLM-API simulator: a stand-in for a LiteLLM proxy, built on the stub upstream, for the verification
 * tests and `npm run bench:verify`. It follows /work/shared/reference/litellm.md for health, virtual keys,
 * auth errors, budgets (v1.82 and ≥1.84), batch-written spend logs and router fallbacks, and can be
 * switched to misbehave one fault at a time (`faults`, mutable while running).
 *
 * The exact-match cache and the Presidio-like guardrail are switched on by options (`cache`, `guardrail`;
 * litellm-sim/features.ts); other capabilities (Langfuse export) plug in through `extensions` (see
 * SimExtension) without editing this file.
 */
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { createStubUpstream, StubUpstream } from "../../stub/upstream";
import { authenticate, Caller, refuseModelAccess } from "./litellm-sim/auth";
import { decideBudget, releaseReservation, settleSpend } from "./litellm-sim/budget";
import { readJsonBody, sendJson, sendProxyError } from "./litellm-sim/http";
import { featureExtensions } from "./litellm-sim/features";
import { KeyTable } from "./litellm-sim/keys";
import { listKeys, regenerateKey, TeamTable, updateKey } from "./litellm-sim/admin";
import { listModels, modelInfo } from "./litellm-sim/model-list";
import { fallbacksOf, refuseCoolingDown, refuseMockTestingParams, route } from "./litellm-sim/router";
import { holdBeforeTiming, holdInGateway, timingHeaders } from "./litellm-sim/timing";
import { SpendLedger } from "./litellm-sim/spend";
import type { ChatAnswer, ChatCall, KeyRecord, LiteLLMSimOptions, ResolvedSimOptions, SimApi, SimFaults, SimModel, SpendLogRow } from "./litellm-sim/types";

export type * from "./litellm-sim/types";

export const SIM_PRIMARY = "sim-primary";
export const SIM_FALLBACK = "sim-fallback";
/** A group whose upstream always fails (the stub's `stub-fail`): falls back for real, no mock flag needed. */
export const SIM_BROKEN = "sim-broken";

export const DEFAULT_SIM_MODELS: SimModel[] = [
    { modelName: SIM_PRIMARY, upstreamModel: "stub-model", inputCostPerToken: 0.000001, outputCostPerToken: 0.000002 },
    { modelName: SIM_FALLBACK, upstreamModel: "stub-model-b", inputCostPerToken: 0.0000005, outputCostPerToken: 0.000001 },
    { modelName: SIM_BROKEN, upstreamModel: "stub-fail", inputCostPerToken: 0.000001, outputCostPerToken: 0.000002 },
];

/** The LiteLLM release each contract reports as `litellm_version` (readiness) and `x-litellm-version`. */
export const SIM_RELEASES = { "1.82": "1.82.1", "1.83": "1.83.10", "1.84": "1.84.0", "1.104": "1.108.7" } as const;

export interface LiteLLMSim extends SimApi {
    /** Base URL without `/v1` (the proxy serves both), valid after `listen`. */
    readonly url: string;
    /** The stub upstream the simulator forwards to, when it started its own. */
    readonly upstream: StubUpstream | undefined;
    /** Spend-log rows the batch writer has written. */
    spendLogs(): SpendLogRow[];
    /** Rows still waiting for the next batch write. */
    pendingSpendRows(): number;
    /** Runs the batch write now. */
    flushSpend(): void;
    listen(port?: number, host?: string): Promise<string>;
    close(): Promise<void>;
}

function resolve(options: LiteLLMSimOptions): ResolvedSimOptions {
    return {
        version: options.version ?? "1.82",
        masterKey: options.masterKey ?? "sk-sim-master-0123456789",
        upstreamUrl: options.upstreamUrl,
        models: options.models ?? DEFAULT_SIM_MODELS,
        fallbacks: options.fallbacks ?? [{ [SIM_PRIMARY]: [SIM_FALLBACK] }, { [SIM_BROKEN]: [SIM_FALLBACK] }],
        batchIntervalMs: options.batchIntervalMs ?? 10_000,
        batchJitterMs: options.batchJitterMs ?? 0,
        spendCallbackDelayMs: options.spendCallbackDelayMs ?? 20,
        expiredKeyStatus: options.expiredKeyStatus ?? (options.version === "1.104" ? 401 : 400),
        budgetExceededStatus: options.budgetExceededStatus ?? 422,
        allowMockTestingParams: options.allowMockTestingParams ?? false,
        budgetReservation: options.budgetReservation ?? "shrink",
    };
}

export function createLiteLLMSim(input: LiteLLMSimOptions = {}): LiteLLMSim {
    const options = resolve(input);
    const faults: SimFaults = { ...input.faults };
    // Built-in capabilities first: a caller's extensions (e.g. a Langfuse exporter) see what they produced.
    const extensions = [...featureExtensions(input), ...(input.extensions ?? [])];
    const keys = new KeyTable();
    const teams = new TeamTable(keys);
    const ledger = new SpendLedger(() => !!faults.spendRowsNeverWritten);
    const upstream = options.upstreamUrl ? undefined : createStubUpstream();
    let upstreamUrl = options.upstreamUrl ?? "";
    let baseUrl = "";
    const findModel = (group: string) => options.models.find((m) => m.modelName === group);

    const api: SimApi = {
        options,
        faults,
        keys: () => keys.all(),
        findKey: (k) => keys.find(k),
        teams: () => teams.all(),
        sendJson,
        sendProxyError,
    };

    const server: Server = createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
            if (!res.headersSent) sendProxyError(res, 500, `sim: internal error: ${String(err)}`, "internal_server_error");
        });
    });

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const url = new URL(req.url ?? "/", "http://sim");
        const path = url.pathname.replace(/^\/v1(?=\/)/, "");
        for (const ext of extensions) {
            if (ext.handleRoute && (await ext.handleRoute(req, res, path, api))) return;
        }
        if (req.method === "GET" && (path === "/health/liveliness" || path === "/health/liveness")) return sendJson(res, 200, "I'm alive!");
        if (req.method === "GET" && path === "/health/readiness") return readiness(res, false);

        const caller = authenticate(req, res, options, faults, keys);
        if (!caller) return;
        if (req.method === "GET" && path === "/health/readiness/details" && options.version === "1.104") return readiness(res, true);
        if (req.method === "POST" && path === "/chat/completions") return chat(req, res, caller);
        if (req.method === "GET" && path === "/models") return listModels(res, caller, options.models);
        if (req.method === "GET" && path === "/model/info") return modelInfo(res, caller, options.models, upstreamUrl);

        const isAdmin = caller.kind !== "key";
        const needsDb = path.startsWith("/key/") || path.startsWith("/team/") || path.startsWith("/v2/team/") || path.startsWith("/spend/") || path.startsWith("/global/spend/");
        if (needsDb && faults.dbDisconnected) return sendJson(res, 500, { error: "DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys" });
        if (req.method === "GET" && path === "/key/info") {
            const passed = url.searchParams.get("key") ?? (caller.kind === "key" ? caller.key.token : "");
            if (!isAdmin && keys.find(passed) !== (caller as { key: KeyRecord }).key) return sendProxyError(res, 403, "You can only view your own key.", "auth_error");
            return keys.info(res, passed);
        }
        if (needsDb && !isAdmin) return sendProxyError(res, 401, `Only proxy admin can access ${path}`, "auth_error");
        if (req.method === "GET" && path === "/team/info") return teams.info(res, url.searchParams.get("team_id") ?? "");
        if (req.method === "GET" && path === "/team/list") return teams.list(res);
        if (req.method === "GET" && url.pathname === "/v2/team/list") return teams.listV2(res, url.searchParams);
        if (req.method === "GET" && path === "/key/list") return listKeys(res, keys, url.searchParams);
        const writes: Record<string, (body: Record<string, unknown>) => void> = {
            "/key/generate": (b) => keys.generate(res, b),
            "/key/delete": (b) => keys.delete(res, b),
            "/key/update": (b) => updateKey(res, keys, b),
            "/key/regenerate": () => regenerateKey(res),
            "/team/new": (b) => teams.create(res, b),
            "/team/update": (b) => teams.update(res, b),
            "/team/delete": (b) => teams.delete(res, b),
        };
        if (req.method === "POST" && writes[path]) {
            const body = await readJsonBody(req);
            if (!body) return sendProxyError(res, 400, "Invalid JSON body", "bad_request_error");
            if (path === "/key/delete" && faults.keyDeleteFailures && faults.keyDeleteFailures > 0) {
                faults.keyDeleteFailures--;
                return sendProxyError(res, 500, "All connection attempts failed", "internal_server_error");
            }
            if (path === "/key/generate" && faults.keyGenerateFailures && faults.keyGenerateFailures > 0) {
                faults.keyGenerateFailures--;
                return sendProxyError(res, 500, "{'error': 'Internal Server Error.'}", "internal_server_error");
            }
            if (faults.adminAnswersLost && faults.adminAnswersLost > 0) {
                faults.adminAnswersLost--;
                loseAnswer(req, res);
            }
            return writes[path](body);
        }
        if (req.method === "GET" && path.startsWith("/fallback/")) return fallbackInfo(res, decodeURIComponent(path.slice("/fallback/".length)));
        if (req.method === "GET" && path === "/spend/logs") return ledger.serveLogs(res, url.searchParams);
        if (req.method === "GET" && path === "/global/spend/keys") return ledger.serveGlobalKeys(res, url.searchParams, (h) => keys.find(h));
        if (req.method === "GET" && path === "/global/spend/models") return ledger.serveGlobalModels(res, url.searchParams);
        return sendJson(res, 404, { detail: "Not Found" });
    }

    /** The write happens, the answer never arrives: the connection is reset instead. */
    function loseAnswer(req: IncomingMessage, res: ServerResponse): void {
        res.writeHead = (() => res) as unknown as ServerResponse["writeHead"];
        res.end = (() => {
            req.socket.destroy();
            return res;
        }) as unknown as ServerResponse["end"];
    }

    /**
     * `/health/readiness` and, on "1.104", the authenticated `/health/readiness/details`. Since 1.104 the
     * public body is only `{status, db}`, and a configured database that is not connected answers 503.
     */
    function readiness(res: ServerResponse, details: boolean): void {
        const common = { cache: null, litellm_version: SIM_RELEASES[options.version], success_callbacks: ["_PROXY_track_cost_callback"], use_aiohttp_transport: true, log_level: "INFO", is_detailed_debug: false };
        if (options.version === "1.104") {
            const db = faults.dbDisconnected ? "disconnected" : "connected";
            const status = faults.dbDisconnected ? 503 : 200;
            if (!details) return sendJson(res, status, { status: "healthy", db });
            const body: Record<string, unknown> = { status: "healthy", db, ...common };
            for (const ext of extensions) ext.readiness?.(body, api);
            return sendJson(res, status, body);
        }
        const body: Record<string, unknown> = faults.dbDisconnected
            ? { status: "healthy", db: "Not connected", ...common }
            : { status: "connected", db: "connected", ...common, last_updated: new Date().toISOString() };
        for (const ext of extensions) ext.readiness?.(body, api);
        sendJson(res, 200, body);
    }

    /** The admin `GET /fallback/{model}` (fallback_management_endpoints.py): the router's chain, or a structured 404. */
    function fallbackInfo(res: ServerResponse, model: string): void {
        const chain = fallbacksOf(options, faults, model);
        if (chain.length === 0) return sendJson(res, 404, { detail: { error: `No general fallbacks configured for model '${model}'` } });
        sendJson(res, 200, { model, fallback_models: chain, fallback_type: "general" });
    }

    async function chat(req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> {
        const body = await readJsonBody(req);
        if (!body || typeof body.model !== "string" || !Array.isArray(body.messages)) {
            return sendProxyError(res, 400, "Invalid request: 'model' (string) and 'messages' (array) are required", "bad_request_error");
        }
        const traceHeader = req.headers["x-litellm-trace-id"];
        await holdBeforeTiming(faults);
        const call: ChatCall = {
            callId: randomUUID(),
            model: body.model,
            body,
            headers: req.headers,
            key: caller.kind === "key" ? caller.key : undefined,
            traceId: typeof traceHeader === "string" && traceHeader !== "" ? traceHeader : randomUUID(),
            startedAt: new Date(),
            receivedAt: performance.now(),
        };
        const errorHeaders = { "x-litellm-call-id": call.callId, "x-litellm-version": SIM_RELEASES[options.version] };
        if (refuseModelAccess(res, options, faults, call.key, call.model)) return;
        const model = findModel(call.model);
        const budget = model ? decideBudget(options, faults, call.key, model, body) : { allowed: true as const, reservation: 0 };
        if (!budget.allowed) return sendProxyError(res, budget.status, budget.message, "budget_exceeded", null, errorHeaders);
        if (refuseMockTestingParams(res, options, body, errorHeaders)) return;

        if (refuseCoolingDown(res, faults, call.model, errorHeaders)) return;
        await holdInGateway(faults);
        let answer: ChatAnswer | undefined;
        for (const ext of extensions) {
            answer = (await ext.beforeDispatch?.(call, api)) ?? undefined;
            if (answer) break;
        }
        const routed = answer ?? (await route(options, faults, upstreamUrl, call, findModel));
        if (!("completion" in routed)) {
            releaseReservation(call.key, budget.reservation);
            return sendProxyError(res, routed.status, routed.message, routed.type, routed.param, errorHeaders);
        }
        for (const ext of extensions) await ext.afterSuccess?.(call, routed, api);
        const keySpend = (call.key?.spend ?? 0) + routed.costUsd;
        const headers: Record<string, string> = {
            ...errorHeaders,
            "x-litellm-model-id": `${routed.servedBy.modelName}-deployment-0`,
            "x-litellm-model-group": routed.servedBy.modelName,
            "x-litellm-model-api-base": upstreamUrl,
            "x-litellm-attempted-fallbacks": String(routed.attemptedFallbacks),
            "x-litellm-attempted-retries": "0",
            // A cache hit's cost header, if any, is the cache's to set (litellm-sim/cache.ts).
            ...(routed.cacheHit ? {} : { "x-litellm-response-cost": String(routed.costUsd) }),
            "x-litellm-key-spend": String(keySpend),
            ...timingHeaders(call, routed, faults),
            ...(call.key?.maxBudget !== null && call.key?.maxBudget !== undefined ? { "x-litellm-key-max-budget": String(call.key.maxBudget) } : {}),
            ...routed.headers,
        };
        sendJson(res, 200, routed.completion, headers);
        // The cost callback runs after the response is sent, as LiteLLM's async success callback does.
        setTimeout(() => {
            settleSpend(call.key, routed.costUsd, budget.reservation);
            if (!faults.spendRowsNeverWritten) ledger.enqueue(spendRow(call, routed, caller), call.key);
        }, options.spendCallbackDelayMs).unref();
    }

    function spendRow(call: ChatCall, answer: ChatAnswer, caller: Caller): SpendLogRow {
        const end = new Date();
        const usage = answer.completion.usage;
        const apiKey = caller.kind === "key" ? caller.key.token : "litellm_proxy_master_key";
        const row: SpendLogRow = {
            request_id: answer.cacheHit ? `${answer.completion.id}_cache_hit${end.getTime() / 1000}` : answer.completion.id,
            call_type: "acompletion",
            api_key: apiKey,
            spend: answer.costUsd,
            total_tokens: usage.total_tokens,
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            startTime: call.startedAt.toISOString(),
            endTime: end.toISOString(),
            completionStartTime: end.toISOString(),
            request_duration_ms: end.getTime() - call.startedAt.getTime(),
            model: `openai/${answer.servedBy.upstreamModel}`,
            model_id: `${answer.servedBy.modelName}-deployment-0`,
            model_group: answer.servedBy.modelName,
            custom_llm_provider: "openai",
            api_base: upstreamUrl,
            user: "",
            metadata: {
                user_api_key: apiKey,
                user_api_key_alias: call.key?.keyAlias ?? null,
                user_api_key_team_id: null,
                user_api_key_user_id: null,
                user_api_key_team_alias: null,
                spend_logs_metadata: null,
                requester_ip_address: "",
                applied_guardrails: [],
                usage_object: usage,
            },
            cache_hit: answer.cacheHit ? "True" : "False",
            cache_key: answer.cacheKey ?? "Cache OFF",
            request_tags: [],
            team_id: "",
            organization_id: "",
            end_user: "",
            requester_ip_address: "",
            session_id: call.traceId,
            messages: {},
            response: {},
            proxy_server_request: {},
            status: "success",
        };
        for (const ext of extensions) ext.onSpendRow?.(row, call, answer, api);
        return row;
    }

    return {
        ...api,
        get url() {
            return baseUrl;
        },
        upstream,
        spendLogs: () => ledger.written(),
        pendingSpendRows: () => ledger.pending(),
        flushSpend: () => ledger.flush(),
        async listen(port = 0, host = "127.0.0.1") {
            if (upstream) upstreamUrl = await upstream.listen(0, "127.0.0.1");
            await new Promise<void>((done, reject) => {
                server.once("error", reject);
                server.listen(port, host, () => done());
            });
            baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
            ledger.start(options.batchIntervalMs, options.batchJitterMs);
            return baseUrl;
        },
        async close() {
            ledger.stop();
            server.closeAllConnections();
            await new Promise<void>((done) => server.close(() => done()));
            if (upstream) await upstream.close();
        },
    };
}
