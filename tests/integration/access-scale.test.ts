/**
 * Teams and keys at platform scale against a REAL LiteLLM proxy: 200 keys in 10 teams through Pulumi's real
 * dynamic-provider host; a refresh with no change (0 diffs), one key's budget changed by hand (1 diff),
 * delete all (tests/access/scale-suite.ts). Prints each step's time and admin calls, and the serialized
 * provider per resource, as `benchmark:` lines (docs/access.md keeps the figures).
 *
 * Shaped like the entry suites (reads LITELLM_IT_URL, LITELLM_IT_MASTER_KEY and LITELLM_IT_MODELS; skipped
 * without them, so `npm test` stays offline), but not one of them: its 630 admin calls would share the
 * entry gateway with the timing-bound `latency` suite. `npm run test:scale` (tests/integration/scale.ts,
 * run by .ci/run) gives it a proxy of its own.
 */
import { describe, it } from "node:test";
import { assertScaleOutcome, runAccessScale } from "../access/scale-suite";
import { readEntryTarget } from "./gateway/entry-suites";

const target = readEntryTarget(process.env);

if (target) {
    describe("access at scale against a real LiteLLM proxy", () => {
        it("200 keys in 10 teams: create, a no-op refresh (0 diffs), one hand edit (1 diff), delete all", { timeout: 15 * 60_000 }, async (t) => {
            const scale = { url: target.url, masterKey: target.masterKey, model: target.models[0], prefix: `sc${Date.now().toString(36)}`, teams: 10, keysPerTeam: 20 };
            const figures = await runAccessScale(scale, (line) => t.diagnostic(`benchmark: access scale (LiteLLM): ${line}`));
            t.diagnostic(`benchmark: access scale (LiteLLM): serialized provider per resource: team ${figures.providerBytes.team} bytes, key ${figures.providerBytes.key} bytes`);
            await assertScaleOutcome(scale, figures);
        });
    });
} else {
    describe("access at scale against a real LiteLLM proxy", { skip: "set LITELLM_IT_URL, LITELLM_IT_MASTER_KEY and LITELLM_IT_MODELS (the integration harness does)" }, () => undefined);
}
