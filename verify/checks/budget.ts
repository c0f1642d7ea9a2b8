/**
 * `budget`: a key with a tiny `max_budget` is refused within a bounded number of calls, with error.type
 * `budget_exceeded`. The status is not stable across versions, so any of them is accepted: 400 up to
 * 1.83 (the crossing call goes through, the next is refused), 422 by default since 1.104, and 429 where
 * `litellm_settings.budget_exceeded_status_code: 429` is set. A refusal may come on the first call when
 * the proxy reserves the estimated cost before dispatch.
 */
import { billedUsage, chatCompletion } from "../gateway-calls";
import { describeResponse, matchesProxyError } from "../gateway-response";
import { fail, pass } from "../outcome";
import { backoffDelays, sleep } from "../poll";
import type { CheckDefinition } from "../types";
import { needsModel } from "./requirements";

export const BUDGET_EXCEEDED = { statuses: [400, 422, 429], type: "budget_exceeded" } as const;

/** Calls allowed before the budget must bite: the spend callback runs just after a response, so allow a few. */
export const MAX_BUDGET_CALLS = 6;

const statusList = () => `${BUDGET_EXCEEDED.statuses.slice(0, -1).join(", ")} or ${BUDGET_EXCEEDED.statuses.at(-1)}`;

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
                    expected: `200 until the budget is used, then ${statusList()} error.type "budget_exceeded"`,
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
            expected: `a ${statusList()} budget_exceeded within ${MAX_BUDGET_CALLS} calls on a key with max_budget $${budget}`,
            got: `${successes} successful calls costing $${spent} in total (x-litellm-response-cost)`,
            cause:
                spent === 0
                    ? `"${model}" is unpriced, so spend stays $0: give it input_cost_per_token/output_cost_per_token in model_info`
                    : "budgets are not enforced (or, with several replicas, spend is not shared: enable Redis)",
        });
    },
};
