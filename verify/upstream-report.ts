/**
 * Reading what the upstream model really received, from the dev stub's report endpoint
 * (`GET <reportUrl>/stub/requests` → `{data: [{model, lastUserMessage, messages, receivedAt}]}`, stub/upstream.ts).
 * Only the dev stack has such a witness; against a real provider the checks fall back to the gateway's
 * own records (spend logs). Requests are matched by a unique marker word in the prompt, so concurrent
 * traffic on the stub does not confuse a check.
 */
import { randomBytes } from "node:crypto";
import { describeError } from "./gateway-response";
import { CheckFailure } from "./outcome";
import type { CheckContext } from "./types";

export interface UpstreamRequest {
    model?: string;
    lastUserMessage?: string;
    messages?: { role?: string; content?: string }[];
    receivedAt?: string;
}

/** `http://127.0.0.1:4010/` or the stub's `…/v1` base → `http://127.0.0.1:4010`. */
export function normalizeReportUrl(url: string): string {
    return url.replace(/\/+$/, "").replace(/\/v1$/, "");
}

function mentions(request: UpstreamRequest, marker: string): boolean {
    const texts = [request.lastUserMessage ?? "", ...(request.messages ?? []).map((m) => m?.content ?? "")];
    return texts.some((t) => typeof t === "string" && t.includes(marker));
}

/** Requests the upstream received whose prompt holds `marker`, oldest first. Throws CheckFailure when the report cannot be read. */
export async function upstreamRequestsWith(ctx: CheckContext, reportUrl: string, marker: string): Promise<UpstreamRequest[]> {
    const url = `${normalizeReportUrl(reportUrl)}/stub/requests`;
    let res;
    try {
        // An absolute URL: axios ignores the gateway baseURL. No credentials are sent to the stub.
        res = await ctx.http.get(url, { signal: ctx.signal });
    } catch (err) {
        if (ctx.signal.aborted) throw err;
        throw new CheckFailure({
            expected: `GET ${url} to answer`,
            got: describeError(err),
            cause: "the stub upstream's report endpoint is unreachable: check --upstream-report-url (the dev stack publishes it on 127.0.0.1, stub.reportPort, default 4010)",
        });
    }
    const data = (res.data as { data?: unknown } | undefined)?.data;
    if (res.status !== 200 || !Array.isArray(data)) {
        throw new CheckFailure({
            expected: `GET ${url} → 200 {data: [...]}`,
            got: `HTTP ${res.status}`,
            cause: "--upstream-report-url does not point at the stub upstream's report endpoint",
        });
    }
    return (data as UpstreamRequest[]).filter((r) => r && typeof r === "object" && mentions(r, marker));
}

/** A unique, letters-only word (no digits, so it can never look like part of an SSN or a number). */
export function markerWord(prefix: string): string {
    return prefix + [...randomBytes(14)].map((b) => String.fromCharCode(97 + (b % 26))).join("");
}
