/**
 * The `models` and `latency` checks against the LiteLLM simulator, on the old ("1.82") and the new ("1.104")
 * contracts: both pass on a faithful gateway, and each fails on the misbehaviour it exists to catch (a broken
 * alias, a dead endpoint, an unpriced alias, a price not applied, a fallback hiding a break, slow overhead),
 * naming the alias or the figures and the likely cause; a gateway without the overhead header skips
 * `latency` with the reason. Keys are always deleted, no raw key is ever printed.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import { runVerification } from "../../verify/engine";
import type { CheckResult, VerifyOptions } from "../../verify/types";
import { DEFAULT_SIM_MODELS, LiteLLMSim, LiteLLMSimOptions, SIM_BROKEN, SimExtension, SimModel, SimVersion } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, SIM_FALLBACK, SIM_PRIMARY, startSim } from "./fixtures";

const sims: LiteLLMSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

async function sim(options: LiteLLMSimOptions = {}): Promise<LiteLLMSim> {
    const s = await startSim(options);
    sims.push(s);
    return s;
}

/** Runs the given checks; asserts the run's hygiene (keys deleted, nothing secret printed) and returns the results by id. */
async function run(s: LiteLLMSim, extra: Partial<VerifyOptions>): Promise<Record<string, CheckResult>> {
    const logs: string[] = [];
    const report = await runVerification(fastOptions(s, extra), { log: (l) => logs.push(l) });
    assert.deepEqual(s.keys(), [], "every key of the run is deleted");
    assertNoRawKeys(JSON.stringify(report) + logs.join("\n"), [s.options.masterKey]);
    return Object.fromEntries(report.checks.map((c) => [c.id, c]));
}

const priced = (modelName: string, extra: Partial<SimModel> = {}): SimModel => ({ modelName, upstreamModel: "stub-model", inputCostPerToken: 0.000001, outputCostPerToken: 0.000002, ...extra });
const withModels = (...extra: SimModel[]) => ({ models: [...DEFAULT_SIM_MODELS, ...extra] });
const FAILURE_FORM = /^expected .+; got .+; likely cause: .+/s;

const VERSIONS: SimVersion[] = ["1.82", "1.104"];

