/**
 * The LiteLLM admin API for teams and virtual keys, as pure functions: what a declared team or key sends
 * to `/team/new|update` and `/key/generate|update`, and what `/team/info` and `/key/info` answer, read
 * back into the same canonical shape the declaration has. Comparing the two is drift detection.
 *
 * Pulumi-free, and part of the engine's layer: the `access` check and the dynamic providers of
 * components/access (through a bundle) share it, so it sits below both (verify/ never imports components/).
 * Facts from the LiteLLM source (1.108.7, proxy/management_endpoints and proxy/_types.py):
 * - teams and keys carry their own `max_budget` and `budget_duration`; `/budget/*` objects only budget end
 *   users, organisations, team members, tags and projects, which this program does not declare;
 * - `/key/info` never returns the raw key, only the row without its hashed token; the raw key is shown once,
 *   by `/key/generate` (or chosen by the caller with `key`, which must start with `sk-`);
 * - `/key/update` replaces `metadata` wholesale and re-computes `expires` from now whenever `duration` is sent;
 * - `/team/update` and `/key/update` treat an explicit null as "clear", an absent field as "keep".
 */
import { createHash } from "node:crypto";
import { withoutUndefined } from "./without-undefined";

/** What a team is declared with. Absent optional fields mean "no limit". */
export interface TeamSettings {
    alias: string;
    /** Model groups the team's keys may call; canonical: sorted, unique. */
    models: string[];
    maxBudgetUsd?: number;
    budgetDuration?: string;
    tpmLimit?: number;
    rpmLimit?: number;
}

/** What a key is declared with. */
export interface KeySettings {
    alias: string;
    /** LiteLLM team id (the LiteLLMTeam's id). Absent: the key belongs to no team. */
    teamId?: string;
    models: string[];
    maxBudgetUsd?: number;
    budgetDuration?: string;
    /** Lifetime from creation (`duration`). Absent: never expires. Not readable back: LiteLLM keeps `expires`. */
    duration?: string;
    /** String labels (`metadata`). */
    metadata?: Record<string, string>;
}

/** A key as `/key/info` shows it: the declared fields plus what only the gateway knows. */
export interface LiveKey extends Omit<KeySettings, "duration"> {
    /** ISO time the key stops working, or null. */
    expires: string | null;
    /** Metadata entries LiteLLM keeps for itself (non-string values: tags, guardrails, limits); kept on update. */
    foreignMetadata: Record<string, unknown>;
}

const TEAM_FIELDS = ["alias", "models", "maxBudgetUsd", "budgetDuration", "tpmLimit", "rpmLimit"] as const;
/** Fields of a key compared for drift (`duration` is not: the gateway only keeps the resulting `expires`). */
const KEY_DRIFT_FIELDS = ["alias", "teamId", "models", "maxBudgetUsd", "budgetDuration", "metadata"] as const;

