/**
 * The simulator's model listings, shaped as LiteLLM 1.108.7 answers them (read from a running proxy):
 * - `GET /v1/models`: `{object: "list", data: [{id, object: "model", created, owned_by}]}`;
 * - `GET /model/info`: `{data: [{model_name, litellm_params: {model, api_base}, model_info: {id,
 *   input_cost_per_token, output_cost_per_token, …}}]}`, credentials stripped; an unpriced model shows
 *   null prices. A key sees the groups it may call; the master key sees all.
 */
import type { ServerResponse } from "node:http";
import type { Caller } from "./auth";
import { sendJson } from "./http";
import type { SimModel } from "./types";

function visibleTo(caller: Caller, models: readonly SimModel[]): SimModel[] {
    return models.filter((m) => caller.kind !== "key" || caller.key.models.length === 0 || caller.key.models.includes(m.modelName));
}

export function listModels(res: ServerResponse, caller: Caller, models: readonly SimModel[]): void {
    sendJson(res, 200, { object: "list", data: visibleTo(caller, models).map((m) => ({ id: m.modelName, object: "model", created: 1677610602, owned_by: "openai" })) });
}

const priceOrNull = (p: number) => (p > 0 ? p : null);

export function modelInfo(res: ServerResponse, caller: Caller, models: readonly SimModel[], upstreamUrl: string): void {
    const data = visibleTo(caller, models).map((m) => ({
        model_name: m.modelName,
        litellm_params: { model: `openai/${m.upstreamModel}`, api_base: m.apiBase ?? upstreamUrl },
        model_info: {
            id: `${m.modelName}-deployment-0`,
            db_model: false,
            key: `openai/${m.upstreamModel}`,
            litellm_provider: "openai",
            input_cost_per_token: priceOrNull(m.inputCostPerToken),
            output_cost_per_token: priceOrNull(m.outputCostPerToken),
        },
    }));
    sendJson(res, 200, { data });
}
