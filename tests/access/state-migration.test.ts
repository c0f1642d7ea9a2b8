/**
 * Upgrading from today's state replaces and recreates nothing. fixtures/state-a583bc0.json is the state of
 * a team and two keys as main a583bc0 wrote it (the 317 KB axios provider), captured through the real
 * provider host. The same objects are put on the simulator, and the new provider runs over that state in
 * Pulumi's real provider host, as the first `pulumi up` after the upgrade does:
 * - `check` turns the same declaration into the very inputs the state holds;
 * - `diff` against the old outputs reports no replacement; the only change is the provider code itself,
 *   an in-place update that writes nothing to the gateway and returns the same outputs (same id, same key
 *   value);
 * - `read` (refresh) then keeps the id and the outputs, and `diff` with the new code in state is empty.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createAdminClient } from "../../components/access/admin-client";
import { accessRuntimeBundle, createAccessProvider } from "../../components/access/provider";
import { ProviderHost, startProviderHostFor } from "../helpers/provider-host";
import { REPO_ROOT } from "../helpers/stack-config";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { startSim } from "../verify/fixtures";

type Props = Record<string, unknown>;
interface Captured {
    id: string;
    inputs: Props;
    outputs: Props;
}
interface StateFixture {
    provider: Record<"team" | "key", { bytes: number; sha256: string }>;
    team: Captured;
    keys: Captured[];
}

const FIXTURE: StateFixture = JSON.parse(readFileSync(join(REPO_ROOT, "tests", "access", "fixtures", "state-a583bc0.json"), "utf8"));
/** Stands in for the old provider text: the host never evaluates the olds' provider in check, diff or update. */
const LEGACY_PROVIDER = `legacy provider of ${FIXTURE.provider.key.bytes} bytes, sha256 ${FIXTURE.provider.key.sha256}`;
/** What the fixture calls the gateway (main's capture ran against a simulator, renamed to this). */
const CAPTURED_URL = "http://127.0.0.1:4000";

let sim: LiteLLMSim;
let teams: ProviderHost;
let keys: ProviderHost;
const calls: string[] = [];
/** The fixture with the simulator's URL, as state pointing at this gateway. */
const here = (p: Props): Props => JSON.parse(JSON.stringify(p).split(CAPTURED_URL).join(sim.url));
const writes = () => calls.filter((c) => c.startsWith("POST "));

before(async () => {
    sim = await startSim({ extensions: [{ name: "call-log", handleRoute: (req, _res, path) => (calls.push(`${req.method} ${path}`), false) }] });
    // Today's objects, made the way main made them: the team id and the key values the state holds.
    const admin = createAdminClient({ adminUrl: sim.url, masterKey: sim.options.masterKey });
    const t = FIXTURE.team.inputs;
    await admin.teamCreate(FIXTURE.team.id, { alias: t.alias as string, models: t.models as string[], maxBudgetUsd: t.maxBudgetUsd as number, budgetDuration: t.budgetDuration as string, rpmLimit: t.rpmLimit as number });
    for (const k of FIXTURE.keys) {
        const i = k.inputs;
        const token = await admin.keyGenerate(k.outputs.key as string, { alias: i.alias as string, teamId: i.teamId as string, models: i.models as string[], maxBudgetUsd: i.maxBudgetUsd as number, budgetDuration: i.budgetDuration as string | undefined, duration: i.duration as string | undefined, metadata: i.metadata as Record<string, string> | undefined });
        assert.equal(token, k.id, "the key value in state hashes to the id in state");
    }
    const code = accessRuntimeBundle().packed;
    [teams, keys] = await Promise.all([startProviderHostFor(createAccessProvider("team", code)), startProviderHostFor(createAccessProvider("key", code))]);
});
after(async () => {
    await Promise.all([teams?.close(), keys?.close()]);
    await sim?.close();
});

/** The first `up` after the upgrade, for one resource; returns the outputs it leaves in state. */
async function upgrade(host: ProviderHost, captured: Captured, expiresMoves = false): Promise<Props> {
    const oldInputs = { ...here(captured.inputs), __provider: LEGACY_PROVIDER };
    const oldOutputs = { ...here(captured.outputs), __provider: LEGACY_PROVIDER };
    // The program declares the same thing again (inputs as the resource passes them, before check).
    const { masterKey, ...declared } = here(captured.inputs);
    const checked = await host.check(oldInputs, { ...declared, masterKey, models: [...(declared.models as string[])].reverse() });
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs, here(captured.inputs), "check yields the inputs the state holds");

    const diff = await host.diff(captured.id, oldOutputs, checked.inputs);
    assert.deepEqual(diff, { changes: "some", replaces: [] }, "the new provider code is an in-place update, never a replacement");

    const before = writes().length;
    const { outs } = await host.update(captured.id, oldOutputs, checked.inputs);
    assert.equal(writes().length, before, `the update writes nothing to the gateway: ${writes().slice(before).join(", ")}`);
    const expected = here(captured.outputs);
    if (expiresMoves) assert.equal(typeof outs.expires, "string");
    assert.deepEqual({ ...outs, ...(expiresMoves ? { expires: expected.expires } : {}) }, expected, "same outputs: same id, same key value, same settings");

    const diffAfter = await host.diff(captured.id, outs, checked.inputs);
    assert.deepEqual(diffAfter, { changes: "none", replaces: [] }, "with the new code in state nothing is left to do");
    return outs;
}

describe("state written by main a583bc0 (axios provider), under the new provider", { concurrency: false }, () => {
    it("the fixture is today's form: every resource carried the 317 KB provider", () => {
        assert.ok(FIXTURE.provider.team.bytes > 300_000 && FIXTURE.provider.key.bytes > 300_000);
    });

    it("team: same inputs, an in-place update that writes nothing, then a refresh that keeps it", async () => {
        const outs = await upgrade(teams, FIXTURE.team);
        const read = await teams.read(FIXTURE.team.id, outs);
        assert.deepEqual(read, { id: FIXTURE.team.id, props: outs });
    });

    it("keys: same inputs, no replacement (rotation unchanged), same value and hash; a refresh keeps them", async () => {
        for (const k of FIXTURE.keys) {
            // A key with `duration` has an `expires` computed when the simulator issued it here, not at capture.
            const outs = await upgrade(keys, k, k.inputs.duration !== undefined);
            const read = await keys.read(k.id, outs);
            assert.deepEqual(read, { id: k.id, props: outs });
            assert.equal(sim.findKey(k.outputs.key as string)?.token, k.id, "the key value still works: the same key, not a new one");
        }
        assert.equal(sim.keys().length, FIXTURE.keys.length);
        assert.equal(sim.teams().length, 1);
    });

    it("delete through the new provider revokes what the old one created", async () => {
        for (const k of FIXTURE.keys) await keys.delete(k.id, { ...here(k.outputs) });
        await teams.delete(FIXTURE.team.id, here(FIXTURE.team.outputs));
        assert.deepEqual([sim.keys().length, sim.teams().length], [0, 0]);
    });
});
