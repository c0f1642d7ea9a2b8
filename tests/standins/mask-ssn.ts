/**
 * A pre_call masking guardrail stand-in for the trace checks' tests: replaces SSNs before dispatch, and so
 * before any logger (Langfuse, OpenTelemetry) sees the request.
 */
import type { SimExtension } from "./litellm-sim";

export const maskSsnExtension: SimExtension = {
    name: "mask-ssn",
    beforeDispatch(call) {
        const messages = call.body.messages as { role: string; content: string }[];
        call.body.messages = messages.map((m) => ({ ...m, content: m.content.replace(/\b\d{3}-\d{2}-\d{4}\b/g, "<US_SSN>") }));
    },
};
