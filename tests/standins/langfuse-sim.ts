/**
 * Langfuse-API simulator for the `langfuse-trace` check: the read APIs of a v3 or v4 server, following
 * /work/shared/reference/langfuse-presidio.md §0–2 exactly:
 * - `GET /api/public/health` (no auth) → `{"status":"OK","version":"<x.y.z>"}`;
 * - v3: `GET /api/public/traces` (page/limit ≤ 100, tags "all of", fromTimestamp, orderBy, fields; latency in
 *   SECONDS) and `GET /api/public/traces/{id}` with full observations; `/api/public/v2/observations` is 404;
 * - v4 (`events_only`): both v1 routes are 404; `GET /api/public/v2/observations` with cursor pagination,
 *   field groups (default only core,basic), `providedModelName`, `usageDetails`, `latency`, trace tags, and a
 *   JSON `filter` that takes precedence over the plain filters.
 * Project routes need Basic auth. Exports become readable after `ingestionDelayMs`.
 *
 * `langfuseExporter(sim)` is a LiteLLM-simulator extension that "exports" each successful call the way real
 * LiteLLM's `langfuse_otel` does (measured, see langfuseExporter): trace id from `x-litellm-trace-id`, a
 * `litellm_request` generation, the deployment model, token usage, start/end, key alias and hash in the
 * metadata, the key's and the request's tags, the (possibly masked) input.
 */
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimExtension } from "./litellm-sim";

export interface LangfuseSimFaults {
    /** Exports are accepted and dropped (what v4 does to the classic `langfuse` callback). */
    tracesNeverAppear?: boolean;
    /** Exports lose the key identity (metadata without user_api_key_*, generic generation name). */
    traceLacksKeyIdentity?: boolean;
    /** The v1 traces API answers 404 while /health reports a 3.x version. */
    wrongApiVersion?: boolean;
}

export interface LangfuseSimOptions {
    major?: 3 | 4;
    /** Reported version. Default 3.225.4 or 4.16.0. */
    version?: string;
    publicKey?: string;
    secretKey?: string;
    /** Delay between an export and the moment reads can see it. Default 200 ms. */
    ingestionDelayMs?: number;
    faults?: LangfuseSimFaults;
}

/** One LiteLLM call as the exporter hands it over. */
export interface ExportedGeneration {
    /** `x-litellm-trace-id` (a uuid). */
    traceId: string;
    name: string;
    model: string;
    input: unknown;
    output: unknown;
    usage: { input: number; output: number; total: number };
    startTime: Date;
    endTime: Date;
    metadata: Record<string, unknown>;
    tags: string[];
}

interface Stored {
    traceId: string;
    observationId: string;
    gen: ExportedGeneration;
    visibleAt: number;
    createdAt: string;
}

export interface LangfuseSim {
    readonly url: string;
    readonly options: Required<Omit<LangfuseSimOptions, "faults">>;
    readonly faults: LangfuseSimFaults;
    /** Every request received: method, path and query, in order. */
    readonly requests: { method: string; path: string; query: Record<string, string | string[]> }[];
    ingest(gen: ExportedGeneration): void;
    /** Stored generations, visible or not yet. */
    stored(): number;
    listen(port?: number, host?: string): Promise<string>;
    close(): Promise<void>;
}

const PROJECT_ID = "sim-project";
const V1_GONE = "This endpoint is not available on deployments running in Langfuse v4 events_only mode";
const V2_GONE = "This endpoint is only available in a Langfuse v4 write mode";
const V2_GROUPS = ["core", "basic", "time", "io", "metadata", "model", "usage", "prompt", "metrics", "trace_context"];

function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
}

const badRequest = (res: ServerResponse, message: string) => send(res, 400, { message: "Invalid request data", error: [{ message }] });
const seconds = (g: ExportedGeneration) => (g.endTime.getTime() - g.startTime.getTime()) / 1000;
const isoWithOffset = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));

