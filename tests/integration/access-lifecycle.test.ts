/**
 * LiteLLMTeam and LiteLLMKey against a REAL LiteLLM proxy: create, a change made by hand detected by `read`,
 * update, rotation (replace), import, delete. The same suite the simulator runs
 * (tests/access/lifecycle-suite.ts), through Pulumi's real dynamic-provider host.
 *
 * Entry point for the integration harness (`npm run test:integration`): it sets
 *   LITELLM_IT_URL            base URL of a running proxy with a database, e.g. http://127.0.0.1:4000
 *   LITELLM_IT_MASTER_KEY     its master key
 *   LITELLM_IT_MODELS         two served model groups, comma-separated (the keys get the first; the second
 *                             must be refused), e.g. "chat,chat-backup"
 * Without them the suite is skipped, so `npm test` stays offline.
 */
import { describe } from "node:test";
import { accessLifecycleSuite } from "../access/lifecycle-suite";
import { readEntryTarget } from "./gateway/entry-suites";

const target = readEntryTarget(process.env);
const [allowedModel, otherModel] = target?.models ?? [];

if (target && allowedModel && otherModel) {
    // One prefix for the whole run: every test must find the objects the earlier ones created.
    const prefix = `it${Date.now().toString(36)}`;
    accessLifecycleSuite(() => ({ url: target.url, masterKey: target.masterKey, allowedModel, otherModel, prefix }));
} else {
    describe("access lifecycle against a real LiteLLM proxy", { skip: "set LITELLM_IT_URL, LITELLM_IT_MASTER_KEY and LITELLM_IT_MODELS (the integration harness does)" }, () => undefined);
}
