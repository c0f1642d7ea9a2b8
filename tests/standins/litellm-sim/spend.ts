/**
 * The spend ledger: rows queue in memory and become visible only when the batch writer flushes them
 * (`proxy_batch_write_at`, litellm.md §4), together with the keys' DB spend. Serves /spend/logs and the
 * /global/spend/{keys,models} views.
 */
import type { ServerResponse } from "node:http";
import { hashToken } from "./keys";
import { sendJson } from "./http";
import type { KeyRecord, SpendLogRow } from "./types";

export class SpendLedger {
    private queue: { row: SpendLogRow; key: KeyRecord | undefined }[] = [];
    private readonly rows: SpendLogRow[] = [];
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly neverWrite: () => boolean) {}

    /** Schedules batch writes every `intervalMs` plus 0..`jitterMs`, as LiteLLM's `update_spend` job runs. */
    start(intervalMs: number, jitterMs = 0): void {
        const schedule = () => {
            this.timer = setTimeout(() => {
                this.flush();
                schedule();
            }, intervalMs + Math.random() * jitterMs);
            this.timer.unref();
        };
        schedule();
    }

    stop(): void {
        if (this.timer) clearTimeout(this.timer);
    }

    enqueue(row: SpendLogRow, key: KeyRecord | undefined): void {
        this.queue.push({ row, key });
    }

    pending(): number {
        return this.queue.length;
    }

    /** The batch write: rows become readable, key DB spend catches up. */
    flush(): void {
        if (this.neverWrite()) return;
        const batch = this.queue;
        this.queue = [];
        for (const { row, key } of batch) {
            this.rows.push(row);
            if (key) key.dbSpend += row.spend;
        }
    }

    written(): SpendLogRow[] {
        return [...this.rows];
    }

    /** GET /spend/logs: filters api_key > request_id > user_id; raw rows newest first, or per-day aggregates. */
    serveLogs(res: ServerResponse, query: URLSearchParams): void {
        let rows = [...this.rows].reverse();
        const apiKey = query.get("api_key");
        const requestId = query.get("request_id");
        const userId = query.get("user_id");
        if (apiKey) {
            const hash = apiKey.startsWith("sk-") ? hashToken(apiKey) : apiKey;
            rows = rows.filter((r) => r.api_key === hash);
        } else if (requestId) rows = rows.filter((r) => r.request_id === requestId);
        else if (userId) rows = rows.filter((r) => r.user === userId);
        const start = query.get("start_date");
        const end = query.get("end_date");
        if (start && end && query.get("summarize") !== "false") {
            const byDay = new Map<string, { startTime: string; spend: number; users: Record<string, number>; models: Record<string, number>; [k: string]: unknown }>();
            for (const r of rows) {
                const day = r.startTime.slice(0, 10);
                if (day < start || day > end) continue;
                const agg = byDay.get(day) ?? { startTime: day, spend: 0, users: {}, models: {} };
                agg.spend += r.spend;
                agg.models[r.model] = (agg.models[r.model] ?? 0) + r.spend;
                agg[r.api_key] = ((agg[r.api_key] as number | undefined) ?? 0) + r.spend;
                byDay.set(day, agg);
            }
            return sendJson(res, 200, [...byDay.values()]);
        }
        sendJson(res, 200, rows);
    }

    serveGlobalKeys(res: ServerResponse, query: URLSearchParams, keyByHash: (hash: string) => KeyRecord | undefined): void {
        const totals = new Map<string, number>();
        for (const r of this.rows) totals.set(r.api_key, (totals.get(r.api_key) ?? 0) + r.spend);
        const list = [...totals.entries()]
            .map(([api_key, total_spend]) => {
                const key = keyByHash(api_key);
                return { api_key, key_alias: key?.keyAlias ?? null, key_name: key?.keyName ?? null, total_spend };
            })
            .sort((a, b) => b.total_spend - a.total_spend);
        sendJson(res, 200, list.slice(0, limitOf(query)));
    }

    serveGlobalModels(res: ServerResponse, query: URLSearchParams): void {
        const totals = new Map<string, number>();
        for (const r of this.rows) totals.set(r.model, (totals.get(r.model) ?? 0) + r.spend);
        const list = [...totals.entries()].map(([model, total_spend]) => ({ model, total_spend })).sort((a, b) => b.total_spend - a.total_spend);
        sendJson(res, 200, list.slice(0, limitOf(query)));
    }
}

function limitOf(query: URLSearchParams): number {
    const n = Number(query.get("limit") ?? "10");
    return Number.isFinite(n) && n > 0 ? n : 10;
}
