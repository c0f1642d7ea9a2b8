/**
 * Teams and keys at platform scale, through Pulumi's REAL dynamic-provider host, against any gateway (the
 * simulator in tests/access/scale-sim.test.ts, a real LiteLLM proxy in tests/integration/access-scale.test.ts):
 * create `teams` teams with `keysPerTeam` keys each, refresh with no change (0 diffs), run the `access`
 * check over every declaration (it must pass), change one key's budget by hand (1 diff on the next
 * refresh), delete everything. The providers reach the gateway through
 * a counting pass-through, so the figures say how many admin calls each step made. The engine's own
 * parallelism is reproduced (PULUMI_PARALLEL resource operations at once). Every figure is a benchmark,
 * printed, never a pass/fail bound.
 */
import assert from "node:assert/strict";
import { createServer, request, Server } from "node:http";
import { AddressInfo } from "node:net";
import { accessRuntimeBundle, createAccessProvider } from "../../components/access/provider";
import { mapBounded } from "../../verify/bounded-concurrency";
import { runVerification } from "../../verify/engine";
import type { AccessExpectation } from "../../verify/types";
import { ProviderHost, startProviderHost } from "../helpers/provider-host";
import * as pulumi from "@pulumi/pulumi";

export interface ScaleTarget {
    url: string;
    masterKey: string;
    /** A served model group the keys are granted. */
    model: string;
    /** Prefix of every alias, unique per run. */
    prefix: string;
    teams: number;
    keysPerTeam: number;
}

/** Resource operations the engine runs at once (the CLI's `--parallel`; 16 is a common setting). */
export const PULUMI_PARALLEL = 16;

export interface ScaleStep {
    step: string;
    seconds: number;
    /** Admin calls by `METHOD path`. */
    calls: Record<string, number>;
    /** Resources whose refreshed state differs from the declaration (refresh steps). */
    diffs?: number;
}

export interface ScaleFigures {
    steps: ScaleStep[];
    /** Serialized provider per resource (bytes), stored in its inputs and again in its outputs. */
    providerBytes: { team: number; key: number };
}

/** A pass-through to the gateway that counts requests by method and path (query left out). */
async function countingProxy(target: string): Promise<{ url: string; take(): Record<string, number>; close(): Promise<void> }> {
    let counts: Record<string, number> = {};
    const upstream = new URL(target);
    const server: Server = createServer((req, res) => {
        const path = (req.url ?? "/").split("?")[0];
        counts[`${req.method} ${path}`] = (counts[`${req.method} ${path}`] ?? 0) + 1;
        const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
        });
        forward.on("error", () => res.destroy());
        req.pipe(forward);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        take: () => {
            const taken = counts;
            counts = {};
            return taken;
        },
        close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
    };
}

type Props = Record<string, unknown>;
interface Managed {
    host: ProviderHost;
    id: string;
    inputs: Props;
    outs: Props;
}

