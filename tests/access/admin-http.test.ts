/**
 * The access providers' HTTP (components/access/admin-http.ts): admin calls to one gateway are bounded to
 * MAX_IN_FLIGHT at once, whatever the callers' parallelism (a refresh of hundreds of resources never
 * bursts a small gateway), and a retried 503 is answered once the gateway is back.
 */
import assert from "node:assert/strict";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { adminCall, MAX_IN_FLIGHT } from "../../components/access/admin-http";

let server: Server;
let url = "";
let inFlight = 0;
let most = 0;
let unavailable = 0;

before(async () => {
    server = createServer((req, res) => {
        inFlight++;
        most = Math.max(most, inFlight);
        setTimeout(() => {
            inFlight--;
            if (unavailable > 0) {
                unavailable--;
                res.writeHead(503).end("restarting");
                return;
            }
            res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ path: req.url }));
        }, 30);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

describe("admin calls over fetch", () => {
    it(`at most ${MAX_IN_FLIGHT} calls in flight per gateway, shared by every client of it`, async () => {
        most = 0;
        const clients = [adminCall({ adminUrl: url, masterKey: "sk-test-master" }), adminCall({ adminUrl: `${url}/`, masterKey: "sk-test-master" })];
        const results = await Promise.all(Array.from({ length: 40 }, (_, i) => clients[i % 2]("GET", "/key/info", { params: { key: String(i) } })));
        assert.ok(results.every((r) => r.res.status === 200));
        assert.deepEqual(results[3].res.data, { path: "/key/info?key=3" });
        assert.equal(most, MAX_IN_FLIGHT, `at most ${MAX_IN_FLIGHT}, and the bound is used`);
    });

    it("a 503 is retried with backoff and marked as retried", async () => {
        unavailable = 2;
        const call = adminCall({ adminUrl: url, masterKey: "sk-test-master" }, { backoffMs: 5 });
        const { res, retried } = await call("POST", "/team/update", { data: { team_id: "t" } });
        assert.equal(res.status, 200);
        assert.equal(retried, true);
        assert.equal(unavailable, 0);
    });
});
