/** Totals the tokens and cost the run spends, so the report can say what proving the gateway cost. */
import type { UsageAccumulator, UsageTotals } from "./types";

export class RunUsage implements UsageAccumulator {
    private prompt = 0;
    private completion = 0;
    private cost = 0;

    add(promptTokens: number, completionTokens: number, costUsd: number): void {
        if (Number.isFinite(promptTokens)) this.prompt += promptTokens;
        if (Number.isFinite(completionTokens)) this.completion += completionTokens;
        if (Number.isFinite(costUsd)) this.cost += costUsd;
    }

    totals(): UsageTotals {
        // Float sums of tiny per-call costs pick up noise digits; 12 decimals is far below a token's price.
        return { promptTokens: this.prompt, completionTokens: this.completion, costUsd: Number(this.cost.toFixed(12)) };
    }
}
