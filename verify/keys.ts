/**
 * Every virtual key the run creates goes through here, so that all of them can be deleted when the run
 * ends, pass or fail. Keys get the alias `<runId>-<checkId>-<suffix>` and a short `duration`, so even a
 * key whose deletion fails dies on its own soon after.
 */
import type { AxiosInstance } from "axios";
import { hashKey } from "./admin-api";
import { describeError, describeResponse, readProxyError } from "./gateway-response";
import { bearer } from "./gateway-calls";
import { isConnectionReset } from "./http-client";
import { ALIAS_PATTERN } from "./key-alias";
import { CheckFailure } from "./outcome";
import { sleep } from "./poll";
import type { Redactor } from "./redact";
import type { CreatedKey, KeyFactory, KeyRequest } from "./types";

/** sha256 hex of a raw key (verify/admin-api.ts): what LiteLLM stores as the token and as `api_key` in spend logs. */
export { hashKey };

export function keyAlias(runId: string, checkId: string, suffix: string): string {
    const alias = `${runId}-${checkId}-${suffix}`.replace(/[^a-zA-Z0-9_\-/.]/g, "-");
    if (!ALIAS_PATTERN.test(alias)) throw new Error(`key alias "${alias}" does not match LiteLLM's alias format`);
    return alias;
}

interface TrackedKey {
    checkId: string;
    alias: string;
    /** Known once the gateway answered; absent when the create's outcome is unknown (timeout, abort). */
    hash?: string;
}

export interface CleanupFailure {
    checkId: string;
    alias: string;
    message: string;
}

export class KeyRegistry {
    private readonly tracked: TrackedKey[] = [];
    private readonly pending = new Set<Promise<unknown>>();
    private closed = false;

    constructor(
        private readonly http: AxiosInstance,
        private readonly masterKey: string,
        private readonly runId: string,
        private readonly redactor: Redactor,
        private readonly defaultDuration: string,
        private readonly requestTimeoutMs: number,
    ) {}

    /** Aliases of keys created and not yet deleted (for tests and for the final report). */
    outstanding(): string[] {
        return this.tracked.map((k) => k.alias);
    }

    forCheck(checkId: string, signal: AbortSignal): KeyFactory {
        let counter = 0;
        return {
            create: (request: KeyRequest = {}) => {
                counter++;
                const op = this.create(checkId, request.suffix ?? String(counter), request, signal);
                this.pending.add(op);
                void op.finally(() => this.pending.delete(op)).catch(() => undefined);
                return op;
            },
        };
    }

    /**
     * Creates a key. A 5xx answer is asked again after a pause (`SERVER_ERROR_RETRY_DELAYS_MS`), under a new alias each
     * time: a database restarting or briefly unreachable (LiteLLM answers 500 while Postgres restarts, or its
     * query engine's connection drops on a starved host) comes back within seconds. Every alias tried stays
     * tracked until the end of the run, so a write whose answer was lost is still deleted by alias.
     */
    private async create(checkId: string, suffix: string, request: KeyRequest, signal: AbortSignal): Promise<CreatedKey> {
        for (let attempt = 0; ; attempt++) {
            const outcome = await this.createOnce(checkId, attempt === 0 ? suffix : `${suffix}-r${attempt}`, request, signal);
            if ("key" in outcome) return outcome;
            if (attempt >= SERVER_ERROR_RETRY_DELAYS_MS.length || !outcome.retryable || signal.aborted) {
                const tries = attempt > 0 ? ` (${attempt + 1} attempts over ${SERVER_ERROR_RETRY_DELAYS_MS.slice(0, attempt).reduce((a, b) => a + b, 0) / 1000} s of pauses)` : "";
                throw new CheckFailure({ ...outcome.failure, got: `${outcome.failure.got}${tries}` });
            }
            await sleep(SERVER_ERROR_RETRY_DELAYS_MS[attempt], signal);
        }
    }

