/**
 * Key cleanup survives a keep-alive socket the server has just dropped. Node and uvicorn (LiteLLM) close idle
 * keep-alive sockets after about 5 s; a request written on such a socket at that moment dies with ECONNRESET
 * (seen in 1 run of 23 against real LiteLLM, on key deletion). So the engine's client does not reuse a socket
 * idle for longer than IDLE_SOCKET_MS, and cleanup retries a delete whose connection was reset.
 */
import assert from "node:assert/strict";
import { createServer, Server } from "node:http";
import { AddressInfo, Socket } from "node:net";
import { after, describe, it } from "node:test";
import { gatewayHttpClient, IDLE_SOCKET_MS } from "../../verify/http-client";
import { KeyRegistry } from "../../verify/keys";
import { Redactor } from "../../verify/redact";

const servers: Server[] = [];
after(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
});

async function listen(server: Server): Promise<string> {
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A gateway that resets a connection on its second request, as a server closing an idle keep-alive socket
 * does to the request that raced it. Every new connection works.
 */
async function resettingGateway(): Promise<{ url: string; deleted: () => number }> {
    const seen = new WeakMap<Socket, number>();
    let deletes = 0;
    const server = createServer((req, res) => {
        const n = (seen.get(req.socket) ?? 0) + 1;
        seen.set(req.socket, n);
        if (n >= 2) {
            req.socket.resetAndDestroy();
            return;
        }
        req.resume();
        req.on("end", () => {
            if (req.url === "/key/delete") deletes++;
            const body = req.url === "/key/generate" ? { key: "sk-reset-test-key-0001", expires: null } : { deleted_keys: ["x"] };
            res.writeHead(200, { "content-type": "application/json", connection: "keep-alive" });
            res.end(JSON.stringify(body));
        });
    });
    server.keepAliveTimeout = 30_000;
    return { url: await listen(server), deleted: () => deletes };
}

describe("connection reuse", () => {
    it("cleanup retries a key delete whose reused connection was reset", async () => {
        const gateway = await resettingGateway();
        const http = gatewayHttpClient(gateway.url, 5000);
        const registry = new KeyRegistry(http, "sk-master-for-reset-test", "vrreset", new Redactor(), "5m", 5000);
        await registry.forCheck("completion", new AbortController().signal).create();
        const failures = await registry.deleteAll();
        assert.deepEqual(failures, []);
        assert.equal(gateway.deleted(), 1);
        assert.deepEqual(registry.outstanding(), []);
    });

    it("a socket idle for longer than IDLE_SOCKET_MS is not reused", async () => {
        let connections = 0;
        const server = createServer((req, res) => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end("{}");
        });
        // The server would keep the socket open for 5 s, as uvicorn and Node do.
        server.keepAliveTimeout = 5000;
        server.on("connection", () => connections++);
        const http = gatewayHttpClient(await listen(server), 5000);
        await http.get("/one");
        await http.get("/two");
        assert.equal(connections, 1, "a fresh socket is reused");
        await new Promise((done) => setTimeout(done, IDLE_SOCKET_MS + 500));
        await http.get("/three");
        assert.equal(connections, 2, "an idle socket is not");
    });
});
