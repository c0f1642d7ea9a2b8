/**
 * The fault matrix: each check fails on the simulator fault it exists to catch, under both LiteLLM
 * contracts, and its message names the cause. Keys are deleted even when checks fail. Plus the failure
 * paths that are not simulator faults: unpriced models, timeouts, cleanup failures, redaction.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { runVerification } from "../../verify/engine";
import { BASE_CHECKS } from "../../verify/checks";
import type { CheckDefinition } from "../../verify/types";
import { DEFAULT_SIM_MODELS, LiteLLMSim, SIM_BROKEN, SimFault, SimVersion } from "../standins/litellm-sim";
import { assertNoRawKeys, fastOptions, startSim } from "./fixtures";

const sims: LiteLLMSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

async function sim(options: Parameters<typeof startSim>[0] = {}): Promise<LiteLLMSim> {
    const s = await startSim(options);
    sims.push(s);
    return s;
}

/** check × the fault it exists to catch × what its message must blame. */
const MATRIX: { check: string; fault: SimFault; cause: RegExp; got: RegExp }[] = [
    // ≤1.84 answer 200 with db "Not connected"; 1.104+ answer 503 with db "disconnected".
    { check: "health", fault: "dbDisconnected", cause: /DATABASE_URL is unset or the database is unreachable|reports its database "disconnected": Postgres is unreachable/, got: /db: "(Not connected|disconnected)"/ },
    { check: "auth-required", fault: "noAuth", cause: /without a master key/, got: /HTTP 200/ },
    { check: "completion", fault: "upstreamFailing", cause: /upstream model is failing/, got: /HTTP 500/ },
    { check: "key-allowlist", fault: "allowlistNotEnforced", cause: /allowlist is not enforced/, got: /HTTP 200/ },
    { check: "key-expiry", fault: "expiredKeysAccepted", cause: /expiry is not enforced/, got: /HTTP 200/ },
    { check: "budget", fault: "budgetNeverEnforced", cause: /budgets are not enforced/, got: /6 successful calls/ },
    { check: "spend-logs", fault: "spendRowsNeverWritten", cause: /spend rows are not being written/, got: /no row with request_id/ },
    { check: "fallback", fault: "fallbackNotConfigured", cause: /no router fallback from "sim-primary" to "sim-fallback" is configured/, got: /no fallback chain/ },
];

const VERSIONS: SimVersion[] = ["1.82", "1.84", "1.104"];

describe("fault matrix (check × fault)", { concurrency: true }, () => {
    it("covers every base check", () => {
        assert.deepEqual(MATRIX.map((r) => r.check).sort(), BASE_CHECKS.map((c) => c.id).sort());
    });

    for (const version of VERSIONS) {
        for (const row of MATRIX) {
            it(`v${version}: ${row.check} fails when ${row.fault}`, async () => {
                const s = await sim({ version, faults: { [row.fault]: true } });
                const logs: string[] = [];
                // 1.104+ refuse mock testing params: the fallback check calls the probe group, as the stacks render it.
                const probe = version === "1.104" ? { fallbackProbeModel: SIM_BROKEN } : {};
                const report = await runVerification(fastOptions(s, { only: [row.check], spendLogTimeoutMs: 1500, ...probe }), { log: (l) => logs.push(l) });
                const result = report.checks[0];
                assert.equal(result.id, row.check);
                assert.equal(result.status, "fail", result.message);
                assert.equal(report.ok, false);
                assert.match(result.message, /^expected .+; got .+; likely cause: .+/s);
                assert.match(result.message, row.cause);
                assert.match(result.message, row.got);
                assert.deepEqual(s.keys(), [], "keys are deleted after a failing run");
                assertNoRawKeys(JSON.stringify(report) + logs.join("\n"), [s.options.masterKey]);
            });
        }
    }
});