    private async createOnce(checkId: string, suffix: string, request: KeyRequest, signal: AbortSignal): Promise<CreatedKey | { retryable: boolean; failure: { expected: string; got: string; cause: string } }> {
        if (this.closed || signal.aborted) throw new Error(`key creation refused: check ${checkId} has ended`);
        const alias = keyAlias(this.runId, checkId, suffix);
        const entry: TrackedKey = { checkId, alias };
        this.tracked.push(entry);
        const body: Record<string, unknown> = {
            key_alias: alias,
            duration: request.duration ?? this.defaultDuration,
            metadata: { purpose: "litellm-gateway-verification", run_id: this.runId, check: checkId, ...(request.tags ? { tags: request.tags } : {}) },
        };
        if (request.models) body.models = request.models;
        if (request.maxBudget !== undefined) body.max_budget = request.maxBudget;
        let res;
        try {
            res = await this.http.post("/key/generate", body, { headers: bearer(this.masterKey), signal });
        } catch (err) {
            throw new CheckFailure({
                expected: "POST /key/generate to answer",
                got: describeError(err),
                cause: "the gateway is unreachable or too slow; the key, if created, is deleted by alias at the end of the run",
            });
        }
        const raw = (res.data as { key?: unknown } | undefined)?.key;
        if (res.status !== 200 || typeof raw !== "string") {
            // A 5xx may have written the key before failing: keep its alias for the cleanup.
            if (res.status < 500) this.forget(entry);
            // "DB not connected" is a gateway without a database: asking again cannot help.
            const retryable = res.status >= 500 && !/DB not connected/i.test(readProxyError(res.data)?.message ?? "");
            return { retryable, failure: { expected: "POST /key/generate → 200 with a key", got: describeResponse(res), cause: keyGenerateCause(res.status, res.data) } };
        }
        this.redactor.add(raw);
        entry.hash = hashKey(raw);
        const expires = (res.data as { expires?: unknown }).expires;
        return { key: raw, hash: entry.hash, alias, expires: typeof expires === "string" ? expires : null };
    }

    private forget(entry: TrackedKey): void {
        const i = this.tracked.indexOf(entry);
        if (i >= 0) this.tracked.splice(i, 1);
    }

    /**
     * Deletes every key of the run. Waits for creates still in flight first, so a key whose create
     * answered after its check timed out is not leaked. Returns what could not be deleted.
     */
    async deleteAll(): Promise<CleanupFailure[]> {
        this.closed = true;
        await Promise.allSettled([...this.pending]);
        const failures: CleanupFailure[] = [];
        await Promise.all(
            [...this.tracked].map(async (entry) => {
                const message = await this.deleteOne(entry);
                if (message === undefined) this.forget(entry);
                else failures.push({ checkId: entry.checkId, alias: entry.alias, message });
            }),
        );
        return failures;
    }

    /**
     * undefined on success, else why the key is still there. A connection reset is retried: the request may
     * have met a keep-alive socket the server was closing. When a retry finds no such key, the reset
     * request had already deleted it.
     */
    private async deleteOne(entry: TrackedKey): Promise<string | undefined> {
        // By hash, so the raw key is not sent again; by alias when the create's answer was lost.
        const body = entry.hash ? { keys: [entry.hash] } : { key_aliases: [entry.alias] };
        for (let attempt = 0; ; attempt++) {
            try {
                const res = await this.http.post("/key/delete", body, {
                    headers: bearer(this.masterKey),
                    timeout: this.requestTimeoutMs,
                    signal: AbortSignal.timeout(this.requestTimeoutMs),
                });
                if (res.status === 200) return undefined;
                // A create whose outcome was unknown may never have happened, and a retried delete may follow
                // one that landed: "No keys found" is fine then.
                if (res.status === 404 && (!entry.hash || attempt > 0)) return undefined;
                // A delete is idempotent: a 5xx (LiteLLM answers 500 while its Postgres restarts) is asked again.
                if (res.status >= 500 && attempt < SERVER_ERROR_RETRY_DELAYS_MS.length) {
                    await sleep(SERVER_ERROR_RETRY_DELAYS_MS[attempt]);
                    continue;
                }
                return res.status >= 500 ? `${describeResponse(res)} (${attempt + 1} attempts); likely cause: the gateway cannot reach its database` : describeResponse(res);
            } catch (err) {
                if (attempt >= CLEANUP_RETRY_DELAYS_MS.length || !isConnectionReset(err)) return describeError(err);
                await sleep(CLEANUP_RETRY_DELAYS_MS[attempt]);
            }
        }
    }
}

/** Pauses before each new ask of a key create or delete answered 5xx: about 7.5 s in all, well within a check's deadline. */
const SERVER_ERROR_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

/** Pauses before each retry of a delete whose connection was reset. */
const CLEANUP_RETRY_DELAYS_MS = [100, 500];

function keyGenerateCause(status: number, body: unknown): string {
    const message = readProxyError(body)?.message ?? "";
    if (status === 401 || status === 403) return "the master key was refused: check --master-key / LITELLM_MASTER_KEY";
    if (/DB not connected/i.test(message)) return "the gateway has no database (DATABASE_URL unset): virtual keys need Postgres";
    if (status === 400) return "the gateway rejected the key request (alias format, duplicate alias, or an unsupported field)";
    return "key management is failing on the gateway (database or migration problem?)";
}
