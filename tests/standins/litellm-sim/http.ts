/** HTTP plumbing of the simulator: JSON replies and LiteLLM's error envelope. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
}

/** `{error: {message, type, param, code: "<status>"}}`: ProxyException.to_dict (litellm.md §2). */
export function sendProxyError(res: ServerResponse, status: number, message: string, type: string, param: unknown = null, headers: Record<string, string> = {}): void {
    sendJson(res, status, { error: { message, type, param, code: String(status) } }, headers);
}

export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (text.trim() === "") return {};
    try {
        const parsed: unknown = JSON.parse(text);
        return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** The key from any header LiteLLM accepts (SpecialHeaders in _types.py). */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
    const auth = headers.authorization;
    if (typeof auth === "string" && auth.trim() !== "") return auth.replace(/^Bearer\s+/i, "").trim();
    for (const name of ["x-litellm-api-key", "api-key", "x-api-key", "x-goog-api-key", "ocp-apim-subscription-key"]) {
        const v = headers[name];
        if (typeof v === "string" && v.trim() !== "") return v.replace(/^Bearer\s+/i, "").trim();
    }
    return undefined;
}

/** `sk-...abcd`, the way LiteLLM abbreviates keys in messages. */
export function abbreviateKey(key: string): string {
    return `sk-...${key.slice(-4)}`;
}
