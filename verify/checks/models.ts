/**
 * `models`: every model group the gateway serves answers on its own. The other checks call one group and
 * its fallback, so a misnamed model id, missing credentials or a missing price on any other alias would
 * ship green.
 *
 * The groups are the given list (the stacks pass the declared models), else every group `/model/info`
 * lists. The fallback probe (verification-only, it always fails) and wildcard routes are never called.
 * Through ONE key scoped to exactly those groups, each gets one tiny completion with a fresh prompt nonce
 * and router fallbacks off, at most `modelsConcurrency` at a time. Each answer must be the group's own
 * (not a fallback's, not a cache hit), non-empty, with prompt and completion tokens > 0 and
 * `x-litellm-response-cost` > 0. Prices come from `/model/info` (see verify/model-catalog.ts): a group it
 * shows unpriced fails as unpriced, a priced one answering at $0 fails as a price LiteLLM did not apply.
 */
import { mapBounded, Started } from "../bounded-concurrency";
import { FALLBACK_PROBE_MODEL } from "../fallback-probe";
import { completionText, isCacheHit, readChatUsage } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import { ModelCatalog, ModelGroupInfo, readModelCatalog } from "../model-catalog";
import { answeredByAnotherGroup, callWindowMs, timedDirectCompletion, TimedCall, withinWindow } from "../model-call";
import { cooldownSeconds, inCooldown, modelFailureCause } from "../model-failure";
import { CheckFailure, fail, pass } from "../outcome";
import { sleep } from "../poll";
import type { CheckContext, CheckDefinition } from "../types";

export interface CallPlan {
    groups: string[];
    /** What was left out and why, for the report. */
    notes: string[];
}

/** The groups to call: the given list, else the catalog's; never the fallback probe. Throws when there is none. */
export function planModelCalls(given: readonly string[] | undefined, catalog: ModelCatalog | undefined, probe: string | undefined): CallPlan {
    const excluded = new Set([FALLBACK_PROBE_MODEL, ...(probe ? [probe] : [])]);
    const source = given ?? (catalog ? [...catalog.groups.keys()].sort() : undefined);
    if (!source) throw new CheckFailure({ expected: "a list of model groups (--models, or GET /model/info / /v1/models)", got: "no list", cause: "the master key cannot read the model list; pass --models" });
    const groups = [...new Set(source)].filter((g) => !excluded.has(g));
    const notes = [...new Set(source)].filter((g) => excluded.has(g)).map((g) => `"${g}" (the fallback probe: verification-only, it always fails)`);
    if (!given && catalog && catalog.wildcardNames.length > 0) notes.push(`${catalog.wildcardNames.length} name(s) of wildcard routes (pass --models to call some)`);
    if (groups.length === 0) throw new CheckFailure({ expected: "at least one model group to call", got: `none${notes.length > 0 ? ` besides ${notes.join(", ")}` : ""}`, cause: "the gateway serves no model (model_list empty or not loaded)" });
    return { groups, notes };
}

/** One call; a group in cooldown (failures before this run) is called again once the router allows it. */
async function callGroup(ctx: CheckContext, apiKey: string, group: string): Promise<TimedCall> {
    const first = await timedDirectCompletion(ctx, apiKey, group);
    if (!first.ok || !inCooldown(first.res)) return first;
    const waitMs = cooldownSeconds(first.res) * 1000 + 250;
    if (ctx.deadline - Date.now() < waitMs + ctx.options.requestTimeoutMs) return first;
    ctx.log(`"${group}" is in cooldown; calling again in ${waitMs} ms for its own error`);
    await sleep(waitMs, ctx.signal);
    return timedDirectCompletion(ctx, apiKey, group);
}

type Verdict = { group: string; ok: true; summary: string } | { group: string; ok: false; got: string; cause: string };

const usd = (n: number) => `$${Number(n.toPrecision(4))}`;

function priceCause(group: string, info: ModelGroupInfo | undefined, catalog: ModelCatalog | undefined): string {
    const upstream = info && info.upstreamModels.length > 0 ? ` (${info.upstreamModels.join(", ")})` : "";
    if (info?.priced === false) {
        return `unpriced model: /model/info shows no input_cost_per_token/output_cost_per_token for "${group}"${upstream}, so its calls cost $0 and budgets never trip: price it (models[].inputCostPerToken/outputCostPerToken, model_info) or use a model id LiteLLM's cost map knows`;
    }
    if (info?.priced === true) {
        return `"${group}" is priced in /model/info (input ${info.inputCostPerToken ?? 0}, output ${info.outputCostPerToken ?? 0} USD per token) yet the answer cost $0: LiteLLM did not apply the price (it prices by the model the provider answered as), or cost tracking is off`;
    }
    return `unpriced model, or cost tracking is off (prices unknown: ${catalog ? `${catalog.source} has none` : "the model list could not be read"})`;
}

