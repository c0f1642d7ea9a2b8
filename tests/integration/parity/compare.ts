/**
 * Comparing two runs of the parity scenario field by field, in the terms the checks read. Values that differ
 * by nature (ids, timestamps, hashes of different keys) are compared by their form. Pure.
 */
import { jsonColumn } from "../../../verify/spend-rows";
import { ssnLeakPaths } from "../../../verify/pii";
import { READ_HEADERS, Observation } from "./scenario";


/** What a spend row says, as the checks see it. */
export function rowView(o: Observation): Record<string, unknown> {
    const r = o.row;
    if (!r) return { row: "absent" };
    const requestId = String(r.request_id);
    const stored = JSON.stringify(r.proxy_server_request ?? {});
    return {
        request_id: requestId === o.id ? "= response id" : requestId.startsWith(`${o.id}_cache_hit`) ? "= response id + _cache_hit<ts>" : "other",
        api_key: r.api_key === o.keyHash ? "= sha256(key)" : r.api_key,
        spend: typeof r.spend === "number" ? Number(r.spend.toPrecision(9)) : r.spend,
        model: r.model,
        model_group: r.model_group,
        prompt_tokens: r.prompt_tokens,
        completion_tokens: r.completion_tokens,
        cache_hit: r.cache_hit,
        status: r.status,
        "where the SSN digits are": ssnLeakPaths({ proxy_server_request: jsonColumn(r.proxy_server_request), messages: jsonColumn(r.messages), response: jsonColumn(r.response), metadata: jsonColumn(r.metadata) }),
        "stored body holds <US_SSN>": stored.includes("<US_SSN>"),
    };
}

export function headerView(o: Observation): Record<string, unknown> {
    const h = o.headers;
    const view: Record<string, unknown> = {};
    for (const name of READ_HEADERS) {
        const v = h[name];
        if (name === "x-litellm-cache-key") view[name] = v === undefined ? "absent" : "present";
        else if (name === "x-litellm-response-cost") view[name] = v === undefined ? "absent" : Number(Number(v).toPrecision(9));
        else if (name === "x-litellm-applied-guardrails") view[name] = v === undefined ? "absent" : [...new Set(v.split(",").map((s) => s.trim()))].join(",");
        else view[name] = v ?? "absent";
    }
    return view;
}

export interface Drift {
    step: string;
    field: string;
    real: unknown;
    simulator: unknown;
}

/** Every field where the simulator differs from the real proxy, named `status`, `error.type`, `header <name>` or `row.<column>`. */
export function parityDrift(real: Observation[], sim: Observation[]): Drift[] {
    const drifts: Drift[] = [];
    for (const r of real) {
        const s = sim.find((x) => x.step === r.step);
        if (!s) {
            drifts.push({ step: r.step, field: "step", real: "present", simulator: "absent" });
            continue;
        }
        const add = (field: string, a: unknown, b: unknown) => {
            if (JSON.stringify(a) !== JSON.stringify(b)) drifts.push({ step: r.step, field, real: a, simulator: b });
        };
        add("status", r.status, s.status);
        add("error.type", r.errorType, s.errorType);
        if (r.status === 200 || s.status === 200) {
            const [hr, hs] = [headerView(r), headerView(s)];
            for (const k of Object.keys(hr)) add(`header ${k}`, hr[k], hs[k]);
            const [rr, rs] = [rowView(r), rowView(s)];
            for (const k of new Set([...Object.keys(rr), ...Object.keys(rs)])) add(`row.${k}`, rr[k], rs[k]);
        }
    }
    return drifts;
}

export function formatDrift(d: Drift): string {
    return `${d.step}: ${d.field}: real ${JSON.stringify(d.real)}, simulator ${JSON.stringify(d.simulator)}`;
}
