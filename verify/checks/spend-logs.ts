/**
 * `spend-logs`: the request is billed. Its row appears in `/spend/logs` with spend > 0, the right model
 * group and the same tokens as the response's `usage`; the key shows up in `/global/spend/keys` and the
 * model in `/global/spend/models`. Rows are batch-written (`proxy_batch_write_at`, 10 s + up to 5 s
 * jitter by default), so the check polls under `spendLogTimeoutMs`.
 */
import { bearer, chatCompletion, gatewayRequest, readChatUsage } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import { CheckFailure, fail, pass } from "../outcome";
import { pollUntil } from "../poll";
import type { CheckContext, CheckDefinition } from "../types";
import { needsModel } from "./requirements";

/** The spend-log fields the check reads (LiteLLM_SpendLogs columns). */
export interface SpendLogRow {
    request_id?: string;
    api_key?: string;
    spend?: number;
    model?: string;
    model_group?: string;
    prompt_tokens?: number;
    completion_tokens?: number;
}

/** Large enough that a run key, with its tiny spend, is not cut off a busy gateway's spend-desc list. */
const GLOBAL_SPEND_LIMIT = 1000;

async function masterGet(ctx: CheckContext, url: string, params: Record<string, unknown>): Promise<unknown[]> {
    const res = await gatewayRequest(ctx, { method: "GET", url, params, headers: bearer(ctx.options.masterKey) });
    if (res.status !== 200 || !Array.isArray(res.data)) {
        throw new CheckFailure({
            expected: `GET ${url} → 200 with a JSON list`,
            got: describeResponse(res),
            cause: res.status === 500 ? "the spend endpoints need the database (DATABASE_URL) and its views" : "the spend API differs from LiteLLM's",
        });
    }
    return res.data;
}

interface Found {
    row: SpendLogRow;
    keyListed: boolean;
    modelListed: boolean;
}

export const spendLogsCheck: CheckDefinition = {
    id: "spend-logs",
    title: "the request is billed in spend logs and global spend",
    skipReason: needsModel,
    timeoutMs: (o) => o.checkTimeoutMs + o.spendLogTimeoutMs,
    async run(ctx) {
        const model = ctx.options.model as string;
        const key = await ctx.keys.create({ models: [model] });
        const res = await chatCompletion(ctx, { apiKey: key.key, model });
        if (res.status !== 200) {
            return fail({ expected: `a completion on "${model}" to bill (200)`, got: describeResponse(res), cause: "the model is not served; nothing to bill" });
        }
        const requestId = (res.data as { id?: unknown }).id;
        const usage = readChatUsage(res);
        if (typeof requestId !== "string") {
            return fail({ expected: "a response body `id` (the spend log's request_id)", got: "no id", cause: "the gateway is not returning OpenAI-shaped responses" });
        }
        const waitStarted = Date.now();
        const found = await pollUntil<Found>(
            async () => {
                const rows = (await masterGet(ctx, "/spend/logs", { api_key: key.hash })) as SpendLogRow[];
                const row = rows.find((r) => r && r.request_id === requestId);
                if (!row) return { done: false, reason: `no row with request_id ${requestId} yet (${rows.length} row(s) for the key)` };
                const keys = (await masterGet(ctx, "/global/spend/keys", { limit: GLOBAL_SPEND_LIMIT })) as { api_key?: string; key_alias?: string }[];
                const models = (await masterGet(ctx, "/global/spend/models", { limit: GLOBAL_SPEND_LIMIT })) as { model?: string }[];
                const keyListed = keys.some((k) => k && (k.api_key === key.hash || k.key_alias === key.alias));
                const modelListed = models.some((m) => m && (m.model === row.model || m.model === row.model_group));
                if (!keyListed || !modelListed) return { done: false, reason: `row found; ${keyListed ? "" : "key not yet in /global/spend/keys "}${modelListed ? "" : "model not yet in /global/spend/models"}`.trim() };
                return { done: true, value: { row, keyListed, modelListed } };
            },
            {
                deadline: waitStarted + ctx.options.spendLogTimeoutMs,
                signal: ctx.signal,
                initialDelayMs: 500,
                maxDelayMs: 2000,
                onWait: ({ reason, remainingMs }) =>
                    ctx.log(`waiting for batch-written spend (${Math.round((Date.now() - waitStarted) / 1000)} s, ${Math.round(remainingMs / 1000)} s left): ${reason}`),
            },
        );
        if (!found.done) {
            return fail({
                expected: `the spend-log row of request ${requestId} and the key/model in /global/spend/* within ${ctx.options.spendLogTimeoutMs} ms`,
                got: found.reason,
                cause: "spend rows are not being written (disable_spend_logs, DB write failures) or the batch interval exceeds the timeout (raise --spend-log-timeout-ms)",
            });
        }
        const row = found.value.row;
        const problems: string[] = [];
        if (!(typeof row.spend === "number" && row.spend > 0)) problems.push(`spend ${row.spend} (want > 0)`);
        if (row.model_group !== model) problems.push(`model_group "${row.model_group}" (want "${model}")`);
        if (row.prompt_tokens !== usage.promptTokens || row.completion_tokens !== usage.completionTokens) {
            problems.push(`tokens ${row.prompt_tokens}+${row.completion_tokens} (response usage ${usage.promptTokens}+${usage.completionTokens})`);
        }
        if (row.api_key !== undefined && row.api_key !== key.hash) problems.push("api_key is not the key's sha256 hash");
        if (problems.length > 0) {
            return fail({
                expected: `row ${requestId}: spend > 0, model_group "${model}", tokens equal to the response usage`,
                got: problems.join("; "),
                cause: row.spend === 0 ? `"${model}" is unpriced: give it input_cost_per_token/output_cost_per_token in model_info` : "spend tracking records the wrong values",
            });
        }
        const waited = ((Date.now() - waitStarted) / 1000).toFixed(1);
        return pass(`row ${requestId} after ${waited} s: spend $${row.spend}, model_group "${model}", ${row.prompt_tokens}+${row.completion_tokens} tokens; key and model in global spend`);
    },
};
