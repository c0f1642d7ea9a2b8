/**
 * `guardrail-pii`: an SSN in a prompt is masked before it reaches the model, and never stored raw. Users
 * hit two traps (peers.md pain #14): the guardrail silently not firing (not `default_on`, wrong mode), and
 * masking that leaks raw PII into logs or traces. Through a scoped key and WITHOUT asking for the guardrail
 * in the request (so a guardrail that is not `default_on` fails), one prompt with a Presidio-detectable SSN
 * proves:
 * - `x-litellm-applied-guardrails` names the guardrail;
 * - the upstream never received the digits, in any format (and `<US_SSN>` stands in their place): read from
 *   the stub's report when `upstreamReportUrl` is given (dev), else from the stored request body
 *   (`proxy_server_request`, kept by `store_prompts_in_spend_logs`), else, weakest, from the guardrail's
 *   `masked_entity_count` in the row's metadata;
 * - the spend-log row holds no SSN digits anywhere (body, response, metadata) and, when it stores the
 *   body, holds `<US_SSN>`;
 * - with a Langfuse target, the trace holds no SSN digits either (guardrail-pii-langfuse.ts).
 * Messages never quote the SSN or the stored text, only where the digits were found.
 */
import { randomUUID } from "node:crypto";
import { chatCompletion } from "../gateway-calls";
import { describeResponse, headerValue, readProxyError } from "../gateway-response";
import { guardrailServiceCause } from "../model-failure";
import { CheckFailure, fail, pass } from "../outcome";
import { allText, MASKED_SSN, redactSsnDigits, ssnLeakPaths, TEST_SSN } from "../pii";
import { AuditedSpendRow, isEmptyColumn, jsonColumn, waitForKeyRows } from "../spend-rows";
import type { CheckContext, CheckDefinition, CheckOutcome, ResolvedOptions } from "../types";
import { markerWord, upstreamRequestsWith } from "../upstream-report";
import { assertLangfuseInputMasked } from "./guardrail-pii-langfuse";
import { langfuseTimeoutMs } from "./langfuse-trace";
import { needsModel } from "./requirements";

