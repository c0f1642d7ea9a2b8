/**
 * What the simulator reports about its own time, as LiteLLM does (common_request_processing.py
 * `get_custom_headers`, response_metadata.py): `x-litellm-response-duration-ms` from receipt to answer, and
 * `x-litellm-overhead-duration-ms`, that total minus the provider call (minus the cache read on a hit, ~0
 * here). The `gatewayOverheadMs` fault holds each request inside the gateway, so the overhead grows;
 * `overheadSpike` does so for a few requests only.
 */
import type { ChatAnswer, ChatCall, SimFaults } from "./types";

/** The `gatewayOverheadMs` and `overheadSpike` faults: a slow pre-call step, before the provider is called. */
export async function holdInGateway(faults: SimFaults): Promise<void> {
    const spike = faults.overheadSpike && faults.overheadSpike.requests > 0 ? faults.overheadSpike : undefined;
    if (spike) spike.requests--;
    const ms = (faults.gatewayOverheadMs ?? 0) + (spike?.ms ?? 0);
    if (ms > 0) await new Promise((done) => setTimeout(done, ms));
}

/** The `untimedPreCallMs` fault: a slow pre-call step before the timing window starts. */
export async function holdBeforeTiming(faults: SimFaults): Promise<void> {
    if (faults.untimedPreCallMs) await new Promise((done) => setTimeout(done, faults.untimedPreCallMs));
}

export function timingHeaders(call: ChatCall, answer: ChatAnswer, faults: SimFaults): Record<string, string> {
    const totalMs = performance.now() - call.receivedAt;
    const headers: Record<string, string> = { "x-litellm-response-duration-ms": String(totalMs) };
    if (!faults.overheadHeaderMissing) headers["x-litellm-overhead-duration-ms"] = String(Number((totalMs - (answer.upstreamMs ?? 0)).toFixed(4)));
    return headers;
}