/** Sorted, without duplicates: the order a declaration lists models in means nothing to LiteLLM. */
export function canonicalModels(models: readonly string[]): string[] {
    return [...new Set(models)].sort();
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The `/team/new` body; `teamId` is chosen by the caller so a retried create can recognise its own team. */
export function teamCreateBody(teamId: string, s: TeamSettings): Record<string, unknown> {
    return withoutUndefined({ team_id: teamId, team_alias: s.alias, models: canonicalModels(s.models), max_budget: s.maxBudgetUsd, budget_duration: s.budgetDuration, tpm_limit: s.tpmLimit, rpm_limit: s.rpmLimit });
}

/** The `/team/update` body: every managed field, null where the declaration has none (clears a hand-set limit). */
export function teamUpdateBody(teamId: string, s: TeamSettings): Record<string, unknown> {
    return {
        team_id: teamId,
        team_alias: s.alias,
        models: canonicalModels(s.models),
        max_budget: s.maxBudgetUsd ?? null,
        budget_duration: s.budgetDuration ?? null,
        tpm_limit: s.tpmLimit ?? null,
        rpm_limit: s.rpmLimit ?? null,
    };
}

/** A team row (`/team/info` `team_info`, `/team/new`, an entry of `/team/list`) in canonical form. */
export function teamFromApi(row: Record<string, unknown>): TeamSettings & { teamId: string } {
    return withoutUndefined({
        teamId: String(row.team_id ?? ""),
        alias: str(row.team_alias) ?? "",
        models: canonicalModels(Array.isArray(row.models) ? row.models.filter((m): m is string => typeof m === "string") : []),
        maxBudgetUsd: num(row.max_budget),
        budgetDuration: str(row.budget_duration),
        tpmLimit: num(row.tpm_limit),
        rpmLimit: num(row.rpm_limit),
    });
}

/** Every team of a `/team/list` answer (a bare array, or `{teams: [...]}` on newer releases), in canonical form. */
export function teamRows(body: unknown): (TeamSettings & { teamId: string })[] {
    const rows: unknown[] = Array.isArray(body) ? body : Array.isArray((body as { teams?: unknown })?.teams) ? (body as { teams: unknown[] }).teams : [];
    return rows.filter((r): r is Record<string, unknown> => !!r && typeof r === "object").map(teamFromApi);
}

/** LiteLLM's token for a raw key: its sha256, hex (what `/key/info`, `/key/list` and spend logs carry). */
export function hashKey(rawKey: string): string {
    return createHash("sha256").update(rawKey).digest("hex");
}

/** The largest page LiteLLM's list endpoints serve (`size`/`page_size` ≤ 100). */
export const LIST_PAGE_SIZE = 100;

/** `/key/list` as the readers page it: whole rows (`return_full_object`), 100 at a time. */
export const KEY_LIST = { url: "/key/list", params: (page: number) => ({ return_full_object: "true", page: String(page), size: String(LIST_PAGE_SIZE) }) };
/** `/v2/team/list` (paged; `/team/list` is not, and embeds every key of every team). */
export const TEAM_LIST = { url: "/v2/team/list", params: (page: number) => ({ page: String(page), page_size: String(LIST_PAGE_SIZE) }) };

/**
 * Every row of a paged LiteLLM list (`{keys|teams, total_pages}`), one page after another, so a big
 * gateway is read in a few calls and never with more than one in flight. `get` is the caller's HTTP
 * (the engine's axios, the providers' fetch) and throws on a refused call.
 */
export async function readAllPages(list: { url: string; params(page: number): Record<string, string> }, get: (url: string, params: Record<string, string>) => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (let page = 1; ; page++) {
        const body = (await get(list.url, list.params(page))) as { keys?: unknown; teams?: unknown; total_pages?: unknown };
        const items = Array.isArray(body?.keys) ? body.keys : Array.isArray(body?.teams) ? body.teams : [];
        rows.push(...items.filter((r): r is Record<string, unknown> => !!r && typeof r === "object"));
        const total = typeof body?.total_pages === "number" ? body.total_pages : page;
        if (page >= total || items.length < LIST_PAGE_SIZE) return rows;
    }
}

/** A `/key/list?return_full_object=true` row in canonical form, with its token; undefined for a row without one. */
export function listedKey(row: Record<string, unknown>): (LiveKey & { tokenHash: string }) | undefined {
    const token = typeof row.token === "string" && row.token !== "" ? row.token : undefined;
    return token && !isDeletedKey(row) ? { ...keyFromApi(row), tokenHash: token } : undefined;
}

/** The token hashes of a `/key/list` answer: plain hashes, or rows with `token` (`return_full_object`). */
export function keyHashes(body: unknown): string[] {
    const keys = (body as { keys?: unknown })?.keys;
    return (Array.isArray(keys) ? keys : []).map((k) => (typeof k === "string" ? k : String((k as { token?: unknown })?.token ?? ""))).filter((k) => k !== "");
}

/** LiteLLM 1.108 still serves a deleted key on `/key/info`, with status "deleted": it is gone all the same. */
export function isDeletedKey(info: Record<string, unknown>): boolean {
    return info.status === "deleted";
}

/** The `/key/generate` body. `key` is the raw value the caller chose (so a retried create is recognisable). */
export function keyGenerateBody(rawKey: string, s: KeySettings): Record<string, unknown> {
    return withoutUndefined({
        key: rawKey,
        key_alias: s.alias,
        team_id: s.teamId,
        models: canonicalModels(s.models),
        max_budget: s.maxBudgetUsd,
        budget_duration: s.budgetDuration,
        duration: s.duration,
        metadata: { ...(s.metadata ?? {}) },
    });
}

/**
 * The `/key/update` body for the fields that differ from `live`. `duration` is sent only when it changed,
 * because sending it restarts the key's lifetime; metadata keeps LiteLLM's own entries.
 */
export function keyUpdateBody(tokenHash: string, s: KeySettings, live: LiveKey, durationChanged: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = { key: tokenHash };
    const changed = new Set(keyDrift(s, live));
    if (changed.has("alias")) body.key_alias = s.alias;
    if (changed.has("teamId")) body.team_id = s.teamId ?? null;
    if (changed.has("models")) body.models = canonicalModels(s.models);
    if (changed.has("maxBudgetUsd")) body.max_budget = s.maxBudgetUsd ?? null;
    if (changed.has("budgetDuration")) body.budget_duration = s.budgetDuration ?? null;
    if (changed.has("metadata")) body.metadata = { ...live.foreignMetadata, ...(s.metadata ?? {}) };
    if (durationChanged) body.duration = s.duration ?? null;
    return body;
}

/**
 * A gateway timestamp as one ISO form (`…T03:37:57.873Z`), or null. LiteLLM 1.108.7 writes the same instant as
 * `…57.873000+00:00` from `/key/generate` and `/key/info` and as `…57.873000Z` from `/key/list`: without one form,
 * a refresh that reads from the listing would show every key's `expires` as changed.
 */
export function canonicalTimestamp(value: unknown): string | null {
    if (typeof value !== "string" || value === "") return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** `/key/info`'s `info` in canonical form. Only string metadata is ours; the rest is LiteLLM's. */
export function keyFromApi(info: Record<string, unknown>): LiveKey {
    const metadata: Record<string, string> = {};
    const foreignMetadata: Record<string, unknown> = {};
    const raw = info.metadata && typeof info.metadata === "object" ? (info.metadata as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(raw)) {
        if (typeof v === "string") metadata[k] = v;
        else foreignMetadata[k] = v;
    }
    return withoutUndefined({
        alias: str(info.key_alias) ?? "",
        teamId: str(info.team_id),
        models: canonicalModels(Array.isArray(info.models) ? info.models.filter((m): m is string => typeof m === "string") : []),
        maxBudgetUsd: num(info.max_budget),
        budgetDuration: str(info.budget_duration),
        metadata,
        expires: canonicalTimestamp(info.expires),
        foreignMetadata,
    });
}

function same(a: unknown, b: unknown): boolean {
    if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
    if ((a && typeof a === "object") || (b && typeof b === "object")) {
        const sorted = (o: unknown) => JSON.stringify(Object.entries((o ?? {}) as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)));
        return sorted(a) === sorted(b);
    }
    return a === b;
}

/** Team fields whose declared value differs from the live one, in declaration order. */
export function teamDrift(declared: TeamSettings, live: TeamSettings): string[] {
    return TEAM_FIELDS.filter((f) => !same(f === "models" ? canonicalModels(declared.models) : declared[f], live[f]));
}

/** Key fields whose declared value differs from the live one (metadata compares as an unordered map). */
export function keyDrift(declared: KeySettings, live: Omit<KeySettings, "duration">): string[] {
    return KEY_DRIFT_FIELDS.filter((f) => {
        if (f === "models") return !same(canonicalModels(declared.models), live.models);
        if (f === "metadata") return !same(declared.metadata ?? {}, live.metadata ?? {});
        return !same(declared[f], live[f]);
    });
}

/** "models: declared [a, b], live [a]" for each drifted field: what a refresh or the `access` check reports. */
export function describeDrift(fields: readonly string[], declared: object, live: object): string {
    const show = (v: unknown) => (v === undefined ? "(none)" : Array.isArray(v) ? `[${v.join(", ")}]` : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
    return fields.map((f) => `${f}: declared ${show((declared as Record<string, unknown>)[f])}, live ${show((live as Record<string, unknown>)[f])}`).join("; ");
}
