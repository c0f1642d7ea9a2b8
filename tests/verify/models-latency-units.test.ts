/**
 * The pure parts of the `models` and `latency` checks: nearest-rank percentiles, the bounded pool, the model
 * catalog read from LiteLLM 1.108.7's `/model/info` shape, which groups get called, the failure causes
 * from LiteLLM's real error messages, and the new options at every door's edge.
 */
import type { AxiosResponse } from "axios";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import { mapBounded } from "../../verify/bounded-concurrency";
import { planModelCalls } from "../../verify/checks/models";
import { parseCliArgs } from "../../verify/cli-args";
import { gatewayOverheadMs } from "../../verify/model-call";
import { catalogFromModelInfo, catalogFromModelList } from "../../verify/model-catalog";
import { cooldownSeconds, inCooldown, modelFailureCause } from "../../verify/model-failure";
import { CheckFailure } from "../../verify/outcome";
import { DEFAULTS, resolveOptions, VerifyUsageError } from "../../verify/options";
import { formatLatency, percentile, summarizeLatency } from "../../verify/percentiles";

const proxyError = (status: number, type: string, message: string) => ({ status, headers: {}, data: { error: { message, type, param: null, code: String(status) } } });

describe("percentiles (nearest rank)", () => {
    it("p50 and p95 of 1..20 are the 10th and 19th values, whatever the order", () => {
        const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
        assert.equal(percentile(samples, 50), 10);
        assert.equal(percentile(samples, 95), 19);
        assert.equal(percentile(samples, 100), 20);
    });

    it("one outlier in 20 does not move p95, two do", () => {
        const base = Array.from({ length: 18 }, () => 10);
        assert.equal(percentile([...base, 10, 900], 95), 10);
        assert.equal(percentile([...base, 800, 900], 95), 800);
    });

    it("always returns a measured sample; small samples give their largest values", () => {
        assert.equal(percentile([7], 50), 7);
        assert.equal(percentile([7], 95), 7);
        assert.equal(percentile([3, 1, 2], 95), 3);
        assert.equal(percentile([3, 1, 2], 50), 2);
        assert.equal(percentile([1, 2, 3, 4], 50), 2);
    });

    it("ignores non-finite samples, gives undefined for none, refuses a p outside (0, 100]", () => {
        assert.equal(percentile([NaN, 5, Infinity], 50), 5);
        assert.equal(percentile([], 50), undefined);
        assert.throws(() => percentile([1], 0), RangeError);
        assert.throws(() => percentile([1], 101), RangeError);
    });

    it("summarizes p50, p95 and max, and formats with at most one decimal", () => {
        const s = summarizeLatency([12.345, 3, 40.06, 7])!;
        assert.deepEqual(s, { count: 4, p50: 7, p95: 40.06, max: 40.06 });
        assert.equal(formatLatency(s), "p50 7 ms, p95 40.1 ms");
        assert.equal(summarizeLatency([]), undefined);
    });
});

describe("the gateway's overhead of one answer", () => {
    const answer = (headers: Record<string, string>) => ({ headers }) as unknown as AxiosResponse;
    it("is LiteLLM's figure when its window covers the whole request: the checker's wait adds only the round trip", () => {
        const res = answer({ "x-litellm-overhead-duration-ms": "20", "x-litellm-response-duration-ms": "120" });
        assert.equal(gatewayOverheadMs(res, 125, 5), 20);
    });
    it("counts what the headers leave out: a 700 ms pre-call hook before LiteLLM's window (1.108.7 with a guardrail)", () => {
        const res = answer({ "x-litellm-overhead-duration-ms": "14", "x-litellm-response-duration-ms": "114" });
        assert.equal(gatewayOverheadMs(res, 820, 6), 714);
    });
    it("falls back to the header alone without the response-duration header, and is undefined without the overhead header", () => {
        assert.equal(gatewayOverheadMs(answer({ "x-litellm-overhead-duration-ms": "14" }), 820, 6), 14);
        assert.equal(gatewayOverheadMs(answer({ "x-litellm-response-duration-ms": "114" }), 820, 6), undefined);
    });
});

