/**
 * Stand-ins for the `otel-trace` check's unit tests: the query API of otlp-receiver/receiver.py (spans and
 * export requests since a moment, same JSON) and a LiteLLM-simulator extension that "exports" each
 * successful call as the `otel` callback of real LiteLLM 1.108.7 does. The span's attributes follow the
 * span measured in the integration suite (`litellm_request`: `litellm.model_group`, `gen_ai.usage.*`,
 * `litellm.call_id`, `gen_ai.response.id`, `metadata.user_api_key_*`, the key's metadata as a Python repr in
 * `metadata.user_api_key_auth_metadata`, the logged input in `gen_ai.input.messages`). The real receiver
 * and real LiteLLM are proven in tests/integration (otel scenarios).
 */
import { randomBytes } from "node:crypto";
import { createServer, Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedExport, ReceivedSpan } from "../../verify/otel/receiver-client";
import type { ChatCall, SimExtension } from "./litellm-sim";

export interface OtelReceiverSim {
    readonly url: string;
    spans: ReceivedSpan[];
    exports: ReceivedExport[];
    listen(): Promise<string>;
    close(): Promise<void>;
}

export function createOtelReceiverSim(): OtelReceiverSim {
    let url = "";
    const sim = {
        get url() {
            return url;
        },
        spans: [] as ReceivedSpan[],
        exports: [] as ReceivedExport[],
        async listen() {
            await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
            url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
            return url;
        },
        async close() {
            server.closeAllConnections();
            await new Promise<void>((done) => server.close(() => done()));
        },
    };
    const server: Server = createServer((req, res) => {
        const u = new URL(req.url ?? "/", "http://sim");
        const since = Number(u.searchParams.get("since") ?? "0");
        const body = u.pathname === "/api/spans" ? { spans: sim.spans.filter((s) => s.receivedAtMs >= since) } : u.pathname === "/api/exports" ? { exports: sim.exports.filter((e) => e.receivedAtMs >= since) } : undefined;
        res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify(body ?? { error: "not found" }));
    });
    return sim;
}

export interface OtelExportFaults {
    /** No `otel` callback: nothing exported, success_callbacks lists no OpenTelemetry logger. */
    noCallback?: boolean;
    /** The callback exports to another endpoint: nothing reaches this receiver. */
    wrongEndpoint?: boolean;
    /** Exports reach the receiver on a path it refuses (404). */
    wrongPath?: boolean;
    /** The input is logged as received, before the guardrail masked it. */
    leakRawPrompt?: boolean;
    /** Metadata without user_api_key_* (redact_user_api_key_info). */
    noKeyIdentity?: boolean;
    /** turn_off_message_logging: no gen_ai.input/output.messages. */
    noPrompts?: boolean;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const pyRepr = (v: unknown) => JSON.stringify(v).replace(/"/g, "'");

/** The LiteLLM simulator's `otel` callback. Put it BEFORE a masking extension: it keeps the raw input for `leakRawPrompt`. */
export function otelExporter(receiver: OtelReceiverSim, faults: OtelExportFaults = {}): SimExtension {
    const raw = new WeakMap<ChatCall, unknown>();
    return {
        name: "otel-export",
        readiness(body) {
            if (!faults.noCallback) body.success_callbacks = [...((body.success_callbacks as string[] | undefined) ?? []), "OpenTelemetry"];
        },
        beforeDispatch(call) {
            raw.set(call, structuredClone(call.body.messages));
        },
        afterSuccess(call, answer) {
            if (faults.noCallback || faults.wrongEndpoint) return;
            const received = Date.now();
            if (faults.wrongPath) {
                receiver.exports.push({ receivedAtMs: received, path: "/wrong/v1/traces", status: 404, contentType: "application/x-protobuf", headers: {}, authorization: null, spanCount: 0, error: "not an OTLP traces path" });
                return;
            }
            const usage = answer.completion.usage;
            const identity = faults.noKeyIdentity ? {} : { "metadata.user_api_key_hash": call.key?.token ?? "", "metadata.user_api_key_alias": call.key?.keyAlias ?? "" };
            const messages = faults.leakRawPrompt ? raw.get(call) : call.body.messages;
            const span: ReceivedSpan = {
                traceId: hex(16),
                spanId: hex(8),
                parentSpanId: hex(8),
                name: "litellm_request",
                startTimeUnixNano: String(BigInt(call.startedAt.getTime()) * 1_000_000n),
                endTimeUnixNano: String(BigInt(Math.max(received, call.startedAt.getTime() + 1)) * 1_000_000n),
                attributes: {
                    ...identity,
                    "metadata.user_api_key_auth_metadata": pyRepr(call.key?.metadata ?? {}),
                    "litellm.model_group": answer.servedBy.modelName,
                    "litellm.call_id": call.callId,
                    "gen_ai.response.id": answer.completion.id,
                    "gen_ai.request.model": answer.servedBy.upstreamModel,
                    "gen_ai.usage.input_tokens": usage.prompt_tokens,
                    "gen_ai.usage.output_tokens": usage.completion_tokens,
                    ...(faults.noPrompts ? {} : { "gen_ai.input.messages": JSON.stringify(messages) }),
                },
                resource: { "service.name": "litellm" },
                receivedAtMs: received,
            };
            // The BatchSpanProcessor exports a moment later.
            setTimeout(() => {
                receiver.spans.push({ ...span, receivedAtMs: Date.now() });
                receiver.exports.push({ receivedAtMs: Date.now(), path: "/v1/traces", status: 200, contentType: "application/x-protobuf", headers: {}, authorization: null, spanCount: 1 });
            }, 20).unref();
        },
    };
}
