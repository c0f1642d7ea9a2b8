/**
 * Waiting for the request's span at the receiver, and, when none comes, telling apart the three ways an
 * export goes missing: exports that reach the receiver and are refused (a wrong path), a gateway with no
 * OpenTelemetry callback at all, and a callback whose exports go somewhere else (a wrong endpoint).
 */
import { pollUntil, PollResult } from "../poll";
import type { OtelReceiverReader, ReceivedExport, ReceivedSpan } from "./receiver-client";
import { requestSpan, SpanCorrelation } from "./span-evidence";

export interface FindSpanOptions {
    sinceMs: number;
    deadline: number;
    signal?: AbortSignal;
    onWait?(info: { attempt: number; reason: string; waitMs: number; remainingMs: number }): void;
}

export function findRequestSpan(reader: OtelReceiverReader, c: SpanCorrelation, o: FindSpanOptions): Promise<PollResult<ReceivedSpan>> {
    return pollUntil(
        async () => {
            const spans = await reader.spans(o.sinceMs);
            const span = requestSpan(spans, c);
            return span ? { done: true, value: span } : { done: false, reason: `${spans.length} span(s) received since the request, none of it` };
        },
        { deadline: o.deadline, signal: o.signal, initialDelayMs: 1000, maxDelayMs: 4000, onWait: o.onWait },
    );
}

/** Logger names LiteLLM lists in `success_callbacks` for an OpenTelemetry export (`otel`, `langfuse_otel` and kin). */
export const OTEL_CALLBACK_NAMES = /^(OpenTelemetry|OpenTelemetryV2|otel|LangfuseOtelLogger|langfuse_otel|arize|arize_phoenix)$/i;

export interface MissingSpanEvidence {
    /** Exports the receiver refused since the request (path, status). */
    refused: ReceivedExport[];
    /** Exports it accepted since the request. */
    accepted: ReceivedExport[];
    /** The gateway's `success_callbacks` (`/health/readiness/details`), or undefined when unreadable. */
    callbacks?: string[];
}

/** Why no span arrived, as the cause of the failure. Pure. */
export function missingSpanCause(e: MissingSpanEvidence): string {
    if (e.refused.length > 0) {
        const r = e.refused[e.refused.length - 1];
        return `exports reach the receiver but are refused (POST ${r.path} → ${r.status}${r.error ? `: ${r.error}` : ""}): the endpoint's path is wrong (LiteLLM posts to <endpoint>/v1/traces)`;
    }
    if (e.callbacks !== undefined && !e.callbacks.some((c) => OTEL_CALLBACK_NAMES.test(c))) {
        return "no callback: the gateway runs no OpenTelemetry logger (litellm_settings.callbacks lacks \"otel\"; success_callbacks lists none)";
    }
    const on = e.callbacks !== undefined ? "the OpenTelemetry callback is on" : "the gateway's callbacks could not be read";
    if (e.accepted.length > 0) return `${on} and the receiver got ${e.accepted.length} export(s), but none holds this request: the gateway exports other traffic here, or drops the request's span`;
    return `wrong endpoint: ${on} but nothing reached this receiver: OTEL_ENDPOINT (observability.otel.endpoint) points elsewhere, egress to it is blocked, or a collector in between drops the spans`;
}
