/**
 * Runners of the OpenTelemetry scenarios, each on its own proxy AND its own receiver (a receiver shared by
 * concurrent scenarios would show one scenario's exports to another's diagnosis):
 * - `runOtelScenario`: the `otel-export` scenario or a negative control, verified with `otel-trace`;
 * - `runLangfuseExport`: the dev stack's `langfuse_otel` wiring pointed at the receiver, what LiteLLM sends
 *   held to langfuse-export.ts.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { langfuseGatewayEnv } from "../../../components/gateway/features/observability";
import { runVerification } from "../../../verify/engine";
import { hashKey } from "../../../verify/keys";
import { createOtelReceiverReader, ReceivedSpan } from "../../../verify/otel/receiver-client";
import { TEST_SSN } from "../../../verify/pii";
import type { VerifyOptions } from "../../../verify/types";
import type { Gateway, SuiteEnvironment } from "../environment";
import { controlChecks, NegativeControl } from "../gateway/controls";
import { controlProblems } from "../gateway/verdicts";
import { startOtlpReceiver } from "../setup/otlp-receiver";
import { liteLLMCacheEntry } from "../setup/versions";
import { generationSpan, langfuseExportFacts, langfuseExportProblems, LangfuseRequest } from "./langfuse-export";

/** The exporter batches for 5 s; a loaded 2-core host adds seconds. */
export const SUITE_OTEL_TIMEOUT_MS = 25_000;

/** The LiteLLM venv: its Python has `opentelemetry-proto`, which the receiver decodes with. */
const venvOf = (suite: SuiteEnvironment) => join(suite.cache, liteLLMCacheEntry(suite.litellm.version), "venv");

export type VerifyOptionsFor = (gateway: Gateway, only: string[]) => VerifyOptions;

export async function runOtelScenario(suite: SuiteEnvironment, build: (endpoint: string) => NegativeControl, optionsFor: VerifyOptionsFor): Promise<string> {
    const receiver = await startOtlpReceiver(suite.group, venvOf(suite), `otlp-receiver-${randomUUID().slice(0, 8)}`);
    const control = build(receiver.url);
    const gateway = await suite.startGateway(control.id, control);
    try {
        const options = { ...optionsFor(gateway, controlChecks(control)), otel: { queryUrl: receiver.url }, extras: { otelTimeoutMs: SUITE_OTEL_TIMEOUT_MS } };
        const report = await suite.timed(`${control.id} checks`, () => runVerification(options));
        const problems = controlProblems(control, report);
        assert.deepEqual(problems, [], `${control.change}:\n${problems.join("\n")}`);
        const otel = report.checks.find((c) => c.id === "otel-trace");
        return control.expect.length === 0 ? `otel-trace passes: ${otel?.message}` : `${control.change} → otel-trace fails: ${otel?.message.replace(/^.*likely cause: /, "")}`;
    } finally {
        await suite.stopGateway(gateway);
    }
}

async function call(url: string, path: string, key: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: Record<string, unknown> }> {
    const res = await fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    return { status: res.status, data: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

export async function runLangfuseExport(suite: SuiteEnvironment, model: string): Promise<string> {
    const receiver = await startOtlpReceiver(suite.group, venvOf(suite), "otlp-receiver-langfuse");
    const keys = { publicKey: `pk-lf-${randomUUID()}`, secretKey: `sk-lf-${randomUUID()}` };
    // The dev stack's self-hosted wiring (langfuseMajor 4): the callback it renders, the env it sets, with the
    // receiver where the Langfuse web container would be.
    const gateway = await suite.startGateway("langfuse-export", {
        spec: { observability: { enabled: true, langfuseMajor: 4 } },
        env(env) {
            for (const v of langfuseGatewayEnv({ host: receiver.url, ...keys })) env[v.name] = v.value as string;
        },
    });
    try {
        const alias = `it-langfuse-${randomUUID().slice(0, 8)}`;
        const r: LangfuseRequest = { ...keys, keyAlias: alias, keyHash: "", keyTags: ["it-key-tag"], requestTag: `it-tag-${randomUUID().slice(0, 8)}`, traceId: randomUUID(), marker: `lfmark${randomUUID().replace(/-/g, "").slice(0, 12)}` };
        const created = await call(gateway.proxy.url, "/key/generate", gateway.masterKey, { key_alias: alias, models: [model], duration: "10m", metadata: { tags: r.keyTags } });
        assert.equal(created.status, 200, `POST /key/generate → ${created.status} ${JSON.stringify(created.data)}`);
        const key = String(created.data.key);
        r.keyHash = hashKey(key);
        const since = Date.now() - 5000;
        try {
            const res = await call(gateway.proxy.url, "/chat/completions", key, { model, max_tokens: 5, messages: [{ role: "user", content: `Trace ${r.marker}. My SSN is ${TEST_SSN}. Reply with OK.` }] }, { "x-litellm-trace-id": r.traceId, "x-litellm-tags": r.requestTag });
            assert.equal(res.status, 200, `completion → ${res.status} ${JSON.stringify(res.data)}`);
            const reader = createOtelReceiverReader(receiver.url, { timeoutMs: 5000 });
            let span: ReceivedSpan | undefined;
            for (const deadline = Date.now() + SUITE_OTEL_TIMEOUT_MS; !span && Date.now() < deadline; ) {
                await new Promise((done) => setTimeout(done, 1000));
                span = generationSpan(await reader.spans(since), r.marker);
            }
            const received = await reader.exports(since);
            const problems = langfuseExportProblems(received, span, r);
            assert.deepEqual(problems, [], `what LiteLLM sends to Langfuse:\n${problems.join("\n")}`);
            const f = langfuseExportFacts(span as ReceivedSpan);
            suite.notes.push(`langfuse_otel export (LiteLLM ${suite.litellm.version}) as received: ${JSON.stringify({ path: received[0]?.path, headers: received[0]?.headers, ...f, input: undefined })}`);
            const sameTrace = f.otelTraceId === r.traceId.replace(/-/g, "");
            return `POST ${received[0]?.path}, Basic auth of the project keys, x-langfuse-ingestion-version 4; span "${f.spanName}" (generation), tags ${JSON.stringify(f.tags)}, key alias and hash in metadata, ${f.inputTokens}+${f.outputTokens} tokens, model ${f.model}; OTel trace id ${sameTrace ? "=" : "≠"} x-litellm-trace-id`;
        } finally {
            await call(gateway.proxy.url, "/key/delete", gateway.masterKey, { key_aliases: [alias] });
        }
    } finally {
        await suite.stopGateway(gateway);
    }
}