/** Names in `x-litellm-applied-guardrails` (comma-joined; a name can repeat when pre and post callbacks ran). */
export function appliedGuardrails(header: string | undefined): string[] {
    return (header ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

export interface GuardrailEvidence {
    status?: string;
    /** `masked_entity_count.US_SSN`, when logged. */
    maskedSsn?: number;
}

/** The row's `metadata.guardrail_information` entry for `name` (an object in older versions, a list in newer). */
export function guardrailEvidence(metadata: unknown, name: string): GuardrailEvidence | undefined {
    const info = (jsonColumn(metadata) as { guardrail_information?: unknown } | undefined)?.guardrail_information;
    const entries = (Array.isArray(info) ? info : [info]).map(jsonColumn).filter((e): e is Record<string, unknown> => !!e && typeof e === "object");
    const entry = entries.find((e) => e.guardrail_name === name) ?? (entries.length === 1 && entries[0].guardrail_name === undefined ? entries[0] : undefined);
    if (!entry) return undefined;
    const counts = jsonColumn(entry.masked_entity_count) as Record<string, unknown> | undefined;
    const ssn = counts && typeof counts === "object" ? counts.US_SSN : undefined;
    return { status: typeof entry.guardrail_status === "string" ? entry.guardrail_status : undefined, maskedSsn: typeof ssn === "number" ? ssn : undefined };
}

const NOT_MASKED_CAUSE =
    "the guardrail does not mask before the model call: mode is not pre_call (logging_only or post_call), US_SSN is missing from the entities or set to a score threshold above 0.5, or Presidio treats the text as clean";

/**
 * The stub's testimony: a note when it proves the masking (`witnessed`), a failure when it shows the digits.
 * A stub that never saw the request (the model is served elsewhere) proves nothing either way, so the
 * check then falls back to the spend log, and says so.
 */
async function upstreamProof(ctx: CheckContext, marker: string): Promise<{ note: string; witnessed: boolean } | CheckOutcome> {
    const received = await upstreamRequestsWith(ctx, ctx.options.upstreamReportUrl as string, marker);
    if (received.length === 0) return { note: "the stub's report has no request with this prompt (the model is not served by the stub)", witnessed: false };
    const leaks = received.flatMap((r, i) => ssnLeakPaths(r.messages ?? r.lastUserMessage, TEST_SSN, `upstream request ${i + 1}`));
    if (leaks.length > 0) return fail({ expected: "no SSN digits in what the upstream received", got: `the SSN digits reached the upstream (${leaks.join(", ")})`, cause: NOT_MASKED_CAUSE });
    if (!allText(received).includes(MASKED_SSN)) {
        return fail({ expected: `${MASKED_SSN} where the SSN was`, got: "the digits are gone but no <US_SSN> token reached the upstream", cause: "the text was altered by something other than Presidio's default replace operator (a custom anonymizer, or another guardrail)" });
    }
    return { note: `the upstream received ${MASKED_SSN}, not the digits (stub report, ${received.length} request(s))`, witnessed: true };
}

/** Audits the spend-log row; returns the failure, or the note on how the upstream side was proven when no stub report was used. */
function auditRow(row: AuditedSpendRow, name: string, marker: string, usedStubReport: boolean): { note: string } | CheckOutcome {
    const leaks = ssnLeakPaths({ proxy_server_request: jsonColumn(row.proxy_server_request), messages: jsonColumn(row.messages), response: jsonColumn(row.response), metadata: jsonColumn(row.metadata) });
    if (leaks.length > 0) {
        return fail({
            expected: "no SSN digits anywhere in the spend-log row",
            got: `the SSN digits at ${leaks.slice(0, 4).join(", ")}`,
            cause: usedStubReport
                ? "the upstream got the masked prompt but the raw one is logged: the logged request body is copied before masking, or a callback logs the original messages (switch off guardrails.storePromptsInSpendLogs until fixed)"
                : `the raw prompt is logged: either it reached the model unmasked (${NOT_MASKED_CAUSE.replace(/^the guardrail does not mask before the model call: /, "")}), or the logged body is copied before masking; on dev, --upstream-report-url tells which`,
        });
    }
    const stored = !isEmptyColumn(row.proxy_server_request);
    const evidence = guardrailEvidence(row.metadata, name);
    if (stored) {
        const text = allText(jsonColumn(row.proxy_server_request));
        if (!text.includes(MASKED_SSN)) {
            return fail({
                expected: `the stored request body (proxy_server_request) to hold ${MASKED_SSN}`,
                got: text.includes(marker) ? "the stored body holds the prompt without <US_SSN>" : "the stored body does not hold the prompt at all",
                cause: "the stored body is not the masked request (store_prompts_in_spend_logs stores something else on this version)",
            });
        }
        return { note: usedStubReport ? `the row stores the masked body` : `the stored request body holds ${MASKED_SSN}, not the digits` };
    }
    if (usedStubReport) return { note: "the row stores no body (store_prompts_in_spend_logs off) and no digits" };
    if (evidence?.maskedSsn !== undefined && evidence.maskedSsn >= 1) {
        return { note: `no body stored (store_prompts_in_spend_logs off): guardrail_information masked_entity_count US_SSN ${evidence.maskedSsn}` };
    }
    return fail({
        expected: "evidence of what reached the model: the stub's report, a stored request body, or guardrail_information.masked_entity_count.US_SSN",
        got: `no stored body and ${evidence ? "no US_SSN in masked_entity_count" : "no guardrail_information in the row's metadata"}`,
        cause: "nothing shows what the model received: pass --upstream-report-url on dev, or turn on guardrails.storePromptsInSpendLogs (store_prompts_in_spend_logs)",
    });
}

function requestFailureCause(status: number, message: string): string {
    if (/Blocked entity detected/i.test(message)) return "US_SSN is set to BLOCK, not MASK, in pii_entities_config (the request is refused instead of masked)";
    const service = guardrailServiceCause(message);
    if (service) return service;
    return status >= 500 ? "the model or the guardrail is failing (see the gateway log)" : "the request was refused";
}

export const guardrailPiiCheck: CheckDefinition = {
    id: "guardrail-pii",
    title: "an SSN is masked before the model and never stored raw",
    skipReason: (ctx) => needsModel(ctx) ?? (ctx.options.guardrail ? undefined : "no guardrail to prove (--guardrail)"),
    timeoutMs: (o: ResolvedOptions) => o.checkTimeoutMs + Math.max(o.spendLogTimeoutMs, o.langfuse ? langfuseTimeoutMs(o) : 0),
    async run(ctx) {
        // Error bodies can quote the prompt: whatever the outcome, its message never carries the SSN.
        const scrub = (o: CheckOutcome): CheckOutcome => ({ ...o, message: redactSsnDigits(o.message) });
        try {
            return scrub(await proveMasking(ctx));
        } catch (err) {
            if (err instanceof CheckFailure) return scrub(fail(err.detail));
            throw err;
        }
    },
};

async function proveMasking(ctx: CheckContext): Promise<CheckOutcome> {
    const model = ctx.options.model as string;
    const name = ctx.options.guardrail as string;
    const key = await ctx.keys.create({ models: [model] });
    const marker = markerWord("pii");
    const correlation = { traceId: randomUUID(), tag: `${ctx.runId}-guardrail`, marker };
    const requestedAt = new Date();
    // "SSN" two words before the number: Presidio scores it 0.85 (0.5 without the context word).
    const res = await chatCompletion(ctx, {
        apiKey: key.key,
        model,
        prompt: `Privacy probe ${marker}: my SSN is ${TEST_SSN}. Reply with OK.`,
        headers: ctx.options.langfuse ? { "x-litellm-trace-id": correlation.traceId, "x-litellm-tags": correlation.tag } : {},
    });
    if (res.status !== 200) {
        return fail({ expected: `a completion on "${model}" with the SSN masked (200)`, got: describeResponse(res, ["x-litellm-applied-guardrails"]), cause: requestFailureCause(res.status, readProxyError(res.data)?.message ?? "") });
    }
    const applied = appliedGuardrails(headerValue(res.headers, "x-litellm-applied-guardrails"));
    if (!applied.includes(name)) {
        return fail({
            expected: `x-litellm-applied-guardrails naming "${name}"`,
            got: describeResponse(res, ["x-litellm-applied-guardrails"]),
            cause:
                applied.length === 0
                    ? `"${name}" did not run on an ordinary request: it is not default_on (clients would have to opt in), its mode does not run on requests, or it is not loaded (check the guardrails block and the gateway log)`
                    : `other guardrails ran (${applied.join(", ")}) but not "${name}": check the name`,
        });
    }
    const langfuse = ctx.options.langfuse
        ? assertLangfuseInputMasked(ctx, ctx.options.langfuse, correlation, requestedAt, langfuseTimeoutMs(ctx.options))
        : Promise.resolve(undefined);
    // Settle it even when an earlier step fails, so a rejection is never left unhandled.
    const langfuseSettled = langfuse.then((note) => ({ note }), (error: unknown) => ({ error }));

    const notes: string[] = [];
    let usedStubReport = false;
    if (ctx.options.upstreamReportUrl) {
        const proof = await upstreamProof(ctx, marker);
        if ("status" in proof) return proof;
        notes.push(proof.note);
        usedStubReport = proof.witnessed;
    }
    const requestId = String((res.data as { id?: unknown }).id);
    const found = await waitForKeyRows(ctx, key.hash, "the guardrail request's spend row", (rows) => {
        const row = rows.find((r) => r.request_id === requestId);
        return row ? { done: true, value: row } : { done: false, reason: `no row with request_id ${requestId} yet (${rows.length} row(s) for the key)` };
    });
    if (!found.done) {
        return fail({ expected: `the spend-log row of request ${requestId} within ${ctx.options.spendLogTimeoutMs} ms, to audit`, got: found.reason, cause: "spend rows are not being written, or the batch interval exceeds the timeout (raise --spend-log-timeout-ms)" });
    }
    const audit = auditRow(found.value, name, marker, usedStubReport);
    if ("status" in audit) return audit;
    notes.push(audit.note);

    const traced = await langfuseSettled;
    if ("error" in traced) throw traced.error;
    if (traced.note) notes.push(traced.note);
    return pass(`"${name}" applied (x-litellm-applied-guardrails); ${notes.join("; ")}; no SSN digits in the spend-log row`);
}
