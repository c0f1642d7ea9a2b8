/** The simulated virtual-key table and the /key/* endpoints (litellm.md §2). */
import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { abbreviateKey, sendJson, sendProxyError } from "./http";
import type { KeyRecord } from "./types";

export function hashToken(raw: string): string {
    return createHash("sha256").update(raw).digest("hex");
}

const DURATION = /^(\d+)(s|m|h|d|w|mo)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, mo: 2592000 };

/** LiteLLM duration strings ("30s", "10m", "1h", "7d", "1mo") in seconds, or undefined if malformed. */
export function parseDurationSeconds(duration: string): number | undefined {
    const m = DURATION.exec(duration.trim());
    return m ? Number(m[1]) * UNIT_SECONDS[m[2]] : undefined;
}

const ALIAS = /^[a-zA-Z0-9][a-zA-Z0-9_\-/.]{0,253}[a-zA-Z0-9]$/;

export class KeyTable {
    private readonly byToken = new Map<string, KeyRecord>();

    all(): KeyRecord[] {
        return [...this.byToken.values()];
    }

    /** Removes a key (team deletion takes its keys along). */
    remove(token: string): void {
        this.byToken.delete(token);
    }

    /** By raw `sk-` key or by hash, as /key/info and /key/delete accept both. */
    find(rawOrHash: string): KeyRecord | undefined {
        return this.byToken.get(rawOrHash) ?? this.byToken.get(hashToken(rawOrHash));
    }

    generate(res: ServerResponse, body: Record<string, unknown>): void {
        const alias = body.key_alias;
        if (alias !== undefined && alias !== null) {
            if (typeof alias !== "string" || !ALIAS.test(alias)) {
                return sendProxyError(res, 400, `Invalid key_alias: ${String(alias)}. Key alias must be 2-255 characters, start and end with alphanumeric, and contain only letters, numbers, _, -, /, .`, "bad_request_error", "key_alias");
            }
            if (this.all().some((k) => k.keyAlias === alias)) {
                return sendProxyError(res, 400, `Unique key aliases across all keys are required. Key alias=${alias} already exists.`, "bad_request_error", "key_alias");
            }
        }
        const custom = body.key;
        if (custom !== undefined && (typeof custom !== "string" || !custom.startsWith("sk-"))) {
            return sendProxyError(res, 400, "Invalid key format. LiteLLM Virtual Key must start with 'sk-'.", "bad_request_error", "key");
        }
        const maxBudget = body.max_budget;
        if (maxBudget !== undefined && maxBudget !== null && (typeof maxBudget !== "number" || maxBudget < 0)) {
            return sendProxyError(res, 400, `max_budget cannot be negative. Received: ${String(maxBudget)}`, "bad_request_error", "max_budget");
        }
        const duration = typeof body.duration === "string" ? body.duration : null;
        let expires: string | null = null;
        if (duration !== null) {
            const seconds = parseDurationSeconds(duration);
            if (seconds === undefined) return sendProxyError(res, 400, `Invalid duration: ${duration}`, "bad_request_error", "duration");
            expires = new Date(Date.now() + seconds * 1000).toISOString();
        }
        const raw = typeof custom === "string" ? custom : `sk-${randomBytes(16).toString("base64url")}`;
        const token = hashToken(raw);
        // The token is the table's primary key: Prisma refuses a second row with it.
        if (this.byToken.has(token)) return sendProxyError(res, 500, "Unique constraint failed on the fields: (`token`)", "internal_server_error");
        const now = new Date().toISOString();
        const record: KeyRecord = {
            token,
            keyName: abbreviateKey(raw),
            keyAlias: typeof alias === "string" ? alias : null,
            models: Array.isArray(body.models) ? body.models.filter((m): m is string => typeof m === "string") : [],
            maxBudget: typeof maxBudget === "number" ? maxBudget : null,
            spend: 0,
            dbSpend: 0,
            reserved: 0,
            expires,
            duration,
            metadata: body.metadata && typeof body.metadata === "object" ? (body.metadata as Record<string, unknown>) : {},
            createdAt: now,
            teamId: typeof body.team_id === "string" && body.team_id !== "" ? body.team_id : null,
            budgetDuration: typeof body.budget_duration === "string" ? body.budget_duration : null,
        };
        this.byToken.set(token, record);
        sendJson(res, 200, {
            ...body,
            key: raw,
            token,
            token_id: token,
            key_name: record.keyName,
            key_alias: record.keyAlias,
            expires,
            models: record.models,
            max_budget: record.maxBudget,
            spend: 0,
            metadata: record.metadata,
            user_id: null,
            team_id: record.teamId,
            budget_duration: record.budgetDuration,
            created_by: "default_user_id",
            created_at: now,
            updated_at: now,
        });
    }

    delete(res: ServerResponse, body: Record<string, unknown>): void {
        const keys = Array.isArray(body.keys) ? body.keys.filter((k): k is string => typeof k === "string") : undefined;
        const aliases = Array.isArray(body.key_aliases) ? body.key_aliases.filter((k): k is string => typeof k === "string") : undefined;
        if (!keys && !aliases) return sendProxyError(res, 400, "Either 'keys' or 'key_aliases' must be provided", "bad_request_error");
        const requested = [...(keys ?? []), ...(aliases ?? [])];
        const matched = [
            ...(keys ?? []).map((k) => this.find(k)),
            ...(aliases ?? []).map((a) => this.all().find((r) => r.keyAlias === a)),
        ].filter((r): r is KeyRecord => r !== undefined);
        if (matched.length === 0) return sendJson(res, 404, { error: "No keys found" });
        for (const r of matched) this.byToken.delete(r.token);
        if (matched.length < requested.length) {
            return sendProxyError(res, 400, `Failed to delete all keys. Deleted ${matched.length} of ${requested.length}.`, "bad_request_error");
        }
        sendJson(res, 200, { deleted_keys: requested });
    }

    info(res: ServerResponse, passed: string): void {
        const record = this.find(passed);
        if (!record) return sendProxyError(res, 404, `Key not found: ${abbreviateKey(passed)}`, "not_found_error", "key");
        sendJson(res, 200, { key: passed, info: keyRow(record) });
    }
}

/** A key row as `/key/info` (`info`) and `/key/list?return_full_object=true` show it, without the hash. */
export function keyRow(record: KeyRecord): Record<string, unknown> {
    return {
        key_name: record.keyName,
        key_alias: record.keyAlias,
        spend: record.dbSpend,
        max_budget: record.maxBudget,
        expires: record.expires,
        models: record.models,
        metadata: record.metadata,
        team_id: record.teamId,
        budget_duration: record.budgetDuration,
        created_at: record.createdAt,
        litellm_budget_table: null,
        object_permission: null,
    };
}