export async function runAccessScale(target: ScaleTarget, log: (line: string) => void): Promise<ScaleFigures> {
    const proxy = await countingProxy(target.url);
    const code = accessRuntimeBundle().packed;
    const texts = await Promise.all((["team", "key"] as const).map(async (kind) => (await pulumi.runtime.serializeFunction(() => createAccessProvider(kind, code), { allowSecrets: true })).text));
    const [teams, keys] = await Promise.all(texts.map((t) => startProviderHost(t)));
    const steps: ScaleStep[] = [];
    const conn = { adminUrl: proxy.url, masterKey: target.masterKey };
    const step = async <T>(name: string, work: () => Promise<T>, diffs?: (result: T) => number): Promise<T> => {
        proxy.take();
        const started = Date.now();
        const result = await work();
        const s: ScaleStep = { step: name, seconds: (Date.now() - started) / 1000, calls: proxy.take(), ...(diffs ? { diffs: diffs(result) } : {}) };
        steps.push(s);
        log(`${s.step}: ${s.seconds.toFixed(1)} s, ${Object.values(s.calls).reduce((a, b) => a + b, 0)} admin calls (${Object.entries(s.calls).map(([k, v]) => `${k} ×${v}`).join(", ")})${s.diffs === undefined ? "" : `, ${s.diffs} diff(s)`}`);
        return result;
    };
    const parallel = <T, R>(items: T[], work: (item: T) => Promise<R>) => mapBounded(items, PULUMI_PARALLEL, work).then((rs) => rs.map((r) => (r.started ? r.value : assert.fail("not started"))));
    const create = async (host: ProviderHost, declared: Props): Promise<Managed> => {
        const checked = await host.check({}, declared);
        assert.deepEqual(checked.failures, []);
        const { id, outs } = await host.create(checked.inputs);
        return { host, id, inputs: checked.inputs, outs };
    };
    /** A refresh (read every resource), then the diff of each against its declaration, as `preview --refresh` shows. */
    const refresh = (all: Managed[]) =>
        parallel(all, async (m) => {
            const read = await m.host.read(m.id, m.outs);
            assert.equal(read.id, m.id, `${String(m.inputs.alias)} is still there`);
            return (await m.host.diff(m.id, read.props, m.inputs)).changes === "some";
        });
    const changed = (flags: boolean[]) => flags.filter((f) => f).length;
    try {
        const teamList = Array.from({ length: target.teams }, (_, t) => `${target.prefix}-team-${t}`);
        const made = await step(`create ${target.teams} teams and ${target.teams * target.keysPerTeam} keys`, async () => {
            const ts = await parallel(teamList, (alias) => create(teams, { ...conn, alias, models: [target.model], maxBudgetUsd: 100, budgetDuration: "30d" }));
            const ks = await parallel(
                ts.flatMap((t) => Array.from({ length: target.keysPerTeam }, (_, k) => ({ team: t, alias: `${String(t.inputs.alias)}-key-${k}` }))),
                ({ team, alias }) => create(keys, { ...conn, alias, teamId: team.id, models: [target.model], maxBudgetUsd: 10, metadata: { owner: String(team.inputs.alias) } }),
            );
            return [...ts, ...ks];
        });
        await step("refresh, nothing changed", () => refresh(made), changed);
        const declared: AccessExpectation = {
            teams: made.filter((m) => m.host === teams).map((m) => ({ alias: String(m.inputs.alias), models: [target.model], maxBudgetUsd: 100, budgetDuration: "30d" })),
            keys: made.filter((m) => m.host === keys).map((m) => ({ alias: String(m.inputs.alias), team: String(made.find((t) => t.id === m.inputs.teamId)?.inputs.alias), models: [target.model], maxBudgetUsd: 10, metadata: m.inputs.metadata as Record<string, string> })),
        };
        const report = await step("`access` check over every declaration", () => runVerification({ gatewayUrl: proxy.url, masterKey: target.masterKey, only: ["access"], access: declared }));
        assert.equal(report.checks[0]?.status, "pass", report.checks[0]?.message);
        const victim = made[made.length - 1];
        const edit = await fetch(`${target.url}/key/update`, { method: "POST", headers: { Authorization: `Bearer ${target.masterKey}`, "Content-Type": "application/json" }, body: JSON.stringify({ key: victim.id, max_budget: 999 }) });
        assert.equal(edit.status, 200, "the budget changed by hand");
        await step("refresh, one key's budget changed by hand", () => refresh(made), changed);
        await step(`delete ${made.length} resources`, async () => {
            const ks = made.filter((m) => m.host === keys);
            await parallel(ks, (m) => m.host.delete(m.id, m.outs));
            await parallel(made.filter((m) => m.host === teams), (m) => m.host.delete(m.id, m.outs));
        });
        return { steps, providerBytes: { team: Buffer.byteLength(texts[0]), key: Buffer.byteLength(texts[1]) } };
    } finally {
        await Promise.all([teams.close(), keys.close()]);
        await proxy.close();
    }
}

/** The assertions every target shares: 0 diffs, then exactly 1, and nothing left with the run's prefix. */
export async function assertScaleOutcome(target: ScaleTarget, figures: ScaleFigures): Promise<void> {
    assert.deepEqual(figures.steps.filter((s) => s.diffs !== undefined).map((s) => s.diffs), [0, 1]);
    const left: string[] = [];
    for (let page = 1; ; page++) {
        const res = await fetch(`${target.url}/key/list?return_full_object=true&size=100&page=${page}`, { headers: { Authorization: `Bearer ${target.masterKey}` } });
        const body = (await res.json()) as { keys: { key_alias?: string }[]; total_pages: number };
        left.push(...body.keys.map((k) => k.key_alias ?? "").filter((a) => a.startsWith(`${target.prefix}-`)));
        if (page >= body.total_pages) break;
    }
    assert.deepEqual(left, [], "every key is revoked");
}
