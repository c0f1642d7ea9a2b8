/**
 * The cache and guardrail inputs reach the checks through all doors: the CLI flags (`--expect-cache`,
 * `--guardrail`, `--upstream-report-url`), the GatewayVerification component's run inputs (under mocks),
 * and the dynamic provider running the bundled engine against a simulator with both capabilities.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { verificationEngineBundle } from "../../components/verification/engine-bundle";
import { createVerificationProvider, VERIFICATION_SUITE, VerificationInputs } from "../../components/verification/provider";
import { CHECK_IDS } from "../../verify/checks";
import { parseCliArgs, usageText } from "../../verify/cli-args";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { assertNoRawKeys, SIM_PRIMARY, startSim } from "./fixtures";

const registered: { type: string; inputs: Record<string, unknown> }[] = [];
pulumi.runtime.setMocks(
    {
        newResource(args) {
            registered.push({ type: args.type, inputs: args.inputs });
            const report = { ok: true, durationMs: 1, usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 }, checks: [] };
            return { id: `${args.name}-id`, state: args.type.startsWith("pulumi-nodejs:dynamic") ? { ...args.inputs, report } : args.inputs };
        },
        call: (args) => args.inputs,
    },
    "litellm-gateway",
    "dev",
);

let sim: LiteLLMSim;
before(async () => {
    sim = await startSim({ cache: true, guardrail: "presidio-pii" });
});
after(async () => {
    await sim.close();
});

describe("cache and guardrail inputs", () => {
    it("CLI: --expect-cache, --guardrail and --upstream-report-url fill the options; both checks are registered", () => {
        const s = parseCliArgs(["--expect-cache", "--guardrail", "presidio-pii", "--upstream-report-url", "http://127.0.0.1:4010"], {});
        assert.deepEqual([s.options.expectCache, s.options.guardrail, s.options.upstreamReportUrl], [true, "presidio-pii", "http://127.0.0.1:4010"]);
        assert.match(usageText(CHECK_IDS), /--upstream-report-url <url>/);
        assert.ok(CHECK_IDS.includes("cache") && CHECK_IDS.includes("guardrail-pii"));
    });

    it("component: the run resource carries expectCache, guardrail and upstreamReportUrl", async () => {
        const { GatewayVerification } = await import("../../components/verification");
        new GatewayVerification("v", { gatewayUrl: "http://g", masterKey: "sk-inputs-master-key", model: "m", expectCache: true, guardrail: "presidio-pii", upstreamReportUrl: "http://127.0.0.1:4010" });
        await new Promise((r) => setTimeout(r, 100));
        const run = registered.find((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
        assert.ok(run, "dynamic resource registered");
        assert.deepEqual([run.inputs.expectCache, run.inputs.guardrail, run.inputs.upstreamReportUrl], [true, "presidio-pii", "http://127.0.0.1:4010"]);
    });

    it("provider: the bundled engine runs both checks with the stub's report URL and passes", { timeout: 60_000 }, async () => {
        const provider = createVerificationProvider(verificationEngineBundle().packed);
        const inputs: VerificationInputs = {
            suite: VERIFICATION_SUITE,
            runId: "vrinputs1",
            gatewayUrl: sim.url,
            masterKey: sim.options.masterKey,
            model: SIM_PRIMARY,
            only: ["cache", "guardrail-pii"],
            mode: "enforce",
            spendLogTimeoutMs: 3000,
            expectCache: true,
            guardrail: "presidio-pii",
            upstreamReportUrl: (sim.upstream?.url ?? "").replace(/\/v1$/, ""),
        };
        const outs = (await provider.create(inputs)).outs;
        assert.ok(outs);
        assert.deepEqual(outs.report.checks.map((c) => [c.id, c.status]), [["cache", "pass"], ["guardrail-pii", "pass"]], JSON.stringify(outs.report.checks));
        assert.match(outs.report.checks[0].message, /the upstream received the prompt once/);
        assert.match(outs.report.checks[1].message, /stub report/);
        assert.equal(outs.upstreamReportUrl, inputs.upstreamReportUrl);
        assertNoRawKeys(JSON.stringify(outs), [sim.options.masterKey]);
        assert.deepEqual(sim.keys(), []);
    });
});
