/**
 * The `access` check against the simulator: it passes on a gateway that holds the declared teams and keys,
 * and fails naming the object and the drifted property when a key's models or budget, or a team's budget,
 * are changed by hand. No report or log line ever carries a key value.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import axios from "axios";
import { keyLifecycle } from "../../components/access/key-lifecycle";
import { teamLifecycle } from "../../components/access/team-lifecycle";
import { runCli } from "../../verify/cli";
import { runVerification } from "../../verify/engine";
import type { AccessExpectation } from "../../verify/types";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, SIM_FALLBACK, SIM_PRIMARY, startSim } from "../verify/fixtures";

let sim: LiteLLMSim;
let teamId = "";
const values: Record<string, string> = {};
const hashes: Record<string, string> = {};

const expectation: AccessExpectation = {
    teams: [{ alias: "search", models: [SIM_FALLBACK, SIM_PRIMARY], maxBudgetUsd: 100, budgetDuration: "30d" }],
    keys: [
        { alias: "search-api", team: "search", models: [SIM_PRIMARY], maxBudgetUsd: 10, metadata: { owner: "search" } },
        { alias: "search-batch", team: "search", models: [SIM_FALLBACK] },
    ],
};

before(async () => {
    sim = await startSim();
    const conn = { adminUrl: sim.url, masterKey: sim.options.masterKey };
    const team = await teamLifecycle().create({ ...conn, ...expectation.teams[0] });
    teamId = team.id;
    for (const k of expectation.keys) {
        const { team: _alias, ...settings } = k;
        const created = await keyLifecycle().create({ ...conn, ...settings, teamId });
        values[k.alias] = created.outs.key;
        hashes[k.alias] = created.id;
    }
});
after(async () => {
    await sim.close();
});

const admin = (path: string, body: unknown) => axios.post(`${sim.url}${path}`, body, { headers: { Authorization: `Bearer ${sim.options.masterKey}` }, validateStatus: () => true });

async function run(extra: { accessKeys?: Record<string, string> } = { accessKeys: values }) {
    const lines: string[] = [];
    const report = await runVerification(fastOptions(sim, { only: ["access"], access: expectation, ...extra }), { log: (l) => lines.push(l) });
    const check = report.checks[0];
    assertNoRawKeys(JSON.stringify(report) + lines.join("\n"), Object.values(values));
    return check;
}

describe("access check", { concurrency: false }, () => {
    beforeEach(async () => {
        // Back to the declared state before every case.
        await admin("/team/update", { team_id: teamId, models: [SIM_FALLBACK, SIM_PRIMARY], max_budget: 100, budget_duration: "30d" });
        await admin("/key/update", { key: hashes["search-api"], models: [SIM_PRIMARY], max_budget: 10, metadata: { owner: "search" } });
    });

    it("passes on a gateway that holds every declared team and key; each key calls its model and is refused another", async () => {
        const check = await run();
        assert.equal(check.status, "pass", check.message);
        assert.match(check.message, /1 team\(s\) and 2 key\(s\) as declared/);
        assert.match(check.message, new RegExp(`"search-api" called "${SIM_PRIMARY}" and was refused "${SIM_FALLBACK}"`));
        assert.match(check.message, new RegExp(`"search-batch" called "${SIM_FALLBACK}" and was refused "${SIM_PRIMARY}"`));
    });

    it("without key values it still proves the declarations and says which keys were not called", async () => {
        const check = await run({});
        assert.equal(check.status, "pass", check.message);
        assert.match(check.message, /not called \(no value given\): "search-api", "search-batch"/);
    });

    it("fails naming the key and `models` when a key's models were widened by hand", async () => {
        await admin("/key/update", { key: hashes["search-api"], models: [SIM_PRIMARY, SIM_FALLBACK] });
        const check = await run();
        assert.equal(check.status, "fail");
        assert.match(check.message, new RegExp(`key "search-api": models: declared \\[${SIM_PRIMARY}\\], live \\[${SIM_FALLBACK}, ${SIM_PRIMARY}\\]`));
        assert.match(check.message, /pulumi refresh/);
    });

    it("fails naming the key and `maxBudgetUsd` when a key's budget was raised by hand", async () => {
        await admin("/key/update", { key: hashes["search-api"], max_budget: 500 });
        const check = await run();
        assert.equal(check.status, "fail");
        assert.match(check.message, /key "search-api": maxBudgetUsd: declared 10, live 500/);
        assert.doesNotMatch(check.message, /search-batch/, "only the drifted key is named");
    });

    it("fails naming the team when its budget was removed by hand, and a key that is gone", async () => {
        await admin("/team/update", { team_id: teamId, max_budget: null });
        const check = await run({ accessKeys: values });
        assert.equal(check.status, "fail");
        assert.match(check.message, /team "search": maxBudgetUsd: declared 100, live \(none\)/);
        const gone = await runVerification(fastOptions(sim, { only: ["access"], access: { teams: [], keys: [{ alias: "never-made", models: [SIM_PRIMARY] }] } }));
        assert.match(gone.checks[0].message, /key "never-made": missing on the gateway/);
    });

    it("the CLI door: --access and LITELLM_ACCESS_KEYS run it; nothing it prints holds a key", async () => {
        const out: string[] = [];
        const code = await runCli(["--gateway-url", sim.url, "--only", "access", "--access", JSON.stringify(expectation)], { LITELLM_MASTER_KEY: sim.options.masterKey, LITELLM_ACCESS_KEYS: JSON.stringify(values) }, { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
        assert.equal(code, 0, out.join("\n"));
        assert.match(out.join("\n"), /access/);
        assertNoRawKeys(out.join("\n"), [sim.options.masterKey, ...Object.values(values)]);
        const bad = await runCli(["--gateway-url", sim.url, "--access-keys", "{not json"], { LITELLM_MASTER_KEY: sim.options.masterKey }, { stdout: () => undefined, stderr: (t) => out.push(t) });
        assert.equal(bad, 2, "a malformed flag is a usage error");
    });

    it("skips when nothing is declared", async () => {
        const report = await runVerification(fastOptions(sim, { only: ["access"] }));
        assert.equal(report.checks[0].status, "skip");
        assert.match(report.checks[0].message, /no teams or keys declared/);
    });
});
