/**
 * The report's cost is what the gateway really charged. Real LiteLLM (1.83.10, measured) sends a cache hit
 * with the same `x-litellm-response-cost` as the miss it replays, while the hit's spend row says $0: the
 * engine must book a hit (recognised by `x-litellm-cache-key`, present on hits only) at $0 and 0 tokens.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { AxiosResponse } from "axios";
import { runVerification } from "../../verify/engine";
import { billedUsage, readChatUsage } from "../../verify/gateway-calls";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { fastOptions, startSim } from "./fixtures";

const sims: LiteLLMSim[] = [];
after(async () => {
    await Promise.all(sims.map((s) => s.close()));
});

function response(headers: Record<string, string>): AxiosResponse {
    return { status: 200, data: { usage: { prompt_tokens: 9, completion_tokens: 5 } }, headers } as unknown as AxiosResponse;
}

describe("billed usage", () => {
    it("a miss is billed what x-litellm-response-cost says", () => {
        assert.deepEqual(billedUsage(response({ "x-litellm-response-cost": "0.00019" })), { promptTokens: 9, completionTokens: 5, costUsd: 0.00019 });
    });

    it("a hit carrying the miss's cost header is billed nothing", () => {
        const hit = response({ "x-litellm-cache-key": "litellm.caching:abc", "x-litellm-response-cost": "0.00019" });
        assert.equal(readChatUsage(hit).costUsd, 0.00019, "the header itself is read as sent");
        assert.deepEqual(billedUsage(hit), { promptTokens: 0, completionTokens: 0, costUsd: 0 });
    });

    it("the report's cost equals the spend the gateway recorded for a run with a cache hit", async () => {
        const sim = await startSim({ cache: true });
        sims.push(sim);
        const report = await runVerification(fastOptions(sim, { only: ["cache"], expectCache: true, spendLogTimeoutMs: 2000 }));
        assert.equal(report.checks[0].status, "pass", report.checks[0].message);
        sim.flushSpend();
        const recorded = sim.spendLogs().reduce((sum, r) => sum + r.spend, 0);
        assert.ok(recorded > 0);
        assert.equal(report.usage.costUsd, Number(recorded.toFixed(12)));
    });
});
