/**
 * `auth-required`: the gateway refuses a call with no key and a call with an unknown key. A proxy
 * started without a master key accepts everything (LiteLLM treats every caller as an internal user).
 */
import { randomBytes } from "node:crypto";
import { chatCompletion } from "../gateway-calls";
import { describeResponse, matchesProxyError } from "../gateway-response";
import { fail, pass } from "../outcome";
import type { CheckDefinition } from "../types";

const NO_MASTER_KEY = "the proxy runs without a master key (LITELLM_MASTER_KEY unset; on the Helm chart, proxy_config lost `master_key: os.environ/PROXY_MASTER_KEY`)";

export const authRequiredCheck: CheckDefinition = {
    id: "auth-required",
    title: "calls without a key or with an unknown key are refused",
    skipReason: () => undefined,
    async run(ctx) {
        // Any model name works: auth runs before routing. A real group makes a wrongly-open gateway visible as a 200.
        const model = ctx.options.model ?? "verification-auth-probe";
        const anonymous = await chatCompletion(ctx, { apiKey: undefined, model });
        if (anonymous.status !== 401) {
            return fail({ expected: "a call without a key → 401", got: describeResponse(anonymous), cause: NO_MASTER_KEY });
        }
        const unknownKey = `sk-${ctx.runId}unknown${randomBytes(12).toString("hex")}`;
        const unknown = await chatCompletion(ctx, { apiKey: unknownKey, model });
        if (!matchesProxyError(unknown, { statuses: [401], type: "token_not_found_in_db" })) {
            return fail({
                expected: `a call with an unknown key → 401 error.type "token_not_found_in_db"`,
                got: describeResponse(unknown),
                cause: unknown.status === 200 ? NO_MASTER_KEY : "keys are not checked against the database",
            });
        }
        return pass("no key → 401; unknown key → 401 token_not_found_in_db");
    },
};
