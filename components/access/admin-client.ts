/**
 * An HTTP client for LiteLLM's team and key admin endpoints (axios), Pulumi-free. Every call:
 * - authenticates with the master key and never puts a raw key in a URL or an error message;
 * - is retried on connection resets, refusals and timeouts, and on 502/503/504 (a restarting gateway), with
 *   backoff, so a blip during `pulumi up` does not fail the deployment;
 * - is idempotent, so the retries are safe: creates carry an id or key value the caller chose, and a create
 *   whose first answer was lost is recognised by that id on the retry; deletes treat "not found" as done.
 */
import type { AxiosResponse } from "axios";
import { bearer } from "../../verify/gateway-calls";
import { readProxyError } from "../../verify/gateway-response";
import { gatewayHttpClient, isConnectionReset } from "../../verify/http-client";
import { hashKey } from "../../verify/keys";
import { redactSecrets } from "../../verify/redact";
import {
    isDeletedKey, keyFromApi, keyGenerateBody, keyHashes, KeySettings, LiveKey, teamCreateBody, teamFromApi, teamRows, TeamSettings, teamUpdateBody,
} from "../../verify/admin-api";

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

export type LiveTeam = TeamSettings & { teamId: string };

/** How a lifecycle gets its client (tests pass one with faster retries). */
export type ClientFactory = (conn: AdminConnection) => AdminClient;

/** A refused or failed admin call: the endpoint, the status and LiteLLM's message (keys redacted). */
class AdminApiError extends Error {
    constructor(readonly endpoint: string, readonly status: number | undefined, detail: string) {
        super(`${endpoint}: ${status === undefined ? "" : `HTTP ${status}: `}${redactSecrets(detail)}`);
        this.name = "AdminApiError";
    }
}

/** Besides resets: refusals and timeouts, as from a gateway that is restarting or busy. */
const RETRYABLE_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "ECONNABORTED", "EAI_AGAIN", "ERR_SOCKET_CONNECTION_TIMEOUT"]);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** LiteLLM's error message from any of its envelopes, else the body itself, cut short. */
function errorText(body: unknown): string {
    return readProxyError(body)?.message ?? (typeof body === "string" ? body : JSON.stringify(body ?? "")).slice(0, 300);
}

interface CallResult {
    res: AxiosResponse;
    /** An earlier attempt of this call may have reached the gateway (its answer was lost). */
    retried: boolean;
}

export interface AdminClient {
    /** Creates the team with the caller's id (read it back with teamInfo). */
    teamCreate(teamId: string, settings: TeamSettings): Promise<void>;
    /** undefined when the team does not exist. */
    teamInfo(teamId: string): Promise<LiveTeam | undefined>;
    teamUpdate(teamId: string, settings: TeamSettings): Promise<void>;
    /** Deletes the team (LiteLLM also deletes its keys); a team already gone is fine. */
    teamDelete(teamId: string): Promise<void>;
    teamsByAlias(alias: string): Promise<LiveTeam[]>;
    /** Creates a key with the caller's raw value; returns its hash (the token). */
    keyGenerate(rawKey: string, settings: KeySettings): Promise<string>;
    /** undefined when the key does not exist or was deleted (1.108 serves deleted keys with status "deleted"). */
    keyInfo(tokenHash: string): Promise<LiveKey | undefined>;
    keyUpdate(body: Record<string, unknown>): Promise<void>;
    /** Revokes the key; a key already gone is fine. */
    keyDelete(tokenHash: string): Promise<void>;
    /** Hashes of the live keys with exactly this alias. */
    keysByAlias(alias: string): Promise<string[]>;
}

