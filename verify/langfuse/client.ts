/**
 * A small read client for Langfuse's public API: Basic auth with the project key pair, no retries, no
 * throwing on HTTP status (callers decide what a 404 means), and errors that never carry the credentials.
 */
import axios, { AxiosInstance } from "axios";

export interface LangfuseCredentials {
    /** Base URL, e.g. `http://127.0.0.1:3000` or `https://cloud.langfuse.com`. */
    url: string;
    publicKey: string;
    secretKey: string;
}

export interface LangfuseResponse {
    status: number;
    data: unknown;
}

export interface LangfuseReader {
    /** `GET /api/public/health` (no auth). */
    health(): Promise<LangfuseResponse>;
    /** `GET /api/public/traces` (v1; 404 on v4 events_only). */
    listTraces(query: Record<string, string>): Promise<LangfuseResponse>;
    /** `GET /api/public/traces/{id}` with full observations. */
    getTrace(id: string): Promise<LangfuseResponse>;
    /** `GET /api/public/v2/observations` (v4). */
    listObservationsV2(query: Record<string, string>): Promise<LangfuseResponse>;
}

/** A network failure talking to Langfuse (not an HTTP status). The message names the path, never the keys. */
export class LangfuseUnreachable extends Error {
    constructor(readonly path: string, detail: string) {
        super(`${path}: ${detail}`);
        this.name = "LangfuseUnreachable";
    }
}

export function basicAuth(publicKey: string, secretKey: string): string {
    return `Basic ${Buffer.from(`${publicKey}:${secretKey}`).toString("base64")}`;
}

export interface ReaderOptions {
    timeoutMs: number;
    signal?: AbortSignal;
}

export function createLangfuseReader(target: LangfuseCredentials, options: ReaderOptions): LangfuseReader {
    const http: AxiosInstance = axios.create({
        baseURL: target.url.replace(/\/+$/, ""),
        timeout: options.timeoutMs,
        validateStatus: () => true,
        maxRedirects: 0,
        // The key pair goes to the Langfuse named, never through an ambient proxy.
        proxy: false,
    });
    const auth = { Authorization: basicAuth(target.publicKey, target.secretKey) };
    const get = async (path: string, params: Record<string, string> | undefined, authed: boolean): Promise<LangfuseResponse> => {
        try {
            const res = await http.get(path, { params, headers: authed ? auth : {}, signal: options.signal });
            return { status: res.status, data: res.data };
        } catch (err) {
            if (options.signal?.aborted) throw err;
            const e = err as { code?: unknown; message?: unknown };
            // Only the code and message: an axios error's config holds the Authorization header.
            const detail = [typeof e.code === "string" ? e.code : undefined, typeof e.message === "string" ? e.message : undefined].filter(Boolean).join(": ");
            throw new LangfuseUnreachable(`GET ${target.url.replace(/\/+$/, "")}${path}`, detail || "request failed");
        }
    };
    return {
        health: () => get("/api/public/health", undefined, false),
        listTraces: (query) => get("/api/public/traces", query, true),
        getTrace: (id) => get(`/api/public/traces/${encodeURIComponent(id)}`, undefined, true),
        listObservationsV2: (query) => get("/api/public/v2/observations", query, true),
    };
}
