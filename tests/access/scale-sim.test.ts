/**
 * The scale scenario (tests/access/scale-suite.ts) on the simulator: 200 keys in 10 teams through the real
 * provider host. Proves the paged reads: a refresh of 210 resources costs a handful of list calls, not one
 * call per object, with 0 diffs, then exactly 1 after a budget changed by hand; the `access` check over the
 * same declarations reads lists only. Figures are benchmarks.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { SIM_PRIMARY, startSim } from "../verify/fixtures";
import { assertScaleOutcome, runAccessScale } from "./scale-suite";

let sim: LiteLLMSim;
before(async () => {
    sim = await startSim();
});
after(async () => {
    await sim.close();
});

describe("200 keys in 10 teams on the simulator, through the real provider host", () => {
    it("create, a no-op refresh (0 diffs) in list calls, one hand edit (1 diff), delete all", { timeout: 300_000 }, async (t) => {
        const target = { url: sim.url, masterKey: sim.options.masterKey, model: SIM_PRIMARY, prefix: "scale", teams: 10, keysPerTeam: 20 };
        const figures = await runAccessScale(target, (line) => t.diagnostic(`benchmark: access scale (simulator): ${line}`));
        await assertScaleOutcome(target, figures);
        const [, quiet] = figures.steps;
        const perObject = Object.entries(quiet.calls).filter(([k]) => /\/(key|team)\/info$/.test(k));
        assert.deepEqual(perObject, [], "a refresh reads no object on its own");
        const calls = Object.values(quiet.calls).reduce((a, b) => a + b, 0);
        assert.ok(calls <= 4, `a refresh of 210 resources: 2 key pages and 1 team page, got ${JSON.stringify(quiet.calls)}`);
        const check = figures.steps[2].calls;
        assert.deepEqual(Object.keys(check).sort(), ["GET /key/list", "GET /v2/team/list"], `the access check reads lists only: ${JSON.stringify(check)}`);
        assert.deepEqual(sim.keys(), []);
        assert.deepEqual(sim.teams(), []);
    });
});
