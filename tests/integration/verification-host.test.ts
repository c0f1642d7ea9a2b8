/**
 * The dev stack's verification resource as `pulumi up` runs it, against a REAL LiteLLM proxy (issue #17):
 * the serialized provider inside Pulumi's real dynamic-provider host, driven over gRPC through check, create,
 * diff, read and delete (update runs the same code as create; the simulator suite covers it), with the inputs
 * the dev stack gives it. A real `up` once failed right here,
 * after every check had passed, because a result held `undefined`.
 *
 * Entry point for the integration harness (`npm run test:integration`): it sets
 *   LITELLM_IT_URL, LITELLM_IT_MASTER_KEY      the proxy and its master key
 *   LITELLM_IT_MODELS                          its declared model groups, comma-separated; the first is verified
 *   LITELLM_IT_FALLBACK_MODEL, LITELLM_IT_FALLBACK_PROBE_MODEL, LITELLM_IT_GUARDRAIL, LITELLM_IT_UPSTREAM_REPORT_URL
 *   LITELLM_IT_SPEND_BATCH_SECONDS             the proxy's spend batch interval
 * Without the first three the suite is skipped, so `npm test` stays offline.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verificationEngineBundle } from "../../components/verification/engine-bundle";
import { createVerificationProvider, VERIFICATION_SUITE } from "../../components/verification/provider";
import { ProviderHost, startProviderHostFor } from "../helpers/provider-host";
import { requiredSpendLogWaitSeconds } from "../../config/spend-wait";
import { readEntryTarget } from "./gateway/entry-suites";

const target = readEntryTarget(process.env);

if (target) {
    describe("the verification resource in Pulumi's real provider host, against a real proxy", () => {
        let host: ProviderHost;
        before(async () => {
            host = await startProviderHostFor(createVerificationProvider(verificationEngineBundle().packed));
        });
        after(() => host?.close());

        it("check, create, diff, read and delete: every check passes and the results convert", async () => {
            const batch = target.spendBatchSeconds ?? 10;
            // What the dev stack hands the resource; the engine drops absent inputs before the host sees them.
            const given: Record<string, unknown> = {
                suite: VERIFICATION_SUITE,
                runId: `ithost${Date.now().toString(36)}`,
                gatewayUrl: target.url,
                masterKey: target.masterKey,
                model: target.models[0],
                models: target.models,
                mode: "enforce",
                spendLogTimeoutMs: requiredSpendLogWaitSeconds(batch) * 1000,
                expectCache: true,
                ...(target.fallbackModel ? { fallbackModel: target.fallbackModel } : {}),
                ...(target.fallbackProbeModel ? { fallbackProbeModel: target.fallbackProbeModel } : {}),
                ...(target.guardrail ? { guardrail: target.guardrail } : {}),
                ...(target.upstreamReportUrl ? { upstreamReportUrl: target.upstreamReportUrl } : {}),
            };
            const checked = await host.check({}, given);
            assert.deepEqual(checked.failures, []);
            const created = await host.create(checked.inputs);
            const report = created.outs.report as { ok: boolean; checks: { id: string; status: string; message: string }[] };
            const failed = report.checks.filter((c) => c.status === "fail");
            assert.deepEqual(failed, [], "every check passes in enforce mode, or create would have failed");
            assert.ok(report.checks.filter((c) => c.status === "pass").length >= 10, JSON.stringify(report.checks.map((c) => [c.id, c.status])));
            assert.equal("masterKey" in created.outs, false, "the master key stays out of the outputs");
            assert.ok(!JSON.stringify(created.outs).includes(target.masterKey));

            assert.deepEqual(await host.diff(created.id, created.outs, checked.inputs), { changes: "some", replaces: [] }, "every up re-runs the checks");
            const read = await host.read(created.id, created.outs);
            assert.deepEqual(read.props, created.outs);
            await host.delete(created.id, created.outs);
            assert.doesNotMatch(host.stderr(), /Unexpected struct type/);
        });
    });
} else {
    describe("the verification resource in the real provider host against a real proxy", { skip: "set LITELLM_IT_URL, LITELLM_IT_MASTER_KEY and LITELLM_IT_MODELS (the integration harness does)" }, () => undefined);
}