function judge(group: string, call: Started<TimedCall>, catalog: ModelCatalog | undefined, requestTimeoutMs: number): Verdict {
    const info = catalog?.groups.get(group);
    if (!call.started) return { group, ok: false, got: "not called within the check's window", cause: "too many groups or too slow answers for the window (half of --spend-log-timeout-ms, within --check-timeout-ms): raise --models-concurrency" };
    const c = call.value;
    if (!c.ok) return { group, ok: false, got: `no answer after ${Math.round(c.elapsedMs)} ms: ${c.error}`, cause: `the upstream of "${group}" is too slow or black-holes connections (the request timeout is ${requestTimeoutMs} ms)` };
    if (c.res.status !== 200) return { group, ok: false, got: describeResponse(c.res), cause: modelFailureCause(c.res, group, info?.upstreamModels) };
    const other = answeredByAnotherGroup(c.res, group);
    if (other) return { group, ok: false, got: other, cause: `the deployment of "${group}" failed and the gateway fell back although the request set disable_fallbacks` };
    if (isCacheHit(c.res)) {
        return { group, ok: false, got: "an answer from the response cache (x-litellm-cache-key) to a prompt never sent before", cause: "a semantic cache matched a similar prompt: the model itself was not reached" };
    }
    const usage = readChatUsage(c.res);
    const text = completionText(c.res);
    if (text.trim() === "" || usage.promptTokens <= 0 || usage.completionTokens <= 0) {
        return { group, ok: false, got: `content length ${text.length}, usage ${usage.promptTokens}+${usage.completionTokens} tokens`, cause: `the upstream of "${group}" answers without content or usage: token counting, and so spend, is broken for it` };
    }
    if (!(usage.costUsd > 0)) return { group, ok: false, got: `x-litellm-response-cost ${usage.costUsd} for ${usage.promptTokens}+${usage.completionTokens} tokens`, cause: priceCause(group, info, catalog) };
    return { group, ok: true, summary: `"${group}" ${Math.round(c.elapsedMs)} ms, ${usd(usage.costUsd)} (${usage.promptTokens}+${usage.completionTokens} tokens)` };
}

export const modelsCheck: CheckDefinition = {
    id: "models",
    title: "every model group answers on its own, with usage and a cost",
    skipReason: () => undefined,
    async run(ctx) {
        const read = await readModelCatalog(ctx);
        const catalog = read.catalog;
        if (!catalog) ctx.log(`no model list or prices: ${read.problem}`);
        const plan = planModelCalls(ctx.options.models, catalog, ctx.options.fallbackProbeModel);
        const key = await ctx.keys.create({ models: plan.groups });
        ctx.log(`calling ${plan.groups.length} group(s), ${ctx.options.modelsConcurrency} at a time`);
        const calls = await mapBounded(plan.groups, ctx.options.modelsConcurrency, (g) => callGroup(ctx, key.key, g), withinWindow(callWindowMs(ctx)));
        const verdicts = plan.groups.map((g, i) => judge(g, calls[i], catalog, ctx.options.requestTimeoutMs));
        const failed = verdicts.filter((v): v is Extract<Verdict, { ok: false }> => !v.ok);
        const answered = verdicts.filter((v): v is Extract<Verdict, { ok: true }> => v.ok);
        const notCalled = plan.notes.length > 0 ? `; not called: ${plan.notes.join(", ")}` : "";
        if (failed.length > 0) {
            return fail({
                expected: `every model group (${plan.groups.length}) to answer on its own: 200, content, usage > 0, x-litellm-response-cost > 0`,
                got: `${failed.map((f) => `"${f.group}": ${f.got}`).join(" | ")}${answered.length > 0 ? ` | answered: ${answered.map((a) => a.summary).join("; ")}` : ""}`,
                cause: failed.map((f) => `"${f.group}": ${f.cause}`).join(" | "),
            });
        }
        const listed = ctx.options.models ? "the given list" : `listed by ${catalog?.source}`;
        return pass(`${answered.length} group(s) answered (${listed}): ${answered.map((a) => a.summary).join("; ")}${notCalled}`);
    },
};
