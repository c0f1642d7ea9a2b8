/**
 * `budget`: a key with a tiny `max_budget` is refused within a bounded number of calls. LiteLLM v1.82
 * lets the crossing call through and refuses the next (read-time check, 400); v1.84+ reserves the
 * estimated cost before dispatch (429), which can refuse even the first call. Both are accepted.
 */
import { billedUsage, chatCompletion } from "../gateway-calls";
import { describeResponse, matchesProxyError } from "../gateway-response";
import { fail, pass } from "../outcome";
import { backoffDelays, sleep } from "../poll";
import type { CheckDefinition } from "../types";
import { needsModel } from "./requirements";

export const BUDGET_EXCEEDED = { statuses: [400, 429], type: "budget_exceeded" } as const;

/** Calls allowed before the budget must bite: the spend callback runs just after a response, so allow a few. */
export const MAX_BUDGET_CALLS = 6;

export const budgetCheck: CheckDefinition = {
    id: "budget",
    title: "a key over its max_budget is refused",
    skipReason: needsModel,
    async run(ctx) {
        const model = ctx.options.model as string;
        const budget = ctx.options.budgetUsd;
        const key = await ctx.keys.create({ models: [model], maxBudget: budget });
        const pauses = backoffDelays(100, 2, 1000, MAX_BUDGET_CALLS);
        let successes = 0;
        let spent = 0;
        for (let call = 0; call < MAX_BUDGET_CALLS; call++) {
            const res = await chatCompletion(ctx, { apiKey: key.key, model });
            if (matchesProxyError(res, BUDGET_EXCEEDED)) {
                const how = successes === 0 ? "refused before dispatch on the first call" : `crossing call(s) succeeded (${successes}), then refused`;
                return pass(`max_budget $${budget}: ${how} with ${res.status} budget_exceeded after $${spent.toPrecision(3)}`);
            }
            if (res.status !== 200) {
                return fail({
                    expected: `200 until the budget is used, then 400 or 429 error.type "budget_exceeded"`,
                    got: `call ${call + 1}: ${describeResponse(res)}`,
                    cause: "the budget refusal has the wrong shape, or the model is failing",
                });
            }
            successes++;
            spent += billedUsage(res).costUsd;
            ctx.log(`call ${call + 1} succeeded ($${spent.toPrecision(3)} of $${budget}); calling again`);
            await sleep(pauses[call], ctx.signal);
        }
        return fail({
            expected: `a 400 or 429 budget_exceeded within ${MAX_BUDGET_CALLS} calls on a key with max_budget $${budget}`,
            got: `${successes} successful calls costing $${spent} in total (x-litellm-response-cost)`,
            cause:
                spent === 0
                    ? `"${model}" is unpriced, so spend stays $0: give it input_cost_per_token/output_cost_per_token in model_info`
                    : "budgets are not enforced (or, with several replicas, spend is not shared: enable Redis)",
        });
    },
};
