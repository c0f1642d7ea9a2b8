/**
 * `parseSpec`: raw stack config in, a typed, defaulted, cross-checked `GatewaySpec` out, or a
 * ConfigError listing every problem. Pure: no Pulumi, so every rule is unit-tested directly.
 */
import { z } from "zod";
import * as d from "./defaults";
import { incompleteModels, unknownKeyProblem, type UnknownKey } from "./cli-hints";
import { ConfigError, ConfigProblem, SECRET_MASK } from "./errors";
import type { DatabaseMode, GatewaySpec, ModelSpec } from "./gateway-spec";
import { fixed } from "./primitives";
import {
    cacheSchema, databaseSchema, fallbackSchema, gatewaySchema, guardrailsSchema, keysSchema, modelSchema,
    observabilitySchema, ociSchema, okeSchema, stubSchema, Target, TARGETS, verificationSchema,
} from "./schema";
import { crossChecks } from "./rules";
import { SECRET_KEYS, SecretKey } from "./keys";
import { withDigest } from "./image";
import { accessSchema } from "./sections/access";
import { derivedSpendLogWaitSeconds } from "./spend-wait";
import { problemsFromZod } from "./zod-problems";

export type { DatabaseMode, GatewaySpec, ModelSpec } from "./gateway-spec";

/** Stack config as read from Pulumi: plain values by key, secrets with whether they were set encrypted. */
export interface RawStackConfig {
    project: string;
    stack: string;
    /** Top-level values: parsed JSON, or the text itself when it is not JSON (e.g. `target`). */
    values: Record<string, unknown>;
    /** Top-level keys of `values` that were set with `--secret` (never shown in a message). */
    secretValues?: readonly string[];
    secrets: Partial<Record<SecretKey, { value: string; isSecret: boolean }>>;
    /** Keys in the project namespace that this program does not know (typos, keys set without --path). */
    unknownKeys: UnknownKey[];
}

export const SECTION_SCHEMAS = {
    target: z.enum(TARGETS),
    models: z.array(modelSchema).min(1, fixed("must declare at least one model", "declare one, e.g. `pulumi config set --path 'models[0].name' chat && pulumi config set --path 'models[0].upstream' stub && pulumi config set --path 'models[0].model' stub-model`, or remove the key to get the defaults")),
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

const REQUIRED_MODEL_FIELDS = Object.entries(modelSchema.shape).filter(([, schema]) => !schema.isOptional()).map(([field]) => field);

/** Parses every section that is set; `failed` names those that did not parse (their problems are in `problems`). */
function parseSections(raw: RawStackConfig, problems: ConfigProblem[]): { parsed: Parsed; failed: Set<SectionName> } {
    const parsed = {} as Parsed;
    const failed = new Set<SectionName>();
    for (const name of SECTION_NAMES) {
        const value = raw.values[name];
        if (value === undefined) {
            parsed[name] = undefined;
            continue;
        }
        const result = SECTION_SCHEMAS[name].safeParse(value);
        if (result.success) {
            (parsed as Record<string, unknown>)[name] = result.data;
            continue;
        }
        failed.add(name);
        let issues = result.error.issues;
        if (name === "models") {
            // A partial entry gets one problem with the commands that complete it, not one "is required" per field.
            const partial = incompleteModels(raw.project, raw.stack, value, REQUIRED_MODEL_FIELDS);
            problems.push(...partial.problems);
            issues = issues.filter((i) => !(i.path.length === 2 && partial.entries.has(i.path[0] as number) && i.code === z.ZodIssueCode.invalid_type && i.received === "undefined"));
        }
        const secret = raw.secretValues?.includes(name) ?? false;
        problems.push(...problemsFromZod({ project: raw.project, section: name, schema: SECTION_SCHEMAS[name], value, secret }, new z.ZodError(issues)));
    }
    return { parsed, failed };
}

function secretProblems(raw: RawStackConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const key of SECRET_KEYS) {
        const entry = raw.secrets[key];
        if (entry && entry.value !== "" && !entry.isSecret) {
            problems.push({
                key: `${raw.project}:${key}`,
                value: SECRET_MASK,
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
    const gateway = { image: d.gatewayImageDefault(target), ...d.GATEWAY_DEFAULTS, ...p.gateway, acceptedAdvisories: p.gateway?.acceptedAdvisories ?? [] };
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
        fallbacks: d.effectiveFallbacks(p.fallbacks, models.map((m) => m.name)),
        gateway,
        keys: { ...p.keys },
        database: {
            mode: (db.mode ?? d.databaseModeDefault(target)) as DatabaseMode,
            image: db.image ?? d.DEFAULT_IMAGES.postgres,
            name: db.name ?? d.DATABASE_DEFAULTS.name,
            storageGb: db.storageGb ?? d.DATABASE_DEFAULTS.storageGb,
            ...(db.runAsUser !== undefined ? { runAsUser: db.runAsUser } : {}),
            ...(db.runAsGroup !== undefined ? { runAsGroup: db.runAsGroup } : {}),
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
        verification: {
            ...d.VERIFICATION_DEFAULTS,
            spendLogTimeoutSeconds: derivedSpendLogWaitSeconds(gateway.spendBatchWriteSeconds),
            ...p.verification,
            // No SLO unless set: the engine's default (by guardrail) then applies, and gates only a confirmed, large miss.
            latency: { ...d.LATENCY_DEFAULTS, ...p.verification?.latency },
        },
        oci: { ...p.oci },
        oke: { ...d.OKE_DEFAULTS, ...p.oke },
        stub: { image: withDigest(p.stub?.image ?? d.DEFAULT_IMAGES.node, p.stub?.imageDigest), reportPort: p.stub?.reportPort ?? d.STUB_REPORT_PORT },
        access: { adminUrl: p.access?.adminUrl, teams: p.access?.teams ?? [], keys: p.access?.keys ?? [] },
        secrets,
    };
}

/** The top-level keys a stack may set. */
const TOP_LEVEL_KEYS: readonly string[] = [...SECTION_NAMES, ...SECRET_KEYS];

export interface ParseOptions {
    /** The moment acceptances in `gateway.acceptedAdvisories` are judged at (expired, too far ahead). Default: now. */
    now?: Date;
}

/**
 * Validates raw stack config into a GatewaySpec. Throws ConfigError naming every bad key, its value and
 * its fix: unknown keys, every section's schema, plaintext secrets, and the cross-field rules over every
 * section that parsed, all in one pass.
 */
export function parseSpec(raw: RawStackConfig, options: ParseOptions = {}): GatewaySpec {
    const problems: ConfigProblem[] = raw.unknownKeys.map((u) => unknownKeyProblem(raw.project, u, SECTION_NAMES, TOP_LEVEL_KEYS));
    const { parsed, failed } = parseSections(raw, problems);
    problems.push(...secretProblems(raw));
    const target: Target = parsed.target ?? "docker";
    const spec = withDefaults(raw, parsed, target);
    problems.push(...crossChecks(spec, raw.values, failed, options.now ?? new Date()));
    if (problems.length > 0) throw new ConfigError(problems);
    return spec;
}
