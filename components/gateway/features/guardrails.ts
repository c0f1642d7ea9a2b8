/**
 * The Presidio guardrail part of config.yaml. `default_on` makes it run on every request without the
 * client opting in (a guardrail that silently does not fire is pain #14); `pre_call` masks before the
 * upstream call. Spend logs keep request bodies so redaction can be audited: that is a privacy
 * trade-off (the MASKED prompt is stored in Postgres), switched by guardrails.storePromptsInSpendLogs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../../config/spec";
import type { EnvVar } from "../../shared/docker";
import { envRef } from "../contract";

export const GUARDRAIL_ENV = { analyzer: "PRESIDIO_ANALYZER_API_BASE", anonymizer: "PRESIDIO_ANONYMIZER_API_BASE" } as const;

export function guardrailBlocks(spec: GatewaySpec): Record<string, unknown>[] {
    if (!spec.guardrails.enabled) return [];
    const g = spec.guardrails;
    return [
        {
            guardrail_name: g.name,
            litellm_params: {
                guardrail: "presidio",
                mode: g.mode,
                default_on: true,
                presidio_analyzer_api_base: envRef(GUARDRAIL_ENV.analyzer),
                presidio_anonymizer_api_base: envRef(GUARDRAIL_ENV.anonymizer),
                presidio_language: "en",
                pii_entities_config: Object.fromEntries([...g.entities].sort().map((e) => [e, "MASK"])),
            },
        },
    ];
}

export function guardrailGeneralSettings(spec: GatewaySpec): Record<string, unknown> {
    if (!spec.guardrails.enabled || !spec.guardrails.storePromptsInSpendLogs) return {};
    return { store_prompts_in_spend_logs: true };
}

/** The gateway env the guardrail block refers to. */
export function guardrailGatewayEnv(analyzerUrl: pulumi.Input<string>, anonymizerUrl: pulumi.Input<string>): EnvVar[] {
    return [
        { name: GUARDRAIL_ENV.analyzer, value: analyzerUrl },
        { name: GUARDRAIL_ENV.anonymizer, value: anonymizerUrl },
    ];
}