describe("bounded concurrency", () => {
    it("never has more than `limit` items in flight, and keeps results in item order", async () => {
        let inFlight = 0;
        let peak = 0;
        const results = await mapBounded([30, 5, 20, 1, 10, 2], 2, async (ms, i) => {
            peak = Math.max(peak, ++inFlight);
            await new Promise((r) => setTimeout(r, ms));
            inFlight--;
            return i;
        });
        assert.equal(peak, 2);
        assert.deepEqual(results, [0, 1, 2, 3, 4, 5].map((value) => ({ started: true, value })));
    });

    it("starts nothing more once mayStart says no; those items are reported as not started", async () => {
        let allowed = 3;
        const results = await mapBounded([1, 2, 3, 4, 5], 1, async (x) => x, () => allowed-- > 0);
        assert.deepEqual(results.map((r) => r.started), [true, true, true, false, false]);
    });

    it("refuses a concurrency that is not a positive whole number", async () => {
        await assert.rejects(mapBounded([1], 0, async (x) => x), RangeError);
        await assert.rejects(mapBounded([1], 1.5, async (x) => x), RangeError);
    });
});

/** Rows as LiteLLM 1.108.7 answers `/model/info` (read from a running proxy): credentials stripped, prices merged. */
const MODEL_INFO = {
    data: [
        { model_name: "chat", litellm_params: { model: "openai/stub-model", api_base: "http://stub/v1" }, model_info: { id: "chat-1", input_cost_per_token: 1e-5, output_cost_per_token: 2e-5 } },
        { model_name: "chat-unpriced", litellm_params: { model: "openai/stub-model" }, model_info: { id: "chat-unpriced-1", input_cost_per_token: null, output_cost_per_token: null } },
        { model_name: "gpt-known", litellm_params: { model: "openai/gpt-4o-mini" }, model_info: { id: "4201077b", input_cost_per_token: 1.5e-7, output_cost_per_token: 6e-7 } },
        // Two deployments of one group, one unpriced: calls routed there cost $0, so the group is unpriced.
        { model_name: "mixed", litellm_params: { model: "oci/a" }, model_info: { id: "mixed-1", input_cost_per_token: 1e-6, output_cost_per_token: 1e-6 } },
        { model_name: "mixed", litellm_params: { model: "oci/b" }, model_info: { id: "mixed-2" } },
        // A wildcard route `openai/*`, expanded by /model/info into known models sharing the wildcard's id.
        { model_name: "openai/gpt-5-nano", litellm_params: { model: "openai/gpt-5-nano" }, model_info: { id: "1f672c79", input_cost_per_token: 5e-8, output_cost_per_token: 4e-7 } },
        { model_name: "openai/o4-mini", litellm_params: { model: "openai/o4-mini" }, model_info: { id: "1f672c79", input_cost_per_token: 1.1e-6, output_cost_per_token: 4.4e-6 } },
        { model_name: "anthropic/*", litellm_params: { model: "anthropic/*" }, model_info: { id: "wild-2" } },
        { model_name: FALLBACK_PROBE_MODEL, litellm_params: { model: `openai/${FALLBACK_PROBE_MODEL}` }, model_info: { id: `${FALLBACK_PROBE_MODEL}--closed-port`, input_cost_per_token: 0, output_cost_per_token: 0 } },
    ],
};

