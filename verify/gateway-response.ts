/**
 * Reading what the gateway answered: LiteLLM's error envelope, its `x-litellm-*` headers, and a one-line
 * description of a response or a network error for failure messages. Pure functions over plain data.
 */

/** LiteLLM's error body is `{error: {message, type, param, code: "<status>"}}` (ProxyException.to_dict). */
export interface ProxyError {
    message?: string;
    type?: string;
    param?: unknown;
    code?: string;
}

/** The parts of an HTTP response the helpers read (an AxiosResponse fits). */
export interface ResponseLike {
    status: number;
    data: unknown;
    headers: Record<string, unknown> | { get?(name: string): unknown };
}

/** The `error` object of a LiteLLM error body, or undefined. Also accepts the flat `{error: "text"}` form. */
export function readProxyError(body: unknown): ProxyError | undefined {
    if (typeof body === "string") {
        try {
            return readProxyError(JSON.parse(body));
        } catch {
            return undefined;
        }
    }
    if (!body || typeof body !== "object") return undefined;
    const err = (body as { error?: unknown }).error;
    if (typeof err === "string") return { message: err };
    if (!err || typeof err !== "object") {
        const detail = (body as { detail?: unknown }).detail;
        return typeof detail === "string" ? { message: detail } : undefined;
    }
    const e = err as Record<string, unknown>;
    return {
        message: typeof e.message === "string" ? e.message : undefined,
        type: typeof e.type === "string" ? e.type : undefined,
        param: e.param,
        code: e.code === undefined || e.code === null ? undefined : String(e.code),
    };
}

export interface ErrorExpectation {
    /** Accepted statuses: LiteLLM versions differ (e.g. budget 400 on v1.82, 429 on v1.84+). */
    statuses: readonly number[];
    /** `error.type`, stable across versions. */
    type: string;
}

/** True when the response is the expected refusal: an accepted status and the right `error.type`. */
export function matchesProxyError(res: ResponseLike, expected: ErrorExpectation): boolean {
    return expected.statuses.includes(res.status) && readProxyError(res.data)?.type === expected.type;
}

/** A header value as a string (first value if repeated), case-insensitive. */
export function headerValue(headers: ResponseLike["headers"], name: string): string | undefined {
    const lower = name.toLowerCase();
    let raw: unknown;
    const getter = (headers as { get?(n: string): unknown }).get;
    if (typeof getter === "function") raw = getter.call(headers, lower);
    if (raw === undefined || raw === null) {
        const entry = Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === lower);
        raw = entry?.[1];
    }
    if (Array.isArray(raw)) raw = raw[0];
    if (raw === undefined || raw === null) return undefined;
    return String(raw);
}

/** A numeric header (`x-litellm-response-cost`, `x-litellm-attempted-fallbacks`), or undefined if absent or not a number. */
export function headerNumber(headers: ResponseLike["headers"], name: string): number | undefined {
    const text = headerValue(headers, name);
    if (text === undefined || text.trim() === "") return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
}

function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * "HTTP 403, error.type "key_model_access_denied", message "…", x-litellm-model-group: a". Callers redact
 * the result (the engine does it for every message), because error bodies can quote keys.
 */
export function describeResponse(res: ResponseLike, headerNames: readonly string[] = []): string {
    const parts = [`HTTP ${res.status}`];
    const err = readProxyError(res.data);
    if (err?.type) parts.push(`error.type "${err.type}"`);
    if (err?.message) parts.push(`message "${truncate(err.message, 200)}"`);
    if (!err && res.status >= 400) {
        const text = typeof res.data === "string" ? res.data : JSON.stringify(res.data ?? "");
        if (text) parts.push(`body ${truncate(text, 200)}`);
    }
    for (const name of headerNames) {
        const v = headerValue(res.headers, name);
        parts.push(`${name}: ${v === undefined ? "(absent)" : v}`);
    }
    return parts.join(", ");
}

/** One line for a thrown request error (network, timeout, abort), without the request config or headers. */
export function describeError(err: unknown): string {
    if (err && typeof err === "object") {
        const e = err as { code?: unknown; message?: unknown; name?: unknown; response?: ResponseLike };
        if (e.response && typeof e.response.status === "number") return describeResponse(e.response);
        const code = typeof e.code === "string" ? e.code : undefined;
        const message = typeof e.message === "string" ? e.message : String(err);
        return code && !message.includes(code) ? `${code}: ${message}` : message;
    }
    return String(err);
}
