/**
 * The model groups a gateway serves and their prices, as the gateway itself reports them.
 *
 * `GET /model/info` (master key) has one row per deployment: `model_name` (the group), `litellm_params.model`
 * (the provider's model id, credentials stripped) and `model_info` with `input_cost_per_token` /
 * `output_cost_per_token` merged from the config's `model_info` and LiteLLM's cost map (unpriced: null or
 * absent). So it says what LiteLLM will bill with, which neither the stack's declaration (OCI models in the
 * cost map carry no declared price) nor the cost map alone can. `GET /v1/models` lists names only.
 *
 * A wildcard route (`openai/*`) is listed by `/model/info` as one row per model LiteLLM knows (read on
 * 1.108.7: hundreds), all sharing the wildcard deployment's `model_info.id`; those names are not groups
 * anyone declared, so they are set apart, as is every name with a `*`. Pure functions, plus one reader.
 */
import { bearer, gatewayRequest } from "./gateway-calls";
import { describeResponse } from "./gateway-response";
import type { CheckContext } from "./types";

export interface ModelGroupInfo {
    name: string;
    /** Provider model ids of the group's deployments (`litellm_params.model`), e.g. `oci/meta.llama-3.3-70b-instruct`. */
    upstreamModels: string[];
    /** Every deployment has a price > 0 per input or output token; undefined when the source has no prices. */
    priced?: boolean;
    /** Prices of the first priced deployment, for the report. */
    inputCostPerToken?: number;
    outputCostPerToken?: number;
}

export interface ModelCatalog {
    /** Where the list came from, for the report. */
    source: "/model/info" | "/v1/models";
    groups: Map<string, ModelGroupInfo>;
    /** Names expanded from wildcard routes, or holding a `*`: not callable as declared groups. */
    wildcardNames: string[];
}

const price = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The catalog in a `/model/info` body (`{data: [{model_name, litellm_params, model_info}]}`). */
export function catalogFromModelInfo(body: unknown): ModelCatalog | undefined {
    const data = (body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) return undefined;
    const rows = data.filter((r): r is Record<string, unknown> => !!r && typeof r === "object" && typeof (r as { model_name?: unknown }).model_name === "string");
    const namesById = new Map<string, Set<string>>();
    for (const row of rows) {
        const id = (row.model_info as { id?: unknown } | undefined)?.id;
        if (typeof id !== "string") continue;
        namesById.set(id, (namesById.get(id) ?? new Set()).add(row.model_name as string));
    }
    const groups = new Map<string, ModelGroupInfo>();
    const wildcard = new Set<string>();
    for (const row of rows) {
        const name = row.model_name as string;
        const info = (row.model_info ?? {}) as Record<string, unknown>;
        const sharedId = typeof info.id === "string" && (namesById.get(info.id)?.size ?? 0) > 1;
        if (name.includes("*") || sharedId) {
            wildcard.add(name);
            continue;
        }
        const input = price(info.input_cost_per_token);
        const output = price(info.output_cost_per_token);
        const deploymentPriced = (input ?? 0) > 0 || (output ?? 0) > 0;
        const upstream = (row.litellm_params as { model?: unknown } | undefined)?.model;
        const group = groups.get(name) ?? { name, upstreamModels: [], priced: true };
        if (typeof upstream === "string" && !group.upstreamModels.includes(upstream)) group.upstreamModels.push(upstream);
        group.priced = group.priced && deploymentPriced;
        if (deploymentPriced && group.inputCostPerToken === undefined && group.outputCostPerToken === undefined) {
            group.inputCostPerToken = input;
            group.outputCostPerToken = output;
        }
        groups.set(name, group);
    }
    return { source: "/model/info", groups, wildcardNames: [...wildcard].filter((n) => !groups.has(n)).sort() };
}

/** The catalog in a `/v1/models` body (`{data: [{id}]}`): names only, prices unknown. */
export function catalogFromModelList(body: unknown): ModelCatalog | undefined {
    const data = (body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) return undefined;
    const names = data.map((r) => (r as { id?: unknown } | undefined)?.id).filter((id): id is string => typeof id === "string");
    const groups = new Map<string, ModelGroupInfo>();
    for (const name of names.filter((n) => !n.includes("*"))) groups.set(name, { name, upstreamModels: [] });
    return { source: "/v1/models", groups, wildcardNames: names.filter((n) => n.includes("*")).sort() };
}

export type CatalogRead = { catalog: ModelCatalog } | { catalog: undefined; problem: string };

/** `/model/info` with the master key, else `/v1/models`; the problem when neither gives a list. */
export async function readModelCatalog(ctx: CheckContext): Promise<CatalogRead> {
    const headers = bearer(ctx.options.masterKey);
    const info = await gatewayRequest(ctx, { method: "GET", url: "/model/info", headers });
    const fromInfo = info.status === 200 ? catalogFromModelInfo(info.data) : undefined;
    if (fromInfo) return { catalog: fromInfo };
    const list = await gatewayRequest(ctx, { method: "GET", url: "/v1/models", headers });
    const fromList = list.status === 200 ? catalogFromModelList(list.data) : undefined;
    if (fromList) return { catalog: fromList };
    return { catalog: undefined, problem: `GET /model/info answered ${describeResponse(info)}; GET /v1/models answered ${describeResponse(list)}` };
}