describe("model catalog", () => {
    const catalog = catalogFromModelInfo(MODEL_INFO)!;

    it("groups deployments by model_name with their provider model ids and prices", () => {
        assert.deepEqual([...catalog.groups.keys()].sort(), ["chat", "chat-unpriced", FALLBACK_PROBE_MODEL, "gpt-known", "mixed"].sort());
        assert.deepEqual(catalog.groups.get("chat"), { name: "chat", upstreamModels: ["openai/stub-model"], priced: true, inputCostPerToken: 1e-5, outputCostPerToken: 2e-5 });
        assert.equal(catalog.groups.get("chat-unpriced")?.priced, false, "null prices: unpriced");
        assert.equal(catalog.groups.get("gpt-known")?.priced, true, "priced by LiteLLM's cost map without a declared price");
        assert.deepEqual(catalog.groups.get("mixed")?.upstreamModels, ["oci/a", "oci/b"]);
        assert.equal(catalog.groups.get("mixed")?.priced, false, "one unpriced deployment makes the group unpriced");
        assert.equal(catalog.source, "/model/info");
    });

    it("sets wildcard routes apart: names with a * and names expanded from one wildcard deployment", () => {
        assert.deepEqual(catalog.wildcardNames, ["anthropic/*", "openai/gpt-5-nano", "openai/o4-mini"]);
    });

    it("reads /v1/models as names without prices, and refuses bodies that are not a list", () => {
        const list = catalogFromModelList({ object: "list", data: [{ id: "chat" }, { id: "openai/*" }, { nope: 1 }] })!;
        assert.deepEqual([...list.groups.values()], [{ name: "chat", upstreamModels: [] }]);
        assert.deepEqual(list.wildcardNames, ["openai/*"]);
        assert.equal(catalogFromModelInfo({ detail: "Not Found" }), undefined);
        assert.equal(catalogFromModelList("nope"), undefined);
    });
});

