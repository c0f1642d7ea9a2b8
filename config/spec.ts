/**
 * `parseSpec`: raw stack config in, a typed, defaulted, cross-checked `GatewaySpec` out, or a
 * ConfigError listing every problem. Pure: no Pulumi, so every rule is unit-tested directly.
 */
import { z } from "zod";
import * as d from "./defaults";
import { ConfigError, ConfigProblem, problemsFromZod } from "./errors";
import {
    cacheSchema, databaseSchema, fallbackSchema, gatewaySchema, guardrailsSchema, keysSchema, modelSchema,
    observabilitySchema, ociSchema, okeSchema, stubSchema, Target, TARGETS, verificationSchema,
} from "./schema";
import { crossChecks } from "./rules";
import { SECRET_KEYS, SecretKey } from "./keys";
import { withDigest } from "./image";
import { accessSchema, AccessSpec } from "./sections/access";

/** Stack config as read from Pulumi: plain values by key, secrets with whether they were set encrypted. */
export interface RawStackConfig {
    project: string;
    stack: string;
    values: Record<string, unknown>;
    secrets: Partial<Record<SecretKey, { value: string; isSecret: boolean }>>;
    /** Keys in the project namespace that this program does not know (typos). */
    unknownKeys: string[];
}

export const SECTION_SCHEMAS = {
    target: z.enum(TARGETS),
    models: z.array(modelSchema).min(1, "must declare at least one model"),
    fallbacks: z.array(fallbackSchema),
    gateway: gatewaySchema,
    keys: keysSchema,
    database: databaseSchema,
    cache: cacheSchema,
    guardrails: guardrailsSchema,
    observability: observabilitySchema,
    verification: verificationSchema,
    oci: ociSchema,
    oke: okeSchema,
    stub: stubSchema,
    access: accessSchema,
};
export type SectionName = keyof typeof SECTION_SCHEMAS;
export const SECTION_NAMES = Object.keys(SECTION_SCHEMAS) as SectionName[];
type Parsed = { [K in SectionName]: z.infer<(typeof SECTION_SCHEMAS)[K]> | undefined };

export interface ModelSpec {
    name: string;
    upstream: "stub" | "oci";
    model: string;
    /** Explicit pricing; undefined only for models LiteLLM already prices (its cost map). */
    inputCostPerToken?: number;
    outputCostPerToken?: number;
    ociServingMode?: "ON_DEMAND" | "DEDICATED";
    ociEndpointId?: string;
}

export type DatabaseMode = "container" | "in-cluster" | "oci-psql" | "external";

export interface GatewaySpec {
    project: string;
    stack: string;
    target: Target;
    models: ModelSpec[];
    fallbacks: { model: string; to: string[] }[];
    gateway: { image: string; port: number; spendBatchWriteSeconds: number; logLevel: "DEBUG" | "INFO" | "WARNING" | "ERROR"; numWorkers: number; memoryMb: number };
    keys: { defaultMaxBudgetUsd?: number; maxBudgetUpperBoundUsd?: number; defaultDuration?: string };
    database: { mode: DatabaseMode; image: string; name: string; storageGb: number; oci?: NonNullable<z.infer<typeof databaseSchema>["oci"]> };
    /** Parsed `cache` section (mode-specific fields: host, port, tls, oci) with the common defaults applied. */
    cache: z.infer<typeof cacheSchema> & { enabled: boolean; ttlSeconds: number; mode: "container" | "in-cluster" | "oci-cache" | "external"; image: string };
    guardrails: { enabled: boolean; name: string; mode: "pre_call" | "during_call" | "post_call" | "logging_only"; entities: string[]; storePromptsInSpendLogs: boolean; analyzerImage: string; anonymizerImage: string };
    /** Parsed `observability` section; `langfuseSettings(spec)` resolves the rest of its defaults. */
    observability: z.infer<typeof observabilitySchema> & { enabled: boolean; langfuseMajor: 3 | 4 };
    verification: {
        enabled: boolean;
        mode: "enforce" | "warn";
        checks?: string[];
        spendLogTimeoutSeconds: number;
        /** The `latency` check: SLO on the overhead p95 (ms), requests sent, requests in flight. */
        latency: { overheadP95Ms: number; requests: number; concurrency: number };
    };
    oci: z.infer<typeof ociSchema>;
    /** Parsed `oke` section; `okeSettings(spec)` resolves the rest of its defaults. */
    oke: z.infer<typeof okeSchema> & { namespace: string };
    stub: { image: string; reportPort: number };
    /** Teams and virtual keys as code (`access` section); empty lists when undeclared. */
    access: AccessSpec;
    /** Secret values supplied by the user. Plain strings here; components wrap them with pulumi.secret at once. */
    secrets: Partial<Record<SecretKey, string>>;
}