export function createLangfuseSim(input: LangfuseSimOptions = {}): LangfuseSim {
    const major = input.major ?? 4;
    const options = {
        major,
        version: input.version ?? (major === 4 ? "4.16.0" : "3.225.4"),
        publicKey: input.publicKey ?? "pk-lf-sim-public",
        secretKey: input.secretKey ?? "sk-lf-sim-secret-0123456789",
        ingestionDelayMs: input.ingestionDelayMs ?? 200,
    };
    const faults: LangfuseSimFaults = { ...input.faults };
    const store: Stored[] = [];
    const requests: LangfuseSim["requests"] = [];
    let baseUrl = "";

    const visible = () => store.filter((s) => s.visibleAt <= Date.now());
    const v1Served = () => major < 4 && !faults.wrongApiVersion;
    const reportedVersion = () => (faults.wrongApiVersion && major >= 4 ? "3.225.4" : options.version);
    const authorized = (req: IncomingMessage) => req.headers.authorization === `Basic ${Buffer.from(`${options.publicKey}:${options.secretKey}`).toString("base64")}`;

    function observationV1(s: Stored): Record<string, unknown> {
        const g = s.gen;
        return {
            id: s.observationId, projectId: PROJECT_ID, traceId: s.traceId, parentObservationId: null, name: g.name, type: "GENERATION", environment: "default",
            startTime: g.startTime.toISOString(), endTime: g.endTime.toISOString(), completionStartTime: g.endTime.toISOString(), version: null,
            createdAt: s.createdAt, updatedAt: s.createdAt, input: g.input, output: g.output, metadata: g.metadata, level: "DEFAULT", statusMessage: null,
            model: g.model, modelParameters: {}, promptId: null, promptName: null, promptVersion: null, modelId: null,
            usageDetails: { ...g.usage }, costDetails: {}, usage: { unit: "TOKENS", ...g.usage }, unit: "TOKENS",
            promptTokens: g.usage.input, completionTokens: g.usage.output, totalTokens: g.usage.total,
            inputPrice: null, outputPrice: null, totalPrice: null, calculatedInputCost: null, calculatedOutputCost: null, calculatedTotalCost: 0,
            latency: seconds(g), timeToFirstToken: seconds(g),
        };
    }

    function traceV1(s: Stored, full: boolean): Record<string, unknown> {
        const g = s.gen;
        return {
            id: s.traceId, externalId: null, timestamp: g.startTime.toISOString(), name: "litellm-acompletion", userId: null, metadata: {}, release: null, version: null,
            projectId: PROJECT_ID, environment: "default", public: false, bookmarked: false, tags: [...g.tags], input: g.input, output: g.output, sessionId: null,
            createdAt: s.createdAt, updatedAt: s.createdAt, observations: full ? [observationV1(s)] : [s.observationId], scores: [], totalCost: 0,
            latency: seconds(g), htmlPath: `/project/${PROJECT_ID}/traces/${s.traceId}`,
        };
    }

    function listTraces(res: ServerResponse, q: URLSearchParams): void {
        const page = Number(q.get("page") ?? "1");
        const limit = Number(q.get("limit") ?? "50");
        if (!Number.isInteger(page) || page < 1) return badRequest(res, "page must be a positive integer");
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) return badRequest(res, "limit must be between 1 and 100");
        const from = q.get("fromTimestamp");
        const to = q.get("toTimestamp");
        for (const t of [from, to]) if (t !== null && !isoWithOffset(t)) return badRequest(res, `invalid datetime ${t}`);
        const tags = q.getAll("tags").flatMap((t) => t.split(",")).filter((t) => t !== "");
        const desc = (q.get("orderBy") ?? "timestamp.desc") !== "timestamp.asc";
        const rows = visible()
            .filter((s) => (from === null || s.gen.startTime >= new Date(from)) && (to === null || s.gen.startTime < new Date(to)))
            .filter((s) => tags.every((t) => s.gen.tags.includes(t)))
            .sort((a, b) => (desc ? -1 : 1) * (a.gen.startTime.getTime() - b.gen.startTime.getTime()));
        send(res, 200, { data: rows.slice((page - 1) * limit, page * limit).map((s) => traceV1(s, false)), meta: { page, limit, totalItems: rows.length, totalPages: Math.ceil(rows.length / limit) } });
    }

    function observationV2(s: Stored, groups: Set<string>, expand: Set<string>): Record<string, unknown> {
        const g = s.gen;
        const row: Record<string, unknown> = { id: s.observationId, traceId: s.traceId, startTime: g.startTime.toISOString(), endTime: g.endTime.toISOString(), projectId: PROJECT_ID, parentObservationId: null, type: "GENERATION" };
        if (groups.has("basic")) Object.assign(row, { name: g.name, level: "DEFAULT", statusMessage: null, version: null, environment: "default", bookmarked: false, public: false, userId: null, sessionId: null, isRootObservation: true });
        if (groups.has("time")) Object.assign(row, { completionStartTime: g.endTime.toISOString(), createdAt: s.createdAt, updatedAt: s.createdAt });
        // io: raw strings, as stored from the OTel attributes.
        if (groups.has("io")) Object.assign(row, { input: JSON.stringify(g.input), output: JSON.stringify(g.output) });
        if (groups.has("metadata")) {
            const flat = Object.entries(g.metadata).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as const);
            row.metadata = Object.fromEntries(flat.map(([k, v]) => [k, v.length > 200 && !expand.has(k) ? v.slice(0, 200) : v]));
        }
        if (groups.has("model")) Object.assign(row, { providedModelName: g.model, internalModelId: null, modelParameters: {} });
        if (groups.has("usage")) Object.assign(row, { usageDetails: { ...g.usage }, costDetails: {}, totalCost: "0" });
        if (groups.has("prompt")) Object.assign(row, { promptId: null, promptName: null, promptVersion: null });
        if (groups.has("metrics")) Object.assign(row, { latency: seconds(g), timeToFirstToken: seconds(g) });
        if (groups.has("trace_context")) Object.assign(row, { tags: [...g.tags], release: null, traceName: "litellm-acompletion" });
        return row;
    }

    function listObservationsV2(res: ServerResponse, q: URLSearchParams): void {
        const limit = Number(q.get("limit") ?? "50");
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return badRequest(res, "limit must be between 1 and 1000");
        const groups = new Set(["core", ...(q.get("fields") ?? "core,basic").split(",").map((f) => f.trim())]);
        const unknown = [...groups].filter((f) => !V2_GROUPS.includes(f));
        if (unknown.length > 0) return badRequest(res, `unknown field group(s): ${unknown.join(", ")}`);
        let offset = 0;
        const cursor = q.get("cursor");
        if (cursor !== null) {
            try {
                offset = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { offset: number }).offset;
            } catch {
                return badRequest(res, "invalid cursor");
            }
        }
        let keep: (s: Stored) => boolean;
        const filter = q.get("filter");
        if (filter !== null) {
            let conditions: { type: string; column: string; operator: string; value: string[] }[];
            try {
                conditions = JSON.parse(filter);
            } catch {
                return badRequest(res, "filter is not JSON");
            }
            keep = (s) =>
                conditions.every((c) => {
                    if (c.type !== "arrayOptions" || !["tags", "traceTags"].includes(c.column)) return true;
                    if (c.operator === "any of") return c.value.some((v) => s.gen.tags.includes(v));
                    if (c.operator === "all of") return c.value.every((v) => s.gen.tags.includes(v));
                    return !c.value.some((v) => s.gen.tags.includes(v));
                });
        } else {
            const from = q.get("fromStartTime");
            const to = q.get("toStartTime");
            for (const t of [from, to]) if (t !== null && !isoWithOffset(t)) return badRequest(res, `invalid datetime ${t}`);
            const type = q.get("type");
            const traceId = q.get("traceId");
            keep = (s) =>
                (type === null || type === "GENERATION") &&
                (traceId === null || traceId === s.traceId) &&
                (from === null || s.gen.startTime >= new Date(from)) &&
                (to === null || s.gen.startTime < new Date(to));
        }
        const expand = new Set((q.get("expandMetadata") ?? "").split(",").filter((k) => k !== ""));
        const rows = visible().filter(keep).sort((a, b) => b.gen.startTime.getTime() - a.gen.startTime.getTime());
        const page = rows.slice(offset, offset + limit).map((s) => observationV2(s, groups, expand));
        const next = offset + limit < rows.length ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString("base64") : undefined;
        send(res, 200, { data: page, meta: next ? { cursor: next } : {} });
    }

    const server: Server = createServer((req, res) => {
        const url = new URL(req.url ?? "/", "http://sim");
        const query: Record<string, string | string[]> = {};
        for (const k of new Set(url.searchParams.keys())) {
            const all = url.searchParams.getAll(k);
            query[k] = all.length === 1 ? all[0] : all;
        }
        requests.push({ method: req.method ?? "GET", path: url.pathname, query });
        if (req.method !== "GET") return send(res, 405, { message: "Method not allowed" });
        if (url.pathname === "/api/public/health") return send(res, 200, { status: "OK", version: reportedVersion() });
        if (!url.pathname.startsWith("/api/public/")) return send(res, 404, { message: "Not found" });
        if (!authorized(req)) return send(res, 401, { message: "Invalid credentials. Confirm that you've configured the correct host." });
        if (url.pathname === "/api/public/traces") return v1Served() ? listTraces(res, url.searchParams) : send(res, 404, { message: V1_GONE });
        const byId = /^\/api\/public\/traces\/([^/]+)$/.exec(url.pathname);
        if (byId) {
            if (!v1Served()) return send(res, 404, { message: V1_GONE });
            const s = visible().find((x) => x.traceId === decodeURIComponent(byId[1]));
            return s ? send(res, 200, traceV1(s, true)) : send(res, 404, { message: "Trace not found within authorized project" });
        }
        if (url.pathname === "/api/public/v2/observations") return major >= 4 ? listObservationsV2(res, url.searchParams) : send(res, 404, { message: V2_GONE });
        return send(res, 404, { message: "Not found" });
    });

    return {
        get url() {
            return baseUrl;
        },
        options,
        faults,
        requests,
        ingest(gen) {
            if (faults.tracesNeverAppear) return;
            const g: ExportedGeneration = faults.traceLacksKeyIdentity
                ? { ...gen, name: "litellm-acompletion", metadata: Object.fromEntries(Object.entries(gen.metadata).filter(([k]) => !/user_api_key|key_alias|^metadata$/.test(k))) }
                : gen;
            // v4 stores the OTel span as exported: 32-hex trace ids, 16-hex span ids.
            const traceId = major >= 4 ? g.traceId.replace(/-/g, "") : g.traceId;
            const observationId = major >= 4 ? randomUUID().replace(/-/g, "").slice(0, 16) : randomUUID();
            store.push({ traceId, observationId, gen: g, visibleAt: Date.now() + options.ingestionDelayMs, createdAt: new Date().toISOString() });
        },
        stored: () => store.length,
        async listen(port = 0, host = "127.0.0.1") {
            await new Promise<void>((done, reject) => {
                server.once("error", reject);
                server.listen(port, host, () => done());
            });
            baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
            return baseUrl;
        },
        async close() {
            server.closeAllConnections();
            await new Promise<void>((done) => server.close(() => done()));
        },
    };
}

