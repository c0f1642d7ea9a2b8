/**
 * Defects of real LiteLLM releases that the checks catch on the suite's own config, measured on the real
 * proxy. A declared defect must still fail exactly as declared (a defect that goes away fails the suite until
 * it is removed here), and it applies only to the versions it was measured on: a new pin is held to every
 * check until someone measures it. The report prints every defect that reproduced. Pure data.
 */
import type { GatewaySpec } from "../../../config/spec";

export interface KnownDefect {
    id: string;
    check: string;
    /** The check's failure message must match this. */
    message: RegExp;
    /** LiteLLM versions it was measured on. */
    versions: readonly string[];
    /** Whether the suite's config triggers it. */
    applies(spec: GatewaySpec): boolean;
    /** What is wrong, and where in LiteLLM, for the report. */
    what: string;
}

export const KNOWN_DEFECTS: readonly KnownDefect[] = [
    {
        id: "guardrail-drops-model-group",
        check: "spend-logs",
        message: /got model_group "" \(want "chat"\); likely cause: spend tracking records the wrong values/,
        versions: ["1.83.10"],
        applies: (spec) => spec.guardrails.enabled,
        what:
            "with a Presidio guardrail on, spend rows lose model_group and model_id: LiteLLM runs Presidio through its unified guardrail, " +
            "which adds `litellm_metadata` to the request (unified_guardrail.py _ensure_litellm_metadata), and the spend row then reads that " +
            "instead of the metadata holding model_group (core_helpers.get_litellm_metadata_from_kwargs)",
    },
    {
        id: "raw-prompt-in-spend-logs",
        check: "guardrail-pii",
        message: /got the SSN digits at proxy_server_request\.messages\[0\]\.content; likely cause: the upstream got the masked prompt but the raw one is logged/,
        versions: ["1.83.10"],
        applies: (spec) => spec.guardrails.enabled && spec.guardrails.storePromptsInSpendLogs,
        what:
            "with store_prompts_in_spend_logs (guardrails.storePromptsInSpendLogs, default true), the spend row stores the request body as " +
            "received, before the pre_call guardrail masked it: the raw SSN lands in Postgres although the model got <US_SSN>",
    },
];

export function knownDefectsFor(version: string, spec: GatewaySpec): KnownDefect[] {
    return KNOWN_DEFECTS.filter((d) => d.versions.includes(version) && d.applies(spec));
}
