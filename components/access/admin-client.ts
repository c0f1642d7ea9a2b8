/**
 * LiteLLM's team and key admin endpoints for LiteLLMTeam and LiteLLMKey, Pulumi-free, over the fetch-based
 * calls of admin-http.ts (retries, bounded concurrency, redacted errors). The calls are idempotent, so the
 * retries are safe: creates carry an id or key value the caller chose, and a create whose first answer was
 * lost is recognised by that id on the retry; deletes treat "not found" as done.
 *
 * A refresh reads from a listing: the first `teamRead`/`keyRead` of a gateway pages through `/v2/team/list`
 * or `/key/list` (100 a page) and the reads that follow are answered from it, each object once and within
 * LISTING_TTL_MS, so a refresh of 200 keys costs 2 list calls, not 200 `/key/info` calls, and the next
 * refresh lists again. An object the listing lacks (created since, or gone) is read on its own, so a
 * listing never reports something as missing. Any write through this module drops the gateway's listings.
 */
import { hashKey, isDeletedKey, KEY_LIST, keyFromApi, keyGenerateBody, keyHashes, KeySettings, listedKey, LiveKey, readAllPages, TEAM_LIST, teamCreateBody, teamFromApi, teamRows, TeamSettings, teamUpdateBody } from "../../verify/admin-api";
import { AdminApiError, adminCall, AdminClientOptions, AdminConnection, CallResult, errorText } from "./admin-http";

export type { AdminClientOptions, AdminConnection } from "./admin-http";

export type LiveTeam = TeamSettings & { teamId: string };

/** How a lifecycle gets its client (tests pass one with faster retries). */
export type ClientFactory = (conn: AdminConnection) => AdminClient;

/**
 * How long a listing answers the reads of a refresh. Generous: a refresh of 210 resources on a loaded
 * machine took 19 s (the provider host's own work, not the gateway's), and each object is answered from a
 * listing only once anyway, so a second refresh never sees a first refresh's listing.
 */
export const LISTING_TTL_MS = 60_000;

interface Listing<T> {
    done: number | undefined;
    /** Ids already answered from this listing. */
    served: Set<string>;
    rows: Promise<Map<string, T> | undefined>;
}
/** Per gateway, master key and kind: the latest listing, for the life of the provider host. */
const listings = new Map<string, Listing<unknown>>();

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
    /** teamInfo for a refresh: from the gateway's team listing when it has the team. */
    teamRead(teamId: string): Promise<LiveTeam | undefined>;
    /** keyInfo for a refresh: from the gateway's key listing when it has the key. */
    keyRead(tokenHash: string): Promise<LiveKey | undefined>;
}

export function createAdminClient(conn: AdminConnection, options: AdminClientOptions = {}): AdminClient {
    const call = adminCall(conn, options);
    const ok = (endpoint: string, { res }: CallResult) => {
        if (res.status !== 200) throw new AdminApiError(endpoint, res.status, errorText(res.data));
        return res;
    };
    const getAll = async (url: string, params: Record<string, string>) => ok(`GET ${url}`, await call("GET", url, { params })).data;
    const scope = `${conn.adminUrl.replace(/\/+$/, "")} ${hashKey(conn.masterKey)}`;
    const forgetListings = () => {
        for (const k of [...listings.keys()]) if (k.startsWith(scope)) listings.delete(k);
    };
    /** A write changes what a listing would say: drop them before and after (the answer may be lost). */
    const write = async (url: string, data: unknown): Promise<CallResult> => {
        forgetListings();
        try {
            return await call("POST", url, { data });
        } finally {
            forgetListings();
        }
    };
    /**
     * `id` from the kind's listing, shared by the reads of one refresh: each object is answered from a
     * listing once, so reading it again (the next refresh) lists again. undefined: not listed (created
     * since, gone, or the gateway cannot list): the caller reads it on its own.
     */
    async function listed<T>(kind: string, id: string, load: () => Promise<Map<string, T>>): Promise<T | undefined> {
        const key = `${scope} ${kind}`;
        let entry = listings.get(key) as Listing<T> | undefined;
        if (!entry || entry.served.has(id) || (entry.done !== undefined && Date.now() - entry.done > LISTING_TTL_MS)) {
            const fresh: Listing<T> = { done: undefined, served: new Set(), rows: Promise.resolve(undefined) };
            fresh.rows = load().then(
                (rows) => ((fresh.done = Date.now()), rows),
                () => ((fresh.done = Date.now()), undefined),
            );
            listings.set(key, (entry = fresh) as Listing<unknown>);
        }
        const row = (await entry.rows)?.get(id);
        if (row !== undefined) entry.served.add(id);
        return row;
    }

    const client: AdminClient = {
        async teamCreate(teamId, settings) {
            const result = await write("/team/new", teamCreateBody(teamId, settings));
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
            ok("POST /team/update", await write("/team/update", teamUpdateBody(teamId, settings)));
        },
        async teamDelete(teamId) {
            const result = await write("/team/delete", { team_ids: [teamId] });
            if (result.res.status === 404) return;
            ok("POST /team/delete", result);
        },
        async teamsByAlias(alias) {
            // `team_alias` matches substrings: keep the exact ones.
            const rows = await readAllPages({ url: TEAM_LIST.url, params: (page) => ({ ...TEAM_LIST.params(page), team_alias: alias }) }, getAll);
            return teamRows(rows).filter((t) => t.alias === alias);
        },
        async keyGenerate(rawKey, settings) {
            const token = hashKey(rawKey);
            const result = await write("/key/generate", keyGenerateBody(rawKey, settings));
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
            ok("POST /key/update", await write("/key/update", body));
        },
        async keyDelete(tokenHash) {
            const result = await write("/key/delete", { keys: [tokenHash] });
            if (result.res.status === 404) return;
            ok("POST /key/delete", result);
        },
        async keysByAlias(alias) {
            return keyHashes(ok("GET /key/list", await call("GET", "/key/list", { params: { key_alias: alias, size: "100" } })).data);
        },
        async teamRead(teamId) {
            const team = await listed("teams", teamId, async () => new Map(teamRows(await readAllPages(TEAM_LIST, getAll)).map((t) => [t.teamId, t])));
            return team ?? client.teamInfo(teamId);
        },
        async keyRead(tokenHash) {
            const key = await listed("keys", tokenHash, async () => new Map((await readAllPages(KEY_LIST, getAll)).map(listedKey).filter((k) => k !== undefined).map(({ tokenHash: t, ...k }) => [t, k as LiveKey])));
            return key ?? client.keyInfo(tokenHash);
        },
    };
    return client;
}
