/** `completion`: a key scoped to the model gets a real, non-empty answer with token usage. */
import { chatCompletion, completionText, readChatUsage } from "../gateway-calls";
import { describeResponse, readProxyError } from "../gateway-response";
import { guardrailServiceCause } from "../model-failure";
import { fail, pass } from "../outcome";
import type { CheckDefinition } from "../types";
import { needsModel } from "./requirements";

export const completionCheck: CheckDefinition = {
    id: "completion",
    title: "a scoped key gets a completion with usage",
    skipReason: needsModel,
    async run(ctx) {
        const model = ctx.options.model as string;
        const key = await ctx.keys.create({ models: [model] });
        const res = await chatCompletion(ctx, { apiKey: key.key, model });
        if (res.status !== 200) {
            return fail({
                expected: `POST /chat/completions on "${model}" → 200`,
                got: describeResponse(res),
                cause:
                    guardrailServiceCause(readProxyError(res.data)?.message ?? "") ??
                    (res.status >= 500 ? "the upstream model is failing or its credentials are wrong" : `the model group "${model}" is not served or the key is refused`),
            });
        }
        const text = completionText(res);
        const usage = readChatUsage(res);
        if (text.trim() === "" || usage.promptTokens <= 0 || usage.completionTokens <= 0) {
            return fail({
                expected: "non-empty content and usage.prompt_tokens > 0 and usage.completion_tokens > 0",
                got: `content length ${text.length}, prompt_tokens ${usage.promptTokens}, completion_tokens ${usage.completionTokens}`,
                cause: "the upstream answered without content or usage: token counting (and thus spend) is broken",
            });
        }
        return pass(`"${model}" answered (${usage.promptTokens}+${usage.completionTokens} tokens, $${usage.costUsd})`);
    },
};
