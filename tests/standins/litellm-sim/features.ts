/**
 * The simulator's optional capabilities, switched on by options (`cache: true`, `guardrail: "presidio-pii"`)
 * and plugged in through the ordinary extension hooks. Order matters as in LiteLLM: pre_call guardrails
 * run before the cache lookup, so a masked prompt is what gets cached.
 */
import { exactMatchCache } from "./cache";
import { presidioGuardrail } from "./presidio";
import type { LiteLLMSimOptions, SimExtension } from "./types";

export function featureExtensions(options: Pick<LiteLLMSimOptions, "cache" | "guardrail">): SimExtension[] {
    const out: SimExtension[] = [];
    if (options.guardrail) out.push(presidioGuardrail(typeof options.guardrail === "string" ? { name: options.guardrail } : options.guardrail));
    if (options.cache) out.push(exactMatchCache());
    return out;
}