export function createAdminClient(conn: AdminConnection, options: AdminClientOptions = {}): AdminClient {
    const attempts = options.attempts ?? 5;
    const backoffMs = options.backoffMs ?? 250;
    const http = gatewayHttpClient(conn.adminUrl.replace(/\/+$/, ""), options.requestTimeoutMs ?? 15_000);

    async function call(method: "GET" | "POST", url: string, payload?: { data?: unknown; params?: Record<string, string> }): Promise<CallResult> {
        const endpoint = `${method} ${url}`;
        let retried = false;
        for (let attempt = 1; ; attempt++) {
            try {
                const res = await http.request({ method, url, headers: bearer(conn.masterKey), data: payload?.data, params: payload?.params });
                if (!RETRYABLE_STATUSES.has(res.status) || attempt >= attempts) return { res, retried };
            } catch (err) {
                const code = (err as { code?: unknown }).code;
                const message = err instanceof Error ? err.message : String(err);
                const retryable = isConnectionReset(err) || (typeof code === "string" && RETRYABLE_CODES.has(code));
                if (!retryable || attempt >= attempts) throw new AdminApiError(endpoint, undefined, `${typeof code === "string" ? `${code}: ` : ""}${message} (after ${attempt} attempt(s); is ${conn.adminUrl} reachable from here?)`);
            }
            retried = true;
            await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
        }
    }

    const ok = (endpoint: string, { res }: CallResult): AxiosResponse => {
        if (res.status !== 200) throw new AdminApiError(endpoint, res.status, errorText(res.data));
        return res;
    };

    const client: AdminClient = {
        async teamCreate(teamId, settings) {
            const result = await call("POST", "/team/new", { data: teamCreateBody(teamId, settings) });
            if (result.res.status !== 200 && result.retried) {
                // The first attempt may have created it: the id is ours, so finding it means success.
                const existing = await client.teamInfo(teamId);
                if (existing && existing.alias === settings.alias) return;
            }
            ok("POST /team/new", result);
        },
        async teamInfo(teamId) {
            const result = await call("GET", "/team/info", { params: { team_id: teamId } });
            if (result.res.status === 404) return undefined;
            const body = ok("GET /team/info", result).data as { team_info?: Record<string, unknown> };
            return body.team_info ? teamFromApi({ team_id: teamId, ...body.team_info }) : undefined;
        },
        async teamUpdate(teamId, settings) {
            ok("POST /team/update", await call("POST", "/team/update", { data: teamUpdateBody(teamId, settings) }));
        },
        async teamDelete(teamId) {
            const result = await call("POST", "/team/delete", { data: { team_ids: [teamId] } });
            if (result.res.status === 404) return;
            ok("POST /team/delete", result);
        },
        async teamsByAlias(alias) {
            return teamRows(ok("GET /team/list", await call("GET", "/team/list")).data).filter((t) => t.alias === alias);
        },
        async keyGenerate(rawKey, settings) {
            const token = hashKey(rawKey);
            const result = await call("POST", "/key/generate", { data: keyGenerateBody(rawKey, settings) });
            if (result.res.status !== 200 && result.retried) {
                const existing = await client.keyInfo(token);
                if (existing && existing.alias === settings.alias) return token;
            }
            ok("POST /key/generate", result);
            return token;
        },
        async keyInfo(tokenHash) {
            const result = await call("GET", "/key/info", { params: { key: tokenHash } });
            if (result.res.status === 404) return undefined;
            const info = (ok("GET /key/info", result).data as { info?: Record<string, unknown> }).info;
            if (!info || isDeletedKey(info)) return undefined;
            return keyFromApi(info);
        },
        async keyUpdate(body) {
            ok("POST /key/update", await call("POST", "/key/update", { data: body }));
        },
        async keyDelete(tokenHash) {
            const result = await call("POST", "/key/delete", { data: { keys: [tokenHash] } });
            if (result.res.status === 404) return;
            ok("POST /key/delete", result);
        },
        async keysByAlias(alias) {
            return keyHashes(ok("GET /key/list", await call("GET", "/key/list", { params: { key_alias: alias, size: "100" } })).data);
        },
    };
    return client;
}