function parseSections(raw: RawStackConfig, problems: ConfigProblem[]): Parsed {
    const parsed = {} as Parsed;
    for (const name of SECTION_NAMES) {
        const value = raw.values[name];
        if (value === undefined) {
            parsed[name] = undefined;
            continue;
        }
        const result = SECTION_SCHEMAS[name].safeParse(value);
        if (result.success) (parsed as Record<string, unknown>)[name] = result.data;
        else problems.push(...problemsFromZod(`${raw.project}:${name}`, result.error));
    }
    return parsed;
}

function secretProblems(raw: RawStackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const key of SECRET_KEYS) {
        const entry = raw.secrets[key];
        if (entry && entry.value !== "" && !entry.isSecret) {
            problems.push({
                key: `${raw.project}:${key}`,
                message: "holds a secret but is stored in plaintext in the stack file",
                fix: `remove it with \`pulumi config rm ${key}\` and set it encrypted with \`pulumi config set --secret ${key} <value>\``,
            });
        }
    }
    return problems;
}

/** Applies defaults (some depend on the target) to sections that parsed. */
function withDefaults(raw: RawStackConfig, p: Parsed, target: Target): GatewaySpec {
    const models: ModelSpec[] = (p.models ?? d.DEFAULT_MODELS).map((m) =>
        m.upstream === "stub" ? { ...d.STUB_PRICING, ...m } : { ...m },
    );
    const db = p.database ?? {};
    const cache = p.cache ?? {};
    const guard = p.guardrails ?? {};
    const secrets: Partial<Record<SecretKey, string>> = {};
    for (const key of SECRET_KEYS) {
        const v = raw.secrets[key]?.value;
        if (v !== undefined && v !== "") secrets[key] = v;
    }
    return {
        project: raw.project,
        stack: raw.stack,
        target,
        models,
        fallbacks: p.fallbacks ?? (p.models ? [] : d.DEFAULT_FALLBACKS),
        gateway: { image: d.gatewayImageDefault(target), ...d.GATEWAY_DEFAULTS, ...p.gateway },
        keys: { ...p.keys },
        database: {
            mode: (db.mode ?? d.databaseModeDefault(target)) as DatabaseMode,
            image: db.image ?? d.DEFAULT_IMAGES.postgres,
            name: db.name ?? d.DATABASE_DEFAULTS.name,
            storageGb: db.storageGb ?? d.DATABASE_DEFAULTS.storageGb,
            oci: db.oci,
        },
        cache: {
            ...cache,
            enabled: cache.enabled ?? d.cacheEnabledDefault(target),
            ttlSeconds: cache.ttlSeconds ?? d.CACHE_DEFAULTS.ttlSeconds,
            mode: cache.mode ?? (target === "docker" ? "container" : "in-cluster"),
            image: cache.image ?? d.DEFAULT_IMAGES.redis,
        },
        guardrails: {
            ...d.GUARDRAIL_DEFAULTS,
            analyzerImage: d.DEFAULT_IMAGES.presidioAnalyzer,
            anonymizerImage: d.DEFAULT_IMAGES.presidioAnonymizer,
            ...guard,
        },
        observability: { ...d.OBSERVABILITY_DEFAULTS, ...p.observability },
        verification: { ...d.VERIFICATION_DEFAULTS, ...p.verification, latency: { ...d.LATENCY_DEFAULTS, ...p.verification?.latency } },
        oci: { ...p.oci },
        oke: { ...d.OKE_DEFAULTS, ...p.oke },
        stub: { image: withDigest(p.stub?.image ?? d.DEFAULT_IMAGES.node, p.stub?.imageDigest), reportPort: p.stub?.reportPort ?? d.STUB_REPORT_PORT },
        access: { adminUrl: p.access?.adminUrl, teams: p.access?.teams ?? [], keys: p.access?.keys ?? [] },
        secrets,
    };
}

/**
 * Validates raw stack config into a GatewaySpec. Throws ConfigError naming every bad key and its fix.
 */
export function parseSpec(raw: RawStackConfig): GatewaySpec {
    const problems: ConfigProblem[] = raw.unknownKeys.map((k) => ({
        key: `${raw.project}:${k}`,
        message: "unknown key",
        fix: `remove it with \`pulumi config rm ${k}\` or correct its spelling (keys: ${[...SECTION_NAMES, ...SECRET_KEYS].join(", ")})`,
    }));
    const parsed = parseSections(raw, problems);
    problems.push(...secretProblems(raw));
    const target: Target = parsed.target ?? "docker";
    const spec = withDefaults(raw, parsed, target);
    if (problems.length === 0) problems.push(...crossChecks(spec, raw.values));
    if (problems.length > 0) throw new ConfigError(problems);
    return spec;
}
