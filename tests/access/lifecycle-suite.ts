/**
 * The lifecycle of LiteLLMTeam and LiteLLMKey, driven through Pulumi's REAL dynamic-provider host over gRPC
 * (check, create, read, diff, update, delete, as `pulumi up`/`refresh`/`destroy` drive them), against any
 * gateway: the simulator (tests/access/lifecycle-sim.test.ts) or a real LiteLLM proxy
 * (tests/integration/access-lifecycle.test.ts). Changes "by hand" are made the way an operator makes them:
 * straight through the admin API with the master key.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import axios from "axios";
import { accessRuntimeBundle, createAccessProvider } from "../../components/access/provider";
import { runVerification } from "../../verify/engine";
import type { AccessExpectation } from "../../verify/types";
import { ProviderHost, startProviderHostFor } from "../helpers/provider-host";

export interface AccessTarget {
    /** Gateway base URL, e.g. http://127.0.0.1:4000. */
    url: string;
    masterKey: string;
    /** A served model group the keys are granted. */
    allowedModel: string;
    /** Another served model group the keys are not granted. */
    otherModel: string;
    /** Prefix of every alias the suite creates, unique per run. */
    prefix: string;
}

type Props = Record<string, unknown>;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Registers the lifecycle tests; `target()` is read when the tests run (after the caller's `before`). */
export function accessLifecycleSuite(target: () => AccessTarget): void {
    let teams: ProviderHost;
    let keys: ProviderHost;
    const admin = () => axios.create({ baseURL: target().url, headers: { Authorization: `Bearer ${target().masterKey}` }, validateStatus: () => true, proxy: false });
    const chat = (key: string, model: string) =>
        axios.post(`${target().url}/chat/completions`, { model, messages: [{ role: "user", content: "Reply with OK." }], max_tokens: 5 }, { headers: { Authorization: `Bearer ${key}` }, validateStatus: () => true, proxy: false });
    const conn = () => ({ adminUrl: target().url, masterKey: target().masterKey });
    /** The `access` check on what this suite declares: the team, and its key with `value`. */
    const accessCheck = async (value: string, keyBudgetUsd: number) => {
        const t = target();
        const access: AccessExpectation = {
            teams: [{ alias: `${t.prefix}-team`, models: [t.allowedModel, t.otherModel].sort(), maxBudgetUsd: 50, budgetDuration: "30d", rpmLimit: 100 }],
            keys: [{ alias: `${t.prefix}-key`, team: `${t.prefix}-team`, models: [t.allowedModel], maxBudgetUsd: keyBudgetUsd, budgetDuration: "30d", metadata: { owner: "search" } }],
        };
        const report = await runVerification({ gatewayUrl: t.url, masterKey: t.masterKey, only: ["access"], access, accessKeys: { [`${t.prefix}-key`]: value } });
        assert.ok(!JSON.stringify(report).includes(value), "the report never holds a key value");
        return report.checks[0];
    };

    before(async () => {
        const code = accessRuntimeBundle().packed;
        [teams, keys] = await Promise.all([startProviderHostFor(createAccessProvider("team", code)), startProviderHostFor(createAccessProvider("key", code))]);
    });
    after(async () => {
        await Promise.all([teams?.close(), keys?.close()]);
    });

    describe("LiteLLMTeam and LiteLLMKey through the real provider host", { concurrency: false }, () => {
        let teamId = "";
        let teamOuts: Props = {};
        let teamInputs: Props = {};

        it("team: check names bad input; create; a refresh right after shows no change (converges)", async () => {
            const t = target();
            const bad = await teams.check({}, { ...conn(), alias: "-bad alias-", models: [], maxBudgetUsd: -1, budgetDuration: "monthly" });
            assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["alias", "budgetDuration", "maxBudgetUsd", "models"]);
            const checked = await teams.check({}, { ...conn(), alias: `${t.prefix}-team`, models: [t.otherModel, t.allowedModel, t.allowedModel], maxBudgetUsd: 50, budgetDuration: "30d", rpmLimit: 100 });
            assert.deepEqual(checked.failures, []);
            assert.deepEqual(checked.inputs.models, [t.allowedModel, t.otherModel].sort(), "models in canonical order");
            teamInputs = checked.inputs;
            const created = await teams.create(teamInputs);
            teamId = created.id;
            teamOuts = created.outs;
            assert.equal(teamOuts.teamId, teamId);
            assert.equal(teamOuts.maxBudgetUsd, 50);
            const read = await teams.read(teamId, teamOuts);
            assert.deepEqual(read, { id: teamId, props: teamOuts });
            assert.equal((await teams.diff(teamId, read.props, teamInputs)).changes, "none");
            assert.doesNotMatch(teams.stderr(), /Unexpected struct type/);
        });

        it("team: models and budget changed by hand show on refresh, and update puts them back", async () => {
            const t = target();
            const hand = await admin().post("/team/update", { team_id: teamId, models: [t.allowedModel], max_budget: 999 });
            assert.equal(hand.status, 200, JSON.stringify(hand.data));
            const read = await teams.read(teamId, teamOuts);
            assert.deepEqual(read.props.models, [t.allowedModel]);
            assert.equal(read.props.maxBudgetUsd, 999);
            assert.deepEqual(await teams.diff(teamId, read.props, teamInputs), { changes: "some", replaces: [] });
            const updated = await teams.update(teamId, read.props, teamInputs);
            assert.deepEqual(updated.outs.models, teamInputs.models);
            assert.equal(updated.outs.maxBudgetUsd, 50);
            teamOuts = updated.outs;
            assert.equal((await teams.diff(teamId, (await teams.read(teamId, teamOuts)).props, teamInputs)).changes, "none");
        });

        let keyId = "";
        let keyOuts: Props = {};
        let keyInputs: Props = {};

        it("key: create issues a working key scoped to its models; the value is the secret output, the id its hash", async () => {
            const t = target();
            keyInputs = (await keys.check({}, { ...conn(), alias: `${t.prefix}-key`, teamId, models: [t.allowedModel], maxBudgetUsd: 5, budgetDuration: "30d", duration: "30d", metadata: { owner: "search" } })).inputs;
            const created = await keys.create(keyInputs);
            keyId = created.id;
            keyOuts = created.outs;
            const value = String(keyOuts.key);
            assert.match(value, /^sk-[A-Za-z0-9_-]{40,}$/);
            assert.equal(keyId, sha256(value));
            assert.equal(keyOuts.tokenHash, keyId);
            assert.equal(keyOuts.teamId, teamId);
            assert.equal(typeof keyOuts.expires, "string");
            assert.equal((await chat(value, t.allowedModel)).status, 200);
            const refused = await chat(value, t.otherModel);
            assert.ok([401, 403].includes(refused.status), `refused with ${refused.status}`);
            const read = await keys.read(keyId, keyOuts);
            assert.deepEqual(read, { id: keyId, props: keyOuts });
            assert.equal((await keys.diff(keyId, read.props, keyInputs)).changes, "none");
            const check = await accessCheck(value, 5);
            assert.equal(check.status, "pass", check.message);
        });

        it("key: models and budget changed by hand show on refresh; update restores them in place (same id, same value)", async () => {
            const t = target();
            const hand = await admin().post("/key/update", { key: keyId, models: [t.allowedModel, t.otherModel], max_budget: 1000 });
            assert.equal(hand.status, 200, JSON.stringify(hand.data));
            const read = await keys.read(keyId, keyOuts);
            assert.deepEqual(read.props.models, [t.allowedModel, t.otherModel].sort());
            assert.equal(read.props.maxBudgetUsd, 1000);
            assert.deepEqual(await keys.diff(keyId, read.props, keyInputs), { changes: "some", replaces: [] });
            const drifted = await accessCheck(String(keyOuts.key), 5);
            assert.equal(drifted.status, "fail");
            assert.match(drifted.message, /models/, drifted.message);
            assert.match(drifted.message, /maxBudgetUsd/, drifted.message);
            const updated = await keys.update(keyId, read.props, { ...keyInputs, maxBudgetUsd: 7 });
            assert.deepEqual(updated.outs.models, [t.allowedModel]);
            assert.equal(updated.outs.maxBudgetUsd, 7);
            assert.equal(updated.outs.key, keyOuts.key, "an update keeps the value");
            keyOuts = updated.outs;
            keyInputs = { ...keyInputs, maxBudgetUsd: 7 };
            const restored = await accessCheck(String(keyOuts.key), 7);
            assert.equal(restored.status, "pass", restored.message);
        });

        it("key: rotation replaces it (delete before create): the old value is revoked, the new one works", async () => {
            const t = target();
            const rotated = { ...keyInputs, rotation: "2026-12" };
            const diff = await keys.diff(keyId, keyOuts, rotated);
            assert.deepEqual(diff, { changes: "some", replaces: ["rotation"] });
            await keys.delete(keyId, keyOuts);
            const created = await keys.create(rotated);
            assert.notEqual(created.id, keyId);
            assert.notEqual(created.outs.key, keyOuts.key);
            assert.equal((await chat(String(keyOuts.key), t.allowedModel)).status, 401, "the old value is revoked");
            assert.equal((await chat(String(created.outs.key), t.allowedModel)).status, 200);
            keyId = created.id;
            keyOuts = created.outs;
            keyInputs = rotated;
        });

        it("import: an existing alias is refused unless importExisting, then adopted (value unknown, settings enforced)", async () => {
            const t = target();
            const alias = `${t.prefix}-handmade`;
            const made = await admin().post("/key/generate", { key_alias: alias, models: [t.otherModel] });
            assert.equal(made.status, 200, JSON.stringify(made.data));
            const inputs = { ...conn(), alias, models: [t.allowedModel] };
            await assert.rejects(keys.create(inputs), /already exists; set import: true/);
            const adopted = await keys.create({ ...inputs, importExisting: true });
            assert.equal(adopted.id, sha256(String(made.data.key)));
            assert.equal(adopted.outs.key, "");
            assert.equal(adopted.outs.imported, true);
            assert.deepEqual(adopted.outs.models, [t.allowedModel]);
            await keys.delete(adopted.id, adopted.outs);

            const teamAlias = `${t.prefix}-handmade-team`;
            const team = await admin().post("/team/new", { team_alias: teamAlias, models: [t.allowedModel] });
            assert.equal(team.status, 200, JSON.stringify(team.data));
            await assert.rejects(teams.create({ ...conn(), alias: teamAlias, models: [t.allowedModel] }), /already exists/);
            const adoptedTeam = await teams.create({ ...conn(), alias: teamAlias, models: [t.allowedModel], maxBudgetUsd: 3, importExisting: true });
            assert.equal(adoptedTeam.id, team.data.team_id);
            assert.equal(adoptedTeam.outs.maxBudgetUsd, 3);
            await teams.delete(adoptedTeam.id, adoptedTeam.outs);
        });

        it("delete revokes the key and removes the team; a second delete is a no-op; read of a gone object drops it", async () => {
            const t = target();
            await keys.delete(keyId, keyOuts);
            assert.equal((await chat(String(keyOuts.key), t.allowedModel)).status, 401);
            await keys.delete(keyId, keyOuts);
            assert.deepEqual(await keys.read(keyId, keyOuts), { id: "", props: {} });
            await teams.delete(teamId, teamOuts);
            await teams.delete(teamId, teamOuts);
            assert.deepEqual(await teams.read(teamId, teamOuts), { id: "", props: {} });
            assert.doesNotMatch(keys.stderr() + teams.stderr(), /Unexpected struct type/);
        });
    });
}
