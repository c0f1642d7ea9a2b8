/**
 * A Presidio-like guardrail for the simulator (litellm.md §6): `pre_call` and `default_on`, it masks every
 * message text before the upstream call (presidio-ssn.ts), masks the output too (`presidio_filter_scope:
 * both`), names itself in `x-litellm-applied-guardrails`, logs `guardrail_information` in the spend row's
 * metadata and, with `store_prompts_in_spend_logs`, stores the masked request body and the response.
 *
 * Faults: `guardrailNotApplied` (it never runs), `rawSsnInLogs` (the upstream gets the masked prompt, but
 * the raw one reaches the logs: spend row and any logging extension after this one, e.g. Langfuse).
 *
 * The header form varies between runs in the wild (a name can repeat when pre and post callbacks both ran,
 * litellm.md §6), and `guardrail_information` has been an object and a list: the "1.82" variant sends one
 * name and an object, "1.84" a repeated name and a list, so the check is held to tolerate both.
 *
 * The "1.83" variant is real LiteLLM 1.83.10 as measured (integration suite, parity test): Presidio runs
 * through the unified guardrail, which adds `litellm_metadata` to the request, and the spend row of every
 * request it ran on (not a cache hit's) is built from that instead of the routed metadata: `model_group` and
 * `model_id` empty, `model` without its provider prefix, `cache_hit` "None"; and `store_prompts_in_spend_logs`
 * stores the request body as received, before masking (the raw SSN).
 */
import { messageText } from "../../../stub/upstream";
import { AnalyzerResult, maskSsn } from "./presidio-ssn";
import { beforeV184 } from "./types";
import type { ChatCall, SimExtension, SimGuardrailOptions } from "./types";

interface Applied {
    raw: unknown;
    results: AnalyzerResult[];
    startedAt: number;
    endedAt: number;
}

/** Masks message contents in place (string content and `text` parts); returns every detection. */
function maskMessages(messages: unknown, threshold: number): AnalyzerResult[] {
    if (!Array.isArray(messages)) return [];
    const found: AnalyzerResult[] = [];
    for (const m of messages as { content?: unknown }[]) {
        if (!m || typeof m !== "object") continue;
        if (typeof m.content === "string") {
            const masked = maskSsn(m.content, threshold);
            m.content = masked.text;
            found.push(...masked.results);
        } else if (Array.isArray(m.content)) {
            for (const part of m.content as { text?: unknown }[]) {
                if (!part || typeof part.text !== "string") continue;
                const masked = maskSsn(part.text, threshold);
                part.text = masked.text;
                found.push(...masked.results);
            }
        }
    }
    return found;
}

export function presidioGuardrail(options: SimGuardrailOptions): SimExtension {
    const name = options.name;
    const threshold = options.scoreThreshold ?? 0;
    const storePrompts = options.storePrompts ?? true;
    const applied = new WeakMap<ChatCall, Applied>();

    return {
        name: `presidio:${name}`,
        beforeDispatch(call, sim) {
            if (sim.faults.guardrailNotApplied) return;
            const startedAt = Date.now();
            const raw = structuredClone(call.body.messages);
            const results = maskMessages(call.body.messages, threshold);
            applied.set(call, { raw, results, startedAt, endedAt: Date.now() });
        },
        afterSuccess(call, answer, sim) {
            const state = applied.get(call);
            if (!state) return;
            const choices = (answer.completion.choices ?? []) as { message?: { content?: unknown } }[];
            for (const choice of choices) {
                if (choice.message && typeof choice.message.content === "string") choice.message.content = maskSsn(messageText(choice.message.content), threshold).text;
            }
            answer.headers["x-litellm-applied-guardrails"] = beforeV184(sim.options.version) ? name : `${name},${name}`;
            // The leak: logging sees the original messages although the model got the masked ones.
            if (sim.faults.rawSsnInLogs) call.body.messages = state.raw;
        },
        onSpendRow(row, call, answer, sim) {
            const state = applied.get(call);
            if (state) {
                const counts: Record<string, number> = {};
                for (const r of state.results) counts[r.entity_type] = (counts[r.entity_type] ?? 0) + 1;
                const info = {
                    guardrail_name: name,
                    guardrail_provider: "presidio",
                    guardrail_mode: "pre_call",
                    guardrail_status: "success",
                    guardrail_response: state.results,
                    masked_entity_count: counts,
                    start_time: state.startedAt / 1000,
                    end_time: state.endedAt / 1000,
                    duration: (state.endedAt - state.startedAt) / 1000,
                };
                row.metadata.applied_guardrails = [name];
                row.metadata.guardrail_information = sim.options.version === "1.82" ? info : [info];
            }
            const measured183 = sim.options.version === "1.83" && state !== undefined && !answer.cacheHit;
            if (measured183) Object.assign(row, { model: answer.servedBy.upstreamModel, model_group: "", model_id: "", cache_hit: "None" });
            // 1.104+ (measured on 1.108.7): rows the guardrail ran on keep model_group, but cache_hit reads "None".
            if (sim.options.version === "1.104" && state !== undefined && !answer.cacheHit) row.cache_hit = "None";
            if (storePrompts) {
                const body = measured183 && state ? { ...call.body, messages: structuredClone(state.raw) } : structuredClone(call.body);
                // The request body itself, as real 1.83.10 stores it (not wrapped with url/method/headers).
                row.proxy_server_request = body;
                row.response = structuredClone(answer.completion);
            }
        },
    };
}
