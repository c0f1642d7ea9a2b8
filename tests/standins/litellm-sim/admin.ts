/**
 * The simulated team table and the admin endpoints beyond /key/generate|delete|info: /team/new|info|update|
 * delete|list and /key/update|list|regenerate. Shapes follow LiteLLM 1.108.7's source
 * (proxy/management_endpoints/team_endpoints.py, key_management_endpoints.py):
 * - `/team/new` takes a caller-chosen `team_id` and refuses a second team with it; aliases are not unique;
 * - `/team/info` answers `{team_id, team_info, keys, team_memberships}`, 404 for an unknown id;
 * - `/team/update` and `/key/update` are merge patches: an absent field is kept, an explicit null clears it;
 *   `/key/update` finds the key by `key` (raw or hash) or by a unique `key_alias`, replaces `metadata`
 *   wholesale and restarts the lifetime when `duration` is sent;
 * - `/team/delete` deletes the team's keys with it;
 * - `/key/list` pages (`page`, `size` ≤ 100, default 10) newest first, filters by exact `key_alias` or
 *   `team_id`, and answers hashes, or whole rows with `token` when `return_full_object=true`;
 * - `/v2/team/list` pages (`page`, `page_size` ≤ 100, default 10) newest first, `team_alias` a substring;
 * - `/key/regenerate` is an Enterprise feature: refused without a license.
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { ALIAS_PATTERN } from "../../../verify/key-alias";
import { sendJson, sendProxyError } from "./http";
import { KeyTable, keyRow, parseDurationSeconds } from "./keys";
import type { KeyRecord, TeamRecord } from "./types";

function teamRow(t: TeamRecord): Record<string, unknown> {
    return {
        team_id: t.teamId,
        team_alias: t.teamAlias,
        models: t.models,
        max_budget: t.maxBudget,
        budget_duration: t.budgetDuration,
        tpm_limit: t.tpmLimit,
        rpm_limit: t.rpmLimit,
        spend: t.spend,
        metadata: {},
        blocked: false,
        created_at: t.createdAt,
    };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((m): m is string => typeof m === "string") : []);
const numberOrNull = (v: unknown): number | null => (typeof v === "number" ? v : null);
const stringOrNull = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export class TeamTable {
    private readonly byId = new Map<string, TeamRecord>();

    constructor(private readonly keys: KeyTable) {}

    all(): TeamRecord[] {
        return [...this.byId.values()];
    }

    create(res: ServerResponse, body: Record<string, unknown>): void {
        const teamId = typeof body.team_id === "string" && body.team_id.trim() !== "" ? body.team_id : randomUUID();
        if (this.byId.has(teamId)) return sendProxyError(res, 400, `Team id = ${teamId} already exists. Please use a different team id.`, "bad_request_error", "team_id");
        const record: TeamRecord = {
            teamId,
            teamAlias: stringOrNull(body.team_alias),
            models: strings(body.models),
            maxBudget: numberOrNull(body.max_budget),
            budgetDuration: stringOrNull(body.budget_duration),
            tpmLimit: numberOrNull(body.tpm_limit),
            rpmLimit: numberOrNull(body.rpm_limit),
            spend: 0,
            createdAt: new Date().toISOString(),
        };
        this.byId.set(teamId, record);
        sendJson(res, 200, teamRow(record));
    }

    info(res: ServerResponse, teamId: string): void {
        const t = this.byId.get(teamId);
        if (!t) return sendProxyError(res, 404, `Team not found, passed team id: ${teamId}.`, "not_found_error", "team_id");
        const keys = this.keys.all().filter((k) => k.teamId === teamId).map((k) => ({ key_alias: k.keyAlias, models: k.models }));
        sendJson(res, 200, { team_id: teamId, team_info: teamRow(t), keys, team_memberships: [] });
    }

    update(res: ServerResponse, body: Record<string, unknown>): void {
        const t = typeof body.team_id === "string" ? this.byId.get(body.team_id) : undefined;
        if (!t) return sendProxyError(res, 404, `Team not found, passed team_id=${String(body.team_id)}`, "not_found_error", "team_id");
        if ("team_alias" in body) t.teamAlias = stringOrNull(body.team_alias);
        if ("models" in body) t.models = strings(body.models);
        if ("max_budget" in body) t.maxBudget = numberOrNull(body.max_budget);
        if ("budget_duration" in body) t.budgetDuration = stringOrNull(body.budget_duration);
        if ("tpm_limit" in body) t.tpmLimit = numberOrNull(body.tpm_limit);
        if ("rpm_limit" in body) t.rpmLimit = numberOrNull(body.rpm_limit);
        sendJson(res, 200, { team_id: t.teamId, data: teamRow(t) });
    }

    delete(res: ServerResponse, body: Record<string, unknown>): void {
        const ids = strings(body.team_ids);
        const missing = ids.filter((id) => !this.byId.has(id));
        if (ids.length === 0 || missing.length > 0) return sendProxyError(res, 404, `Team not found, passed team_id=${missing.join(", ")}`, "not_found_error", "team_ids");
        for (const id of ids) {
            this.byId.delete(id);
            for (const k of this.keys.all().filter((k) => k.teamId === id)) this.keys.remove(k.token);
        }
        sendJson(res, 200, { deleted_teams: ids });
    }

    list(res: ServerResponse): void {
        sendJson(res, 200, this.all().map(teamRow));
    }

    listV2(res: ServerResponse, params: URLSearchParams): void {
        const page = pageOf(res, params, "page_size");
        if (!page) return;
        const alias = params.get("team_alias");
        const found = newestFirst(this.all()).filter((t) => alias === null || (t.teamAlias ?? "").toLowerCase().includes(alias.toLowerCase()));
        const rows = found.slice((page.page - 1) * page.size, page.page * page.size).map(teamRow);
        sendJson(res, 200, { teams: rows, total: found.length, page: page.page, page_size: page.size, total_pages: Math.ceil(found.length / page.size) });
    }
}

/** `/key/update`: a merge patch of the key found by `key` or by a unique `key_alias`. */
export function updateKey(res: ServerResponse, keys: KeyTable, body: Record<string, unknown>): void {
    let record: KeyRecord | undefined;
    if (typeof body.key === "string") record = keys.find(body.key);
    else if (typeof body.key_alias === "string") {
        const matches = keys.all().filter((k) => k.keyAlias === body.key_alias);
        if (matches.length > 1) return sendProxyError(res, 400, `Multiple keys share key_alias='${body.key_alias}', so it cannot be used as an identifier.`, "bad_request_error", "key_alias");
        record = matches[0];
    } else return sendProxyError(res, 400, "either key or key_alias must be provided", "bad_request_error", "key");
    if (!record) return sendProxyError(res, 404, "Key not found.", "not_found_error", "key");
    const target = record;
    if (typeof body.key === "string" && "key_alias" in body && body.key_alias !== target.keyAlias) {
        const alias = body.key_alias;
        if (alias !== null && (typeof alias !== "string" || !ALIAS_PATTERN.test(alias))) return sendProxyError(res, 400, `Invalid key_alias: ${String(alias)}`, "bad_request_error", "key_alias");
        if (keys.all().some((k) => k !== target && k.keyAlias === alias)) return sendProxyError(res, 400, `Key with alias '${String(alias)}' already exists. Unique key aliases across all keys are required.`, "bad_request_error", "key_alias");
        target.keyAlias = stringOrNull(alias);
    }
    if (typeof body.max_budget === "number" && body.max_budget < 0) return sendProxyError(res, 400, `max_budget must be a non-negative finite number. Received: ${body.max_budget}`, "bad_request_error");
    if ("team_id" in body && body.team_id !== "") target.teamId = stringOrNull(body.team_id);
    if ("models" in body) target.models = strings(body.models);
    if ("max_budget" in body) target.maxBudget = numberOrNull(body.max_budget);
    if ("budget_duration" in body) target.budgetDuration = stringOrNull(body.budget_duration);
    if ("metadata" in body) target.metadata = body.metadata && typeof body.metadata === "object" ? { ...(body.metadata as Record<string, unknown>) } : {};
    if ("duration" in body) {
        const d = body.duration;
        if (d === null || d === "-1") target.expires = null;
        else if (typeof d === "string") {
            const seconds = parseDurationSeconds(d);
            if (seconds === undefined) return sendProxyError(res, 400, `Invalid duration: ${d}`, "bad_request_error", "duration");
            target.expires = new Date(Date.now() + seconds * 1000).toISOString();
        }
        target.duration = typeof d === "string" ? d : null;
    }
    sendJson(res, 200, { key: target.token, key_alias: target.keyAlias, models: target.models, max_budget: target.maxBudget, team_id: target.teamId, metadata: target.metadata, expires: target.expires });
}

