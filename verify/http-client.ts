/**
 * The engine's HTTP client for the gateway. Sockets are kept alive, but one idle for longer than
 * IDLE_SOCKET_MS is closed instead of reused: uvicorn (LiteLLM) and Node drop idle keep-alive sockets after
 * about 5 s, and a request written on a socket the server is closing at that moment fails with ECONNRESET
 * (seen in 1 run of 23 against real LiteLLM 1.83.10, on key deletion). The client itself never retries:
 * callers that can retry safely (key deletion, the idempotent admin calls) test isConnectionReset.
 */
import axios, { AxiosInstance } from "axios";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/** Well under the 5 s keep-alive of uvicorn and Node, so the client always gives up a socket first. */
export const IDLE_SOCKET_MS = 1000;

export function gatewayHttpClient(baseURL: string, timeoutMs: number): AxiosInstance {
    // An agent's `timeout` closes its free (idle) sockets after that long; active requests use axios' timeout.
    const agentOptions = { keepAlive: true, timeout: IDLE_SOCKET_MS };
    return axios.create({
        baseURL,
        timeout: timeoutMs,
        validateStatus: () => true,
        maxRedirects: 0,
        // Proxies from the environment would send master-key traffic elsewhere; the gateway is addressed directly.
        proxy: false,
        httpAgent: new HttpAgent(agentOptions),
        httpsAgent: new HttpsAgent(agentOptions),
    });
}

/**
 * A connection the server dropped under the request (not a refusal, a timeout or an HTTP error): the request
 * may or may not have reached the gateway. Node reports a reset before any answer as "socket hang up".
 */
export function isConnectionReset(err: unknown): boolean {
    if (!err || typeof err !== "object") return false;
    const { code, message } = err as { code?: unknown; message?: unknown };
    return code === "ECONNRESET" || code === "EPIPE" || (typeof message === "string" && /socket hang up/i.test(message));
}
