/**
 * `key-allowlist`: a key limited to model A can call A and is refused model B. Allowlist bypasses are a
 * recurring LiteLLM report (BerriAI/litellm#8616, #26656, #41810), so the refusal itself is asserted,
 * not just "B did not work".
 */
import { chatCompletion } from "../gateway-calls";
import { describeResponse, matchesProxyError } from "../gateway-response";
import { fail, pass } from "../outcome";
import type { CheckDefinition } from "../types";
import { needsModel } from "./requirements";

/** v1.82 answers 401, v1.84+ answers 403; the type is the stable part. */
export const MODEL_DENIED = { statuses: [401, 403], type: "key_model_access_denied" } as const;

export const keyAllowlistCheck: CheckDefinition = {
    id: "key-allowlist",
    title: "a key limited to one model is refused another",
    skipReason: needsModel,
    async run(ctx) {
        const model = ctx.options.model as string;
        // A real second group proves more (the refusal is the allowlist, not "no such model"); without
        // one, a name that cannot exist still has to be refused by the allowlist before routing.
        const other = ctx.options.fallbackModel && ctx.options.fallbackModel !== model ? ctx.options.fallbackModel : `${ctx.runId}-not-allowlisted`;
        const key = await ctx.keys.create({ models: [model] });
        const allowed = await chatCompletion(ctx, { apiKey: key.key, model });
        if (allowed.status !== 200) {
            return fail({
                expected: `the key limited to ["${model}"] can call "${model}" (200)`,
                got: describeResponse(allowed),
                cause: "the allowlisted model is not served, so the allowlist cannot be judged",
            });
        }
        const denied = await chatCompletion(ctx, { apiKey: key.key, model: other });
        if (!matchesProxyError(denied, MODEL_DENIED)) {
            return fail({
                expected: `calling "${other}" with a key limited to ["${model}"] → 401 or 403 error.type "key_model_access_denied"`,
                got: describeResponse(denied),
                cause: "the key's `models` allowlist is not enforced (a key can reach models it was not granted)",
            });
        }
        return pass(`"${model}" allowed; "${other}" refused with ${denied.status} key_model_access_denied`);
    },
};