/** `page` and a page size (`size` or `page_size`) as LiteLLM's FastAPI queries validate them (422 outside 1..100). */
function pageOf(res: ServerResponse, params: URLSearchParams, sizeName: string): { page: number; size: number } | undefined {
    const page = Number(params.get("page") ?? "1");
    const size = Number(params.get(sizeName) ?? "10");
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) {
        sendJson(res, 422, { detail: [{ type: "less_than_equal", loc: ["query", sizeName], msg: "page and size out of range" }] });
        return undefined;
    }
    return { page, size };
}

/** LiteLLM's default order: `created_at` descending (the id breaks ties). */
function newestFirst<T extends { createdAt: string }>(rows: T[]): T[] {
    return [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** `/key/list`: one page of hashes, or of whole rows (`return_full_object`), optionally filtered by exact alias or team. */
export function listKeys(res: ServerResponse, keys: KeyTable, params: URLSearchParams): void {
    const page = pageOf(res, params, "size");
    if (!page) return;
    const alias = params.get("key_alias");
    const team = params.get("team_id");
    const found = newestFirst(keys.all()).filter((k) => (alias === null || k.keyAlias === alias) && (team === null || k.teamId === team));
    const rows = found.slice((page.page - 1) * page.size, page.page * page.size);
    const full = params.get("return_full_object") === "true";
    sendJson(res, 200, { keys: rows.map((k) => (full ? { token: k.token, ...keyRow(k) } : k.token)), total_count: found.length, current_page: page.page, total_pages: Math.ceil(found.length / page.size) });
}

export function regenerateKey(res: ServerResponse): void {
    sendProxyError(res, 400, "Regenerating Virtual Keys is an Enterprise feature, Visit https://litellm.ai/enterprise to get a license", "bad_request_error");
}
