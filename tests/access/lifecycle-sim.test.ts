/**
 * LiteLLMTeam and LiteLLMKey against the simulator: the shared lifecycle suite through the real provider
 * host (create, refresh with drift, update, rotation, import, delete), plus what only a simulator can
 * stage: an admin answer lost to a connection reset after the write happened.
 */
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { createAdminClient } from "../../components/access/admin-client";
import { keyLifecycle } from "../../components/access/key-lifecycle";
import { teamLifecycle } from "../../components/access/team-lifecycle";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { SIM_FALLBACK, SIM_PRIMARY, startSim } from "../verify/fixtures";
import { accessLifecycleSuite } from "./lifecycle-suite";

let sim: LiteLLMSim;

/** A loopback port nothing listens on (fetch refuses some well-known ones outright, e.g. 9, as "bad port"). */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    return port;
}
before(async () => {
    sim = await startSim();
});
after(async () => {
    await sim.close();
});

accessLifecycleSuite(() => ({ url: sim.url, masterKey: sim.options.masterKey, allowedModel: SIM_PRIMARY, otherModel: SIM_FALLBACK, prefix: "lc" }));

describe("admin calls survive connection resets without duplicating anything", () => {
    const fast = (c: { adminUrl: string; masterKey: string }) => createAdminClient(c, { backoffMs: 10 });
    const conn = () => ({ adminUrl: sim.url, masterKey: sim.options.masterKey });

    it("a team create whose answer was lost is retried and recognised by its id: one team", async () => {
        sim.faults.adminAnswersLost = 1;
        const { id, outs } = await teamLifecycle(fast).create({ ...conn(), alias: "reset-team", models: [SIM_PRIMARY] });
        assert.equal(sim.faults.adminAnswersLost, 0, "the fault fired");
        assert.equal(sim.teams().filter((t) => t.teamAlias === "reset-team").length, 1);
        assert.equal(outs.teamId, id);
        await teamLifecycle(fast).delete(id, outs);
    });

    it("a key create whose answer was lost is retried and recognised by its hash: one key, value known", async () => {
        sim.faults.adminAnswersLost = 1;
        const { id, outs } = await keyLifecycle(fast).create({ ...conn(), alias: "reset-key", models: [SIM_PRIMARY] });
        assert.equal(sim.faults.adminAnswersLost, 0, "the fault fired");
        assert.equal(sim.keys().filter((k) => k.keyAlias === "reset-key").length, 1);
        assert.equal(sim.findKey(outs.key)?.token, id);
        sim.faults.adminAnswersLost = 1;
        await keyLifecycle(fast).delete(id, outs);
        assert.equal(sim.findKey(id), undefined, "a delete whose answer was lost still ends with the key gone");
    });

    it("an unreachable gateway fails with the endpoint and the URL after the retries, never the master key", async () => {
        const port = await closedPort();
        const client = createAdminClient({ adminUrl: `http://127.0.0.1:${port}`, masterKey: sim.options.masterKey }, { attempts: 2, backoffMs: 5 });
        await assert.rejects(client.teamInfo("x"), (err: Error) => {
            assert.match(err.message, new RegExp(`GET /team/info: ECONNREFUSED: fetch failed: .*after 2 attempt\\(s\\); is http://127\\.0\\.0\\.1:${port} reachable`));
            assert.ok(!err.message.includes(sim.options.masterKey));
            return true;
        });
    });
});