/** Request tags LiteLLM forwards: body `tags`, `metadata.tags`, and the `x-litellm-tags` header. */
function requestTags(body: Record<string, unknown>, header: string | string[] | undefined): string[] {
    const fromHeader = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map((t) => t.trim());
    const meta = (body.metadata as { tags?: unknown } | undefined)?.tags;
    const all = [...fromHeader, ...(Array.isArray(body.tags) ? body.tags : []), ...(Array.isArray(meta) ? meta : [])];
    return [...new Set(all.filter((t): t is string => typeof t === "string" && t !== ""))];
}

/**
 * The LiteLLM simulator's Langfuse callback: exports every successful call, asynchronously, after the fact,
 * as what real LiteLLM 1.108.7's `langfuse_otel` sends (measured by the integration suite's Langfuse export
 * half, docs/observability.md): one span named `litellm_request` (Langfuse names the observation after it;
 * the classic logger's `litellm:<alias>` name does not exist over OTel), `langfuse.trace.tags` = the key's metadata tags then the request's, and
 * a `metadata` attribute holding LiteLLM's standard logging metadata: the key's alias and hash, its own
 * metadata, the request's custom headers, and no `model_group` or `hidden_params` (those it never sends).
 */
export function langfuseExporter(langfuse: LangfuseSim): SimExtension {
    return {
        name: "langfuse-export",
        afterSuccess(call, answer) {
            const endTime = new Date(Math.max(Date.now(), call.startedAt.getTime() + 1));
            const usage = answer.completion.usage;
            const keyMetadata = call.key?.metadata ?? {};
            const keyTags = Array.isArray(keyMetadata.tags) ? (keyMetadata.tags as unknown[]).filter((t): t is string => typeof t === "string") : [];
            const header = call.headers["x-litellm-tags"];
            const gen: ExportedGeneration = {
                traceId: call.traceId,
                name: "litellm_request",
                // LiteLLM sends `llm.model_name` "<upstream model>" and `llm.response.model` "<group>"; which one
                // Langfuse stores is its own mapping, not measured here: the provider-qualified name stands for it.
                model: `openai/${answer.servedBy.upstreamModel}`,
                // After beforeDispatch: a pre_call guardrail's masking is what gets logged.
                input: structuredClone(call.body.messages),
                output: (answer.completion.choices as { message?: unknown }[] | undefined)?.[0]?.message ?? null,
                usage: { input: usage.prompt_tokens, output: usage.completion_tokens, total: usage.total_tokens },
                startTime: call.startedAt,
                endTime,
                // The span's other attributes, as metadata (how Langfuse keeps unmapped attributes is its own
                // mapping, not measured here); LiteLLM names the group only in `llm.response.model`.
                metadata: {
                    "litellm.key_alias": call.key?.keyAlias ?? null,
                    "llm.model_name": answer.servedBy.upstreamModel,
                    "llm.response.model": answer.servedBy.modelName,
                    metadata: JSON.stringify({
                        user_api_key_hash: call.key?.token ?? "litellm_proxy_master_key",
                        user_api_key_alias: call.key?.keyAlias ?? null,
                        user_api_key_team_id: null,
                        user_api_key_request_route: "/chat/completions",
                        requester_custom_headers: header === undefined ? {} : { "x-litellm-tags": Array.isArray(header) ? header.join(",") : header },
                        user_api_key_auth_metadata: keyMetadata,
                    }),
                },
                tags: [...new Set([...keyTags, ...requestTags(call.body, header)])],
            };
            setTimeout(() => langfuse.ingest(gen), 5).unref();
        },
    };
}
