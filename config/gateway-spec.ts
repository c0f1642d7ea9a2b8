/**
 * The typed spec every component receives: the stack config, validated, with every default applied.
 * Types only, so the rules (config/rules.ts) and the parser (config/spec.ts) both depend on it and the
 * config modules form no cycle. `config/spec.ts` re-exports these names.
 */
import type { z } from "zod";
import type { SecretKey } from "./keys";
import type { Target } from "./primitives";
import type { databaseSchema, ociSchema } from "./schema";
import type { AcceptedAdvisory } from "./advisories";
import type { AccessSpec } from "./sections/access";
import type { CacheSettings } from "./sections/cache";
import type { ObservabilityConfig } from "./sections/observability";
import type { OkeConfig } from "./sections/oke";

export interface ModelSpec {
    name: string;
    upstream: "stub" | "oci" | "openai";
    model: string;
    /** Explicit pricing; undefined only for models LiteLLM already prices (its cost map). */
    inputCostPerToken?: number;
    outputCostPerToken?: number;
    ociServingMode?: "ON_DEMAND" | "DEDICATED";
    ociEndpointId?: string;
    /** `openai` upstream: base URL, and the name of its key in the `upstreamApiKeys` secret. */
    apiBase?: string;
    apiKeySecret?: string;
}

export type DatabaseMode = "container" | "in-cluster" | "oci-psql" | "external";

export interface GatewaySpec {
    project: string;
    stack: string;
    target: Target;
    models: ModelSpec[];
    fallbacks: { model: string; to: string[] }[];
    gateway: {
        image: string;
        port: number;
        spendBatchWriteSeconds: number;
        logLevel: "DEBUG" | "INFO" | "WARNING" | "ERROR";
        numWorkers: number;
        memoryMb: number;
        /** Advisories `image` runs with on purpose (`gateway.acceptedAdvisories`); empty when none. */
        acceptedAdvisories: AcceptedAdvisory[];
    };
    keys: { defaultMaxBudgetUsd?: number; maxBudgetUpperBoundUsd?: number; defaultDuration?: string };
    /** `runAsUser`/`runAsGroup`: overrides of the in-cluster image's user (config/image-user.ts imageRunAs). */
    database: { mode: DatabaseMode; image: string; name: string; storageGb: number; runAsUser?: number; runAsGroup?: number; oci?: NonNullable<z.infer<typeof databaseSchema>["oci"]> };
    /** Parsed `cache` section (mode-specific fields: host, port, tls, oci) with the common defaults applied. */
    cache: CacheSettings;
    guardrails: { enabled: boolean; name: string; mode: "pre_call" | "during_call" | "post_call" | "logging_only"; entities: string[]; storePromptsInSpendLogs: boolean; analyzerImage: string; anonymizerImage: string };
    /** Parsed `observability` section; `langfuseSettings(spec)` resolves the rest of its defaults. */
    observability: ObservabilityConfig & { enabled: boolean; langfuseMajor: 3 | 4 };
    /** `spendLogTimeoutSeconds` is derived from `gateway.spendBatchWriteSeconds` unless set (config/spend-wait.ts). */
    verification: {
        enabled: boolean;
        mode: "enforce" | "warn";
        checks?: string[];
        spendLogTimeoutSeconds: number;
        /**
         * The `latency` check: SLO on the overhead p95 (ms) when set (then strict; unset, the engine's default SLO is
         * reported and gates only a confirmed, large miss), requests sent, requests in flight.
         */
        latency: { overheadP95Ms?: number; requests: number; concurrency: number };
    };
    oci: z.infer<typeof ociSchema>;
    /** Parsed `oke` section; `okeSettings(spec)` resolves the rest of its defaults. */
    oke: OkeConfig & { namespace: string };
    stub: { image: string; reportPort: number };
    /** Teams and virtual keys as code (`access` section); empty lists when undeclared. */
    access: AccessSpec;
    /** Secret values supplied by the user. Plain strings here; components wrap them with pulumi.secret at once. */
    secrets: Partial<Record<SecretKey, string>>;
}