describe("models and latency on the simulator", { concurrency: true }, () => {
    for (const version of VERSIONS) {
        it(`v${version}: both pass on a faithful gateway; each alias is reported with its latency and cost`, async () => {
            const s = await sim({ version });
            // A long spend-log timeout: all 20 requests start even on a loaded machine.
            const r = await run(s, { only: ["models", "latency"], spendLogTimeoutMs: 20_000 });
            assert.equal(r.models.status, "pass", r.models.message);
            assert.match(r.models.message, /^2 group\(s\) answered \(the given list\): "sim-primary" \d+ ms, \$[\d.e-]+ \(\d+\+\d+ tokens\); "sim-fallback" \d+ ms, \$/);
            assert.equal(r.latency.status, "pass", r.latency.message);
            // The figures only: whether a busy machine made this sample miss 500 ms is not the simulator's to say.
            assert.match(r.latency.message, /^(sample 1: )?\d+ of 20 request\(s\) to "sim-primary", 2 at a time: overhead p50 [\d.]+ ms, p95 [\d.]+ ms \(max [\d.]+ ms\); total p50 [\d.]+ ms, p95 [\d.]+ ms; liveliness p50 [\d.]+ ms; /);
            assert.match(r.latency.message, /; checker event-loop lag p99 [\d.]+ ms \(max [\d.]+ ms\)$/);
        });

        it(`v${version}: a broken alias fails models, named with its upstream error and cause; the others are still reported`, async () => {
            const s = await sim({ version, ...withModels(priced("sim-typo", { upstreamModel: "stub-fail" })) });
            const r = await run(s, { only: ["models"], models: [SIM_PRIMARY, "sim-typo", SIM_FALLBACK] });
            assert.equal(r.models.status, "fail");
            assert.match(r.models.message, FAILURE_FORM);
            assert.match(r.models.message, /got "sim-typo": HTTP 500.*stub-fail always fails.* \| answered: "sim-primary" \d+ ms.*"sim-fallback" \d+ ms/s);
            assert.match(r.models.message, /likely cause: "sim-typo": the upstream of "sim-typo" fails \(litellm_params.model "openai\/stub-fail"\)/);
            assert.doesNotMatch(r.models.message, /"sim-primary": /, "only the broken alias is blamed");
        });

        it(`v${version}: an alias pointed at a dead endpoint fails models as unreachable`, async () => {
            const s = await sim({ version, ...withModels(priced("sim-dead", { apiBase: "http://127.0.0.1:9/v1" })) });
            const r = await run(s, { only: ["models"], models: [SIM_PRIMARY, "sim-dead"] });
            assert.equal(r.models.status, "fail");
            assert.match(r.models.message, /got "sim-dead": HTTP 500.*Connection error/s);
            assert.match(r.models.message, /likely cause: "sim-dead": the upstream of "sim-dead" is unreachable \(litellm_params.model "openai\/stub-model"\): a wrong api_base, a closed port/);
        });

        it(`v${version}: a sustained slowdown fails a user-set SLO once a second sample confirms it; the report gives both samples`, async () => {
            const s = await sim({ version, faults: { gatewayOverheadMs: 600 } });
            const r = await run(s, { only: ["latency"], overheadP95Ms: 200, latencyRequests: 4, spendLogTimeoutMs: 20_000 });
            assert.equal(r.latency.status, "fail", r.latency.message);
            assert.match(r.latency.message, FAILURE_FORM);
            assert.match(r.latency.message, /^expected an overhead p95 ≤ 200 ms \(your SLO\), or a miss a second sample does not confirm; got sample 1: 4 of 4 request\(s\) to "sim-primary", 2 at a time: overhead p50 [\d.]+ ms, p95 [\d.]+ ms .* \| sample 2, after a 2 s pause: 4 of 4 request\(s\) .*; both samples over your SLO \(p95 ≤ 200 ms\); checker event-loop lag p99/);
            const p50s = [...r.latency.message.matchAll(/overhead p50 ([\d.]+) ms/g)].map((m) => Number(m[1]));
            assert.equal(p50s.length, 2, r.latency.message);
            assert.ok(p50s.every((p) => p >= 600), r.latency.message);
            assert.match(r.latency.message, /likely cause: the gateway itself is slow \(every request pays it: a pre-call guardrail.*raise the SLO with --overhead-p95-ms \/ verification\.latency\.overheadP95Ms/);
        });

        it(`v${version}: a transient spike (slow for a few requests, then normal) passes after the confirming sample; the report gives both`, async () => {
            // The 2 warm-up requests and all 4 of sample 1 are held 2.5 s; sample 2 is not. An SLO of 1 s leaves a
            // busy test machine plenty of room in sample 2.
            const s = await sim({ version, faults: { overheadSpike: { requests: 6, ms: 2500 } } });
            const r = await run(s, { only: ["latency"], overheadP95Ms: 1000, latencyRequests: 4, spendLogTimeoutMs: 40_000, requestTimeoutMs: 15_000, checkTimeoutMs: 30_000 });
            assert.equal(r.latency.status, "pass", r.latency.message);
            assert.match(r.latency.message, /^sample 1: 4 of 4 request\(s\) to "sim-primary", 2 at a time: overhead p50 ([\d.]+) ms.* \| sample 2, after a 2 s pause: 4 of 4 request\(s\) .*; a transient spike: sample 1 missed the SLO \(p95 ≤ 1000 ms\), sample 2 met it; checker event-loop lag/);
            const p50s = [...r.latency.message.matchAll(/overhead p50 ([\d.]+) ms/g)].map((m) => Number(m[1]));
            assert.ok(p50s[0] >= 2500 && p50s[1] < 2500, r.latency.message);
        });

        it(`v${version}: a slow pre-call step LiteLLM's timing headers leave out (1.108.7 with a guardrail on) still fails latency`, async () => {
            const s = await sim({ version, faults: { untimedPreCallMs: 600 } });
            const r = await run(s, { only: ["latency"], overheadP95Ms: 200, latencyRequests: 4, spendLogTimeoutMs: 20_000 });
            assert.equal(r.latency.status, "fail", r.latency.message);
            const p50s = [...r.latency.message.matchAll(/overhead p50 ([\d.]+) ms/g)].map((m) => Number(m[1]));
            assert.ok(p50s.length === 2 && p50s.every((p) => p >= 400), r.latency.message);
            assert.match(r.latency.message, /likely cause: the gateway itself is slow \(every request pays it: a pre-call guardrail/);
        });

        it(`v${version}: without x-litellm-overhead-duration-ms, latency is skipped with the reason and the totals`, async () => {
            const s = await sim({ version, faults: { overheadHeaderMissing: true } });
            const r = await run(s, { only: ["latency"], latencyRequests: 4, spendLogTimeoutMs: 20_000 });
            assert.equal(r.latency.status, "skip");
            assert.match(r.latency.message, /^the gateway sends no x-litellm-overhead-duration-ms .*; total p50 [\d.]+ ms, p95 [\d.]+ ms over 4 of 4 request\(s\)/);
        });
    }

    it("an unpriced alias fails models as unpriced, naming what to set", async () => {
        const s = await sim(withModels(priced("sim-free", { inputCostPerToken: 0, outputCostPerToken: 0 })));
        const r = await run(s, { only: ["models"], models: [SIM_PRIMARY, "sim-free"] });
        assert.equal(r.models.status, "fail");
        assert.match(r.models.message, /got "sim-free": x-litellm-response-cost 0 for \d+\+\d+ tokens/);
        assert.match(r.models.message, /likely cause: "sim-free": unpriced model: \/model\/info shows no input_cost_per_token\/output_cost_per_token for "sim-free".*budgets never trip/);
    });

    it("a priced alias answering at $0 fails models as a price LiteLLM did not apply", async () => {
        const zeroCost: SimExtension = { name: "price-not-applied", afterSuccess: (_call, answer) => void (answer.servedBy.modelName === SIM_FALLBACK && (answer.headers["x-litellm-response-cost"] = "0.0")) };
        const s = await sim({ extensions: [zeroCost] });
        const r = await run(s, { only: ["models"] });
        assert.equal(r.models.status, "fail");
        assert.match(r.models.message, /"sim-fallback" is priced in \/model\/info \(input 5e-7, output 0.000001 USD per token\) yet the answer cost \$0/);
    });

    it("a broken alias is caught even when the gateway falls back despite disable_fallbacks", async () => {
        const s = await sim({ faults: { disableFallbacksIgnored: true } });
        // The key may call the fallback group: the router only falls back to groups the key may call.
        const r = await run(s, { only: ["models"], models: [SIM_BROKEN, SIM_FALLBACK] });
        assert.equal(r.models.status, "fail");
        assert.match(r.models.message, /got "sim-broken": answered by its fallback "sim-fallback" \(x-litellm-attempted-fallbacks 1\).*likely cause: "sim-broken": the deployment of "sim-broken" failed/s);
    });

    it("disable_fallbacks keeps a broken alias with a fallback chain on its own error", async () => {
        const s = await sim();
        const r = await run(s, { only: ["models"], models: [SIM_BROKEN, SIM_FALLBACK] });
        assert.match(r.models.message, /got "sim-broken": HTTP 500.* \| answered: "sim-fallback"/s);
    });

    it("without --models, calls every group /model/info lists, never the fallback probe (by name or by option)", async () => {
        const probe = priced(FALLBACK_PROBE_MODEL, { apiBase: "http://127.0.0.1:9/v1", inputCostPerToken: 0, outputCostPerToken: 0 });
        const s = await sim({ version: "1.104", ...withModels(probe) });
        const r = await run(s, { only: ["models"], models: undefined, fallbackProbeModel: SIM_BROKEN });
        assert.equal(r.models.status, "pass", r.models.message);
        assert.match(r.models.message, /^2 group\(s\) answered \(listed by \/model\/info\): "sim-fallback".*"sim-primary".*; not called: "litellm-gateway-fallback-probe" \(the fallback probe.*"sim-broken" \(the fallback probe/);
    });

    it("a group in cooldown is called again once the router allows it, and then judged on its own answer", async () => {
        const s = await sim({ faults: { coolingDown: [SIM_FALLBACK] } });
        const r = await run(s, { only: ["models"] });
        assert.equal(r.models.status, "pass", r.models.message);
    });

    it("the default SLO: a confirmed miss of seconds on every request fails; a moderate one is reported, not gated", async () => {
        const slow = await sim({ faults: { gatewayOverheadMs: 3200 } });
        const big = await run(slow, { only: ["latency"], latencyRequests: 2, spendLogTimeoutMs: 20_000, requestTimeoutMs: 15_000, checkTimeoutMs: 30_000 });
        assert.equal(big.latency.status, "fail", big.latency.message);
        assert.match(big.latency.message, /^expected no confirmed large miss \(the default SLO, p95 ≤ 500 ms, gates only when both samples miss it with a median overhead beyond the liveliness round trip > 3000 ms\); got sample 1: .* \| sample 2, after a 2 s pause: .*; both samples over the default SLO \(p95 ≤ 500 ms\) with a median overhead beyond the liveliness round trip > 3000 ms \(\d+(\.\d)? ms, \d+(\.\d)? ms\); checker event-loop lag .*likely cause: the gateway itself is slow \(every request pays it.*set an SLO with --overhead-p95-ms/);
        const moderate = await sim({ faults: { gatewayOverheadMs: 700 } });
        const reported = await run(moderate, { only: ["latency"], latencyRequests: 2, spendLogTimeoutMs: 20_000, requestTimeoutMs: 15_000, checkTimeoutMs: 30_000 });
        assert.equal(reported.latency.status, "pass", reported.latency.message);
        assert.match(reported.latency.message, /^sample 1: .* \| sample 2, after a 2 s pause: .*; over the default SLO \(p95 ≤ 500 ms\) in both samples, not gated: .*set verification\.latency\.overheadP95Ms \/ --overhead-p95-ms to make the SLO strict/);
    });

    it("with the response cache on, every call is a fresh prompt: no hit, every call billed", async () => {
        const s = await sim({ cache: true });
        const r = await run(s, { only: ["models", "latency"], latencyRequests: 8, spendLogTimeoutMs: 20_000 });
        assert.equal(r.models.status, "pass", r.models.message);
        assert.equal(r.latency.status, "pass", r.latency.message);
        s.flushSpend();
        await new Promise((done) => setTimeout(done, 100));
        s.flushSpend();
        const rows = s.spendLogs();
        // A busy machine can make the first sample miss the SLO: then a second sample of 8 confirms or clears it.
        const samples = /\| sample 2, /.test(r.latency.message) ? 2 : 1;
        assert.equal(rows.length, 2 + 2 + 8 * samples, "2 models + 2 warm-up + 8 latency calls per sample, each its own row");
        assert.ok(rows.every((row) => row.cache_hit === "False" && row.spend > 0));
    });

    it("concurrency is bounded as configured, for each check", async () => {
        let inFlight = 0;
        let peak = 0;
        // From arrival (before the 30 ms the gateway holds each request) to the answer.
        const counter: SimExtension = {
            name: "in-flight",
            handleRoute: (req, _res, path) => {
                if (req.method === "POST" && path === "/chat/completions") peak = Math.max(peak, ++inFlight);
                return false;
            },
            afterSuccess: () => void inFlight--,
        };
        const many = ["a", "b", "c", "d", "e"].map((n) => priced(`sim-${n}`));
        const s = await sim({ ...withModels(...many), extensions: [counter], faults: { gatewayOverheadMs: 30 } });
        // A long spend-log timeout: every call starts within the window even on a loaded machine.
        const models = await run(s, { only: ["models"], models: many.map((m) => m.modelName), modelsConcurrency: 2, spendLogTimeoutMs: 20_000 });
        assert.equal(models.models.status, "pass", models.models.message);
        assert.equal(peak, 2, "models: 2 at a time");
        peak = 0;
        const latency = await run(s, { only: ["latency"], latencyRequests: 9, latencyConcurrency: 3, overheadP95Ms: 5000, spendLogTimeoutMs: 20_000 });
        assert.equal(latency.latency.status, "pass", latency.latency.message);
        assert.equal(peak, 3, "latency: 3 at a time");
    });

    it("under a short deadline, latency sends what fits and judges those, within the check's deadline", async () => {
        // 40 requests of ≥ 250 ms one at a time need 10 s; the deadline is 2 × 4 s, and none may start with < 2 s left.
        const s = await sim({ faults: { gatewayOverheadMs: 250 } });
        const started = Date.now();
        const r = await run(s, { only: ["latency"], checkTimeoutMs: 4000, requestTimeoutMs: 2000, spendLogTimeoutMs: 60_000, latencyRequests: 40, latencyConcurrency: 1, overheadP95Ms: 5000 });
        assert.ok(Date.now() - started < 8500, `${Date.now() - started} ms`);
        assert.equal(r.latency.status, "pass", r.latency.message);
        assert.match(r.latency.message, /^\d+ of 40 request\(s\) to "sim-primary", 1 at a time \(\d+ not sent: requests start within \d{3,4} ms\)/);
    });

    it("a sample's requests start only within a quarter of the spend-log timeout, so sampling never outlasts the spend-log wait", async () => {
        const s = await sim({ faults: { gatewayOverheadMs: 200 } });
        const r = await run(s, { only: ["latency"], spendLogTimeoutMs: 1000, latencyRequests: 20, latencyConcurrency: 2, overheadP95Ms: 5000 });
        // Two waves at most start within 250 ms of 200 ms requests, two at a time.
        assert.match(r.latency.message, /^[1-4] of 20 request\(s\) to "sim-primary", 2 at a time \(\d+ not sent: requests start within 250 ms\)/);
    });
});