describe("failure paths beyond the simulator faults", { concurrency: true }, () => {
    it("1.104+ without a probe: fallback fails naming the setting that refuses mock params, not the chain", async () => {
        const s = await sim({ version: "1.104" });
        const report = await runVerification(fastOptions(s, { only: ["fallback"] }));
        assert.equal(report.checks[0].status, "fail");
        assert.match(report.checks[0].message, /HTTP 400.*likely cause: the proxy refuses mock testing params \(LiteLLM 1\.104\+ unless general_settings\.dangerously_allow_mock_testing_request_params: true\); give the check a verification-only failing group/s);
        assert.doesNotMatch(report.checks[0].message, /no router fallback|fallback chain of/);
    });

    it("a probe that answers without failing is named as such", async () => {
        const s = await sim({ version: "1.104" });
        const report = await runVerification(fastOptions(s, { only: ["fallback"], fallbackProbeModel: "sim-fallback" }));
        assert.equal(report.checks[0].status, "fail");
        assert.match(report.checks[0].message, /the probe "sim-fallback" answered without failing/);
    });

    it("an unpriced model fails budget and spend-logs, blaming the missing pricing", async () => {
        const s = await sim({ models: DEFAULT_SIM_MODELS.map((m) => ({ ...m, inputCostPerToken: 0, outputCostPerToken: 0 })) });
        const report = await runVerification(fastOptions(s, { only: ["budget", "spend-logs"] }));
        for (const c of report.checks) {
            assert.equal(c.status, "fail", c.id);
            assert.match(c.message, /unpriced.*input_cost_per_token/, c.id);
        }
    });

    it("a completion without usage fails the completion check", async () => {
        const s = await sim({ faults: { usageNotReported: true } });
        const report = await runVerification(fastOptions(s, { only: ["completion"] }));
        assert.equal(report.checks[0].status, "fail");
        assert.match(report.checks[0].message, /usage.prompt_tokens > 0.*prompt_tokens 0.*token counting/);
    });

    it("a wrong master key fails key-creating checks with the cause", async () => {
        const s = await sim();
        const report = await runVerification({ ...fastOptions(s, { only: ["completion"] }), masterKey: "sk-wrong-master-key" });
        assert.equal(report.checks[0].status, "fail");
        assert.match(report.checks[0].message, /master key was refused/);
        assert.ok(!report.checks[0].message.includes("sk-wrong-master-key"));
    });

    it("an unreachable gateway fails every check with the URL, not a stack trace", async () => {
        const s = await sim();
        const url = s.url;
        await s.close();
        sims.splice(sims.indexOf(s), 1);
        const report = await runVerification({ gatewayUrl: url, masterKey: "sk-anything-1234", model: "m", only: ["health", "completion"], requestTimeoutMs: 2000 });
        for (const c of report.checks) {
            assert.equal(c.status, "fail");
            assert.match(c.message, /ECONNREFUSED|unreachable/);
        }
    });

    it("a check past its deadline fails with its last progress, and its keys are still deleted", async () => {
        const s = await sim();
        const stuck: CheckDefinition = {
            id: "stuck",
            title: "never finishes",
            skipReason: () => undefined,
            timeoutMs: () => 300,
            async run(ctx) {
                await ctx.keys.create({ models: ["sim-primary"] });
                ctx.log("waiting forever");
                await new Promise((resolve) => setTimeout(resolve, 5000).unref());
                return { status: "pass", message: "unreachable" };
            },
        };
        const report = await runVerification(fastOptions(s), { checks: [stuck] });
        assert.equal(report.checks[0].status, "fail");
        assert.match(report.checks[0].message, /finish within 300 ms.*last step: waiting forever/);
        assert.ok(report.durationMs < 3000, `${report.durationMs} ms`);
        assert.deepEqual(s.keys(), []);
    });

    it("a key that cannot be deleted fails its check and says so", async () => {
        const s = await sim({
            extensions: [
                {
                    name: "broken-delete",
                    handleRoute: (_req, res, path, api) => {
                        if (path !== "/key/delete") return false;
                        api.sendProxyError(res, 500, "delete exploded", "internal_server_error");
                        return true;
                    },
                },
            ],
        });
        const report = await runVerification(fastOptions(s, { only: ["completion"] }));
        assert.equal(report.checks[0].status, "fail");
        assert.match(report.checks[0].message, /cleanup: could not delete key ".*-completion-1" \(HTTP 500.*delete exploded/);
        assert.equal(s.keys().length, 1);
    });

    it("never prints a raw key, even when a check quotes one", async () => {
        const s = await sim();
        let rawKey = "";
        const leaky: CheckDefinition = {
            id: "leaky",
            title: "quotes its key",
            skipReason: () => undefined,
            async run(ctx) {
                const key = await ctx.keys.create({});
                rawKey = key.key;
                ctx.log(`made ${key.key} with master ${ctx.options.masterKey}`);
                return { status: "fail", message: `key ${key.key} / master ${ctx.options.masterKey} / Authorization: Bearer ${key.key}` };
            },
        };
        const logs: string[] = [];
        const report = await runVerification({ ...fastOptions(s), masterKey: s.options.masterKey }, { checks: [leaky], log: (l) => logs.push(l) });
        const out = JSON.stringify(report) + logs.join("\n");
        assert.ok(rawKey.startsWith("sk-"));
        assert.ok(!out.includes(rawKey));
        assertNoRawKeys(out, [s.options.masterKey]);
        assert.match(report.checks[0].message, /\[REDACTED\]/);
    });
});
