/**
 * The HTTP under LiteLLMTeam's and LiteLLMKey's admin calls: Node's global `fetch`, so the code the
 * providers carry in every resource's state holds no HTTP library (axios made each resource 682 KB). Every
 * call:
 * - authenticates with the master key and never puts a raw key in a URL or an error message;
 * - is retried on connection resets, refusals and timeouts, and on 502/503/504 (a restarting gateway), with
 *   backoff, so a blip during `pulumi up` does not fail the deployment; the callers make every call
 *   idempotent, so a retry is safe;
 * - waits for one of MAX_IN_FLIGHT slots per gateway, shared by every resource the provider host serves
 *   (the bundle is evaluated once per host): a refresh of 500 keys never opens 500 requests at once.
 */
import { readProxyError } from "../../verify/gateway-response";
import { redactSecrets } from "../../verify/redact";

export interface AdminConnection {
    /** Base URL of the gateway's admin API, e.g. `http://127.0.0.1:4000`. */
    adminUrl: string;
    masterKey: string;
}

export interface AdminClientOptions {
    /** Timeout of one request. Default 15000 ms. */
    requestTimeoutMs?: number;
    /** Attempts per call, the first included. Default 5. */
    attempts?: number;
    /** First backoff; doubles per attempt. Default 250 ms. */
    backoffMs?: number;
}

/** Admin requests in flight at once per gateway, per provider host. */
export const MAX_IN_FLIGHT = 8;

export interface AdminResponse {
    status: number;
    /** The JSON body, or the text when it is not JSON. */
    data: unknown;
}

export interface CallResult {
    res: AdminResponse;
    /** An earlier attempt of this call may have reached the gateway (its answer was lost). */
    retried: boolean;
}

export type AdminCall = (method: "GET" | "POST", url: string, payload?: { data?: unknown; params?: Record<string, string> }) => Promise<CallResult>;

/** A refused or failed admin call: the endpoint, the status and LiteLLM's message (keys redacted). */
export class AdminApiError extends Error {
    constructor(readonly endpoint: string, readonly status: number | undefined, detail: string) {
        super(`${endpoint}: ${status === undefined ? "" : `HTTP ${status}: `}${redactSecrets(detail)}`);
        this.name = "AdminApiError";
    }
}

/** Network failures worth a retry, as undici reports them in `fetch`'s `cause` (or Node's own codes). */
const RETRYABLE_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** The code of a failed `fetch` (undici wraps it as `TypeError: fetch failed` with a `cause`), or of a timeout. */
function failureCode(err: unknown): string | undefined {
    const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } };
    if (e?.name === "TimeoutError") return "ETIMEDOUT";
    if (typeof e?.cause?.code === "string") return e.cause.code;
    return typeof e?.code === "string" ? e.code : undefined;
}

/** LiteLLM's error message from any of its envelopes, else the body itself, cut short. */
export function errorText(body: unknown): string {
    return readProxyError(body)?.message ?? (typeof body === "string" ? body : JSON.stringify(body ?? "")).slice(0, 300);
}

/** At most `limit` holders at once; the rest wait in order. */
function slots(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
    let busy = 0;
    const waiting: (() => void)[] = [];
    return async (work) => {
        if (busy >= limit) await new Promise<void>((r) => waiting.push(r));
        else busy++;
        try {
            return await work();
        } finally {
            const next = waiting.shift();
            if (next) next();
            else busy--;
        }
    };
}

/** One slot pool per gateway URL, for the life of the provider host. */
const pools = new Map<string, ReturnType<typeof slots>>();

export function adminCall(conn: AdminConnection, options: AdminClientOptions = {}): AdminCall {
    const attempts = options.attempts ?? 5;
    const backoffMs = options.backoffMs ?? 250;
    const timeoutMs = options.requestTimeoutMs ?? 15_000;
    const base = conn.adminUrl.replace(/\/+$/, "");
    let pool = pools.get(base);
    if (!pool) pools.set(base, (pool = slots(MAX_IN_FLIGHT)));
    const inSlot = pool;

    async function once(method: string, url: string, payload?: { data?: unknown; params?: Record<string, string> }): Promise<AdminResponse> {
        const query = payload?.params ? `?${new URLSearchParams(payload.params)}` : "";
        const res = await fetch(`${base}${url}${query}`, {
            method,
            headers: { Authorization: `Bearer ${conn.masterKey}`, ...(payload?.data === undefined ? {} : { "Content-Type": "application/json" }) },
            body: payload?.data === undefined ? undefined : JSON.stringify(payload.data),
            redirect: "manual",
            signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        let data: unknown = text;
        try {
            data = text === "" ? "" : JSON.parse(text);
        } catch {
            // Not JSON (a proxy's HTML error page): keep the text for the error message.
        }
        return { status: res.status, data };
    }

    return async (method, url, payload) => {
        const endpoint = `${method} ${url}`;
        let retried = false;
        for (let attempt = 1; ; attempt++) {
            try {
                const res = await inSlot(() => once(method, url, payload));
                if (!RETRYABLE_STATUSES.has(res.status) || attempt >= attempts) return { res, retried };
            } catch (err) {
                const code = failureCode(err);
                // undici says "fetch failed" and puts the reason in `cause` (e.g. "connect ECONNREFUSED", or "bad port": fetch refuses ports such as 6000).
                const cause = (err as { cause?: { message?: unknown } })?.cause?.message;
                const message = `${err instanceof Error ? err.message : String(err)}${typeof cause === "string" ? `: ${cause}` : ""}`;
                if (!code || !RETRYABLE_CODES.has(code) || attempt >= attempts) {
                    throw new AdminApiError(endpoint, undefined, `${code ? `${code}: ` : ""}${message} (after ${attempt} attempt(s); is ${conn.adminUrl} reachable from here?)`);
                }
            }
            retried = true;
            await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
        }
    };
}