describe("which groups the models check calls", () => {
    const catalog = catalogFromModelInfo(MODEL_INFO)!;

    it("the given list, once each, never the fallback probe (by name, and the run's probe option)", () => {
        const plan = planModelCalls(["chat", "chat", FALLBACK_PROBE_MODEL, "sim-broken", "gpt-known"], catalog, "sim-broken");
        assert.deepEqual(plan.groups, ["chat", "gpt-known"]);
        assert.equal(plan.notes.length, 2);
        assert.match(plan.notes[0], /fallback probe/);
    });

    it("without a list, every group the catalog lists, sorted, noting the wildcard names it leaves out", () => {
        const plan = planModelCalls(undefined, catalog, undefined);
        assert.deepEqual(plan.groups, ["chat", "chat-unpriced", "gpt-known", "mixed"]);
        assert.match(plan.notes.join(" "), /"litellm-gateway-fallback-probe" \(the fallback probe.*3 name\(s\) of wildcard routes/);
    });

    it("fails with a cause when there is no list, or nothing left to call", () => {
        assert.throws(() => planModelCalls(undefined, undefined, undefined), (e: unknown) => e instanceof CheckFailure && /pass --models/.test(e.message));
        assert.throws(() => planModelCalls([FALLBACK_PROBE_MODEL], undefined, undefined), (e: unknown) => e instanceof CheckFailure && /serves no model/.test(e.message));
    });
});

describe("failure causes from LiteLLM's answers (messages of 1.108.7)", () => {
    it("a closed port: unreachable, with the provider model id", () => {
        const res = proxyError(500, "internal_server_error", "litellm.InternalServerError: InternalServerError: OpenAIException - Connection error.");
        assert.match(modelFailureCause(res, "dead", ["openai/stub-model"]), /^the upstream of "dead" is unreachable \(litellm_params.model "openai\/stub-model"\): a wrong api_base/);
    });

    it("the guardrail service down (Presidio stopped, measured in the integration suite): the guardrail, not the model", () => {
        const res = proxyError(500, "internal_server_error", "Presidio PII analysis failed: ClientConnectorError");
        assert.match(modelFailureCause(res, "chat"), /^the gateway cannot reach its guardrail service, Presidio \(PRESIDIO_ANALYZER_API_BASE/);
    });

    it("a wrong provider key: credentials", () => {
        const res = proxyError(401, "authentication_error", "litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided");
        assert.match(modelFailureCause(res, "badcreds"), /^missing or wrong credentials for the upstream of "badcreds"/);
    });

    it("a model id the provider does not know: wrong model id", () => {
        const res = proxyError(404, "invalid_request_error", "litellm.NotFoundError: NotFoundError: OpenAIException - The model `no-such-model` does not exist or you do not have access to it.");
        assert.match(modelFailureCause(res, "badmodel", ["openai/no-such-model"]), /^wrong model id: the provider does not know the model of "badmodel" \(litellm_params.model "openai\/no-such-model"\)/);
        assert.match(modelFailureCause(proxyError(500, "None", "litellm.NotFoundError: OciException - Entity with key meta.llama-9 not found"), "oci"), /^wrong model id/);
    });

    it("a group the gateway does not serve, a refused key, a cooldown, a rate limit, anything else", () => {
        assert.match(modelFailureCause(proxyError(400, "invalid_request_error", "litellm.BadRequestError: You passed in model=nonexistent. There are no healthy deployments for this model"), "nonexistent"), /is not served under this name/);
        assert.match(modelFailureCause(proxyError(403, "key_model_access_denied", "The requested model 'x' is not available for this API key"), "x"), /the run's key was refused "x"/);
        const cooling = proxyError(429, "all_deployments_in_cooldown", "No deployments available for selected model, Try again in 5 seconds. All deployments for selected model are in cooldown.");
        assert.match(modelFailureCause(cooling, "c"), /cooling down after recent failures/);
        assert.match(modelFailureCause(proxyError(429, "rate_limit_error", "litellm.RateLimitError: too many"), "r"), /rate-limits "r".*--models-concurrency/);
        assert.match(modelFailureCause(proxyError(500, "None", "boom"), "b", ["openai/x"]), /^the upstream of "b" fails \(litellm_params.model "openai\/x"\): the gateway log/);
    });

    it("reads the router's cooldown and how long it asks to wait", () => {
        const cooling = proxyError(429, "all_deployments_in_cooldown", "No deployments available for selected model, Try again in 5 seconds.");
        assert.equal(inCooldown(cooling), true);
        assert.equal(cooldownSeconds(cooling), 5);
        assert.equal(cooldownSeconds(proxyError(429, "x", "No deployments available for selected model")), 5, "default: LiteLLM's cooldown_time");
        assert.equal(inCooldown(proxyError(429, "rate_limit_error", "slow down")), false);
    });
});

describe("options of the two checks", () => {
    const base = { gatewayUrl: "http://g", masterKey: "sk-test-master-0000" };

    it("defaults: 4 groups at a time; 20 latency requests, 2 at a time; SLO 500 ms", () => {
        const o = resolveOptions(base);
        assert.deepEqual([o.modelsConcurrency, o.latencyRequests, o.latencyConcurrency, o.overheadP95Ms, o.models], [4, 20, 2, 500, undefined]);
        assert.equal(DEFAULTS.overheadP95Ms, 500);
        assert.equal(resolveOptions({ ...base, models: [] }).models, undefined, "an empty list means: discover");
    });

    it("refuses counts that are not positive whole numbers, and a non-positive SLO", () => {
        assert.throws(() => resolveOptions({ ...base, latencyRequests: 2.5 }), (e: unknown) => e instanceof VerifyUsageError && /latencyRequests must be a whole number/.test(e.message));
        assert.throws(() => resolveOptions({ ...base, modelsConcurrency: 0 }), VerifyUsageError);
        assert.throws(() => resolveOptions({ ...base, overheadP95Ms: -1 }), VerifyUsageError);
        assert.equal(resolveOptions({ ...base, overheadP95Ms: 12.5 }).overheadP95Ms, 12.5);
    });

    it("CLI: --only models,latency and every new flag", () => {
        const s = parseCliArgs(["--only", "models,latency", "--models", "chat, chat-backup", "--models-concurrency", "3", "--latency-requests", "10", "--latency-concurrency", "1", "--overhead-p95-ms", "50"], {});
        assert.deepEqual(s.options.only, ["models", "latency"]);
        assert.deepEqual(s.options.models, ["chat", "chat-backup"]);
        assert.deepEqual([s.options.modelsConcurrency, s.options.latencyRequests, s.options.latencyConcurrency, s.options.overheadP95Ms], [3, 10, 1, 50]);
        assert.throws(() => parseCliArgs(["--overhead-p95-ms", "fast"], {}), /--overhead-p95-ms needs a number/);
    });
});
