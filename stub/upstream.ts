/**
 * The stub upstream: a small OpenAI-compatible chat-completions server that stands in for a real
 * LLM provider on the offline `dev` stack and in the test suite.
 *
 * It exists so that every capability check can run with no cloud account and no token cost:
 * - `usage` numbers are real counts of what it received and returned, so spend and budgets move;
 * - it records the last user message it received (`GET /stub/last-request`), so a test or a check
 *   can prove what did, or did not, reach the model (e.g. PII redaction);
 * - models named in `failingModels` always answer 500, for fallback tests.
 *
 * Dependency-free (node:http only) so it bundles into one file for the pinned Node image.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { AddressInfo } from "node:net";

/** What the stub remembers about one chat-completions call. */
export interface ReceivedRequest {
    model: string;
    /** Text of the last message with role "user", as received. */
    lastUserMessage: string;
    /** Every message's text content, in order. */
    messages: { role: string; content: string }[];
    receivedAt: string;
}

export interface StubUpstreamOptions {
    /** Models that always fail with HTTP 500. Default `["stub-fail"]`. */
    failingModels?: string[];
    /** When set, requests must carry `Authorization: Bearer <apiKey>`. Default: no auth. */
    apiKey?: string;
    /** How many requests to keep in memory for `/stub/requests`. Default 200. */
    historyLimit?: number;
}

export interface StubUpstream {
    server: Server;
    /** Base URL including `/v1`, valid after `listen`. */
    readonly url: string;
    /** Requests received, oldest first. */
    readonly received: ReceivedRequest[];
    listen(port?: number, host?: string): Promise<string>;
    close(): Promise<void>;
}

export const DEFAULT_FAILING_MODELS = ["stub-fail"];

/** Whitespace-delimited word count: the stub's tokenizer. Deterministic and easy to assert on. */
export function countTokens(text: string): number {
    return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/** Flattens OpenAI message content (a string or a list of parts) to text. */
export function messageText(content: unknown): string {
    if (typeof content === "string") return content;
    if (Array.isArray(content)) {
        return content
            .map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : ""))
            .filter((t) => t.length > 0)
            .join("\n");
    }
    return "";
}

/** Per-message overhead, in tokens, the way OpenAI counts role and separators. */
const MESSAGE_OVERHEAD_TOKENS = 3;

/**
 * Builds the completion for a request: the reply echoes the last user message, cut to
 * `maxTokens` words, so what reached the model is visible in the answer too.
 */
export function buildCompletion(model: string, messages: { role: string; content: string }[], maxTokens: number | undefined) {
    const lastUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const words = ["echo:", ...lastUser.split(/\s+/).filter((w) => w.length > 0)];
    const limit = maxTokens !== undefined && maxTokens > 0 ? maxTokens : words.length;
    const replyWords = words.slice(0, limit);
    const promptTokens = messages.reduce((sum, m) => sum + countTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
    const completionTokens = replyWords.length;
    return {
        id: `chatcmpl-stub-${randomUUID()}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
            {
                index: 0,
                message: { role: "assistant", content: replyWords.join(" ") },
                finish_reason: replyWords.length < words.length ? "length" : "stop",
            },
        ],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
}

function openAiError(res: ServerResponse, status: number, message: string, type: string, code: string): void {
    sendJson(res, status, { error: { message, type, param: null, code } });
}

async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
}

function streamCompletion(res: ServerResponse, completion: ReturnType<typeof buildCompletion>): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const base = { id: completion.id, object: "chat.completion.chunk", created: completion.created, model: completion.model };
    const text = completion.choices[0].message.content;
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: text }, finish_reason: null }] })}\n\n`);
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: completion.choices[0].finish_reason }], usage: completion.usage })}\n\n`);
    res.end("data: [DONE]\n\n");
}

export function createStubUpstream(options: StubUpstreamOptions = {}): StubUpstream {
    const failing = new Set(options.failingModels ?? DEFAULT_FAILING_MODELS);
    const historyLimit = options.historyLimit ?? 200;
    const received: ReceivedRequest[] = [];
    let baseUrl = "";

    const server = createServer((req, res) => {
        handle(req, res).catch((err: unknown) => {
            openAiError(res, 500, `stub: internal error: ${String(err)}`, "server_error", "stub_internal");
        });
    });

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const path = (req.url ?? "/").split("?")[0];
        if (req.method === "GET" && (path === "/health" || path === "/")) {
            return sendJson(res, 200, { status: "ok" });
        }
        if (req.method === "GET" && path === "/stub/last-request") {
            const last = received[received.length - 1];
            return last ? sendJson(res, 200, last) : sendJson(res, 404, { error: "no request received yet" });
        }
        if (req.method === "GET" && path === "/stub/requests") {
            return sendJson(res, 200, { data: received });
        }
        if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
            return openAiError(res, 401, "stub: invalid api key", "invalid_request_error", "invalid_api_key");
        }
        if (req.method === "GET" && (path === "/v1/models" || path === "/models")) {
            return sendJson(res, 200, { object: "list", data: [{ id: "stub-model", object: "model", owned_by: "stub" }] });
        }
        if (req.method === "POST" && (path === "/v1/chat/completions" || path === "/chat/completions")) {
            let body: { model?: unknown; messages?: unknown; max_tokens?: unknown; max_completion_tokens?: unknown; stream?: unknown };
            try {
                body = JSON.parse(await readBody(req)) as typeof body;
            } catch {
                return openAiError(res, 400, "stub: body is not JSON", "invalid_request_error", "invalid_json");
            }
            if (typeof body.model !== "string" || !Array.isArray(body.messages)) {
                return openAiError(res, 400, "stub: 'model' (string) and 'messages' (array) are required", "invalid_request_error", "missing_fields");
            }
            const messages = (body.messages as { role?: unknown; content?: unknown }[]).map((m) => ({
                role: typeof m?.role === "string" ? m.role : "user",
                content: messageText(m?.content),
            }));
            const lastUserMessage = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
            received.push({ model: body.model, lastUserMessage, messages, receivedAt: new Date().toISOString() });
            if (received.length > historyLimit) received.splice(0, received.length - historyLimit);
            if (failing.has(body.model)) {
                return openAiError(res, 500, `stub: model ${body.model} always fails`, "server_error", "stub_failure");
            }
            const rawMax = body.max_completion_tokens ?? body.max_tokens;
            const maxTokens = typeof rawMax === "number" ? rawMax : undefined;
            const completion = buildCompletion(body.model, messages, maxTokens);
            return body.stream === true ? streamCompletion(res, completion) : sendJson(res, 200, completion);
        }
        return openAiError(res, 404, `stub: no route ${req.method} ${path}`, "invalid_request_error", "not_found");
    }

    return {
        server,
        get url() {
            return baseUrl;
        },
        received,
        listen(port = 0, host = "127.0.0.1") {
            return new Promise((resolve, reject) => {
                server.once("error", reject);
                server.listen(port, host, () => {
                    const addr = server.address() as AddressInfo;
                    const shownHost = host === "0.0.0.0" ? "127.0.0.1" : host;
                    baseUrl = `http://${shownHost}:${addr.port}/v1`;
                    resolve(baseUrl);
                });
            });
        },
        close() {
            return new Promise((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            });
        },
    };
}
