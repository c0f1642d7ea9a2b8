/**
 * Reading one key's spend-log rows and its persisted spend, under the check's spend-log wait. Rows and
 * `/key/info` spend are written by the same batch job (`proxy_batch_write_at`, litellm.md §4), so
 * capability checks that audit rows (cache, guardrail) poll here the way `spend-logs` does.
 */
import { bearer, gatewayRequest } from "./gateway-calls";
import { describeResponse } from "./gateway-response";
import { CheckFailure } from "./outcome";
import { parsedJson } from "./pii";
import { pollUntil, PollResult, PollStep } from "./poll";
import type { CheckContext } from "./types";

/** The LiteLLM_SpendLogs columns these checks read (Json columns come back as objects or JSON strings). */
export interface AuditedSpendRow {
    request_id?: string;
    api_key?: string;
    spend?: number;
    cache_hit?: string;
    cache_key?: string;
    prompt_tokens?: number;
    completion_tokens?: number;
    metadata?: unknown;
    messages?: unknown;
    response?: unknown;
    proxy_server_request?: unknown;
}

/** `GET /spend/logs?api_key=<hash>`: the key's raw rows, newest first. */
export async function spendRowsOfKey(ctx: CheckContext, keyHash: string): Promise<AuditedSpendRow[]> {
    const res = await gatewayRequest(ctx, { method: "GET", url: "/spend/logs", params: { api_key: keyHash }, headers: bearer(ctx.options.masterKey) });
    if (res.status !== 200 || !Array.isArray(res.data)) {
        throw new CheckFailure({
            expected: "GET /spend/logs → 200 with a JSON list",
            got: describeResponse(res),
            cause: res.status === 500 ? "the spend endpoints need the database (DATABASE_URL)" : "the spend API differs from LiteLLM's",
        });
    }
    return (res.data as unknown[]).filter((r): r is AuditedSpendRow => !!r && typeof r === "object");
}

/** `GET /key/info?key=<hash>` → `info.spend` (the batch-persisted spend). */
export async function persistedKeySpend(ctx: CheckContext, keyHash: string): Promise<number> {
    const res = await gatewayRequest(ctx, { method: "GET", url: "/key/info", params: { key: keyHash }, headers: bearer(ctx.options.masterKey) });
    const spend = (res.data as { info?: { spend?: unknown } } | undefined)?.info?.spend;
    if (res.status !== 200 || typeof spend !== "number") {
        throw new CheckFailure({ expected: "GET /key/info → 200 with info.spend", got: describeResponse(res), cause: "key management is failing on the gateway (database?)" });
    }
    return spend;
}

/**
 * Polls until `step` accepts the key's rows, under `spendLogTimeoutMs` from now, logging progress.
 * `what` names the wait in progress lines ("the miss and hit rows").
 */
export function waitForKeyRows<T>(ctx: CheckContext, keyHash: string, what: string, step: (rows: AuditedSpendRow[]) => PollStep<T>): Promise<PollResult<T>> {
    const started = Date.now();
    return pollUntil(async () => step(await spendRowsOfKey(ctx, keyHash)), {
        deadline: started + ctx.options.spendLogTimeoutMs,
        signal: ctx.signal,
        initialDelayMs: 500,
        maxDelayMs: 2000,
        onWait: ({ reason, remainingMs }) => ctx.log(`waiting for ${what} (${Math.round((Date.now() - started) / 1000)} s, ${Math.round(remainingMs / 1000)} s left): ${reason}`),
    });
}

/** A Json column as an object: LiteLLM returns objects, some versions and proxies JSON strings. */
export function jsonColumn(value: unknown): unknown {
    return typeof value === "string" ? (parsedJson(value) ?? value) : value;
}

/** True when a Json column holds nothing (`{}`, `""`, null): LiteLLM's value when prompts are not stored. */
export function isEmptyColumn(value: unknown): boolean {
    const v = jsonColumn(value);
    if (v === null || v === undefined || v === "") return true;
    if (Array.isArray(v)) return v.length === 0;
    return typeof v === "object" && Object.keys(v as object).length === 0;
}
