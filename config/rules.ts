/**
 * Rules that span more than one key. Each returns problems that name the key, show the value and give the fix.
 *
 * A rule declares the parts of the spec it reads (`reads`), so it still runs when OTHER sections failed to
 * parse: the user sees every problem in one pass, without noise from a section whose value was replaced
 * by its default. A rule without `reads` runs only when every section parsed.
 */
import { FALLBACK_PROBE_MODEL } from "./defaults";
import { displayValue, SECRET_MASK, type ConfigProblem } from "./errors";
import type { GatewaySpec } from "./gateway-spec";
import { CHECK_IDS } from "../verify/checks";
import { hostPortRules } from "./host-ports";
import { digestConflictProblems } from "./image";
import { acceptedAdvisoryRules } from "./sections/accepted-advisories";
import { accessRules } from "./sections/access";
import { cacheRules } from "./sections/cache";
import { observabilityRules } from "./sections/observability";
import { otelRules } from "./sections/otel";
import { okeRules } from "./sections/oke-rules";
import { spendWaitRules } from "./spend-wait";
import { upstreamRules } from "./sections/upstreams";
import { imageUserRules } from "./image-user";

/**
 * OCI Generative AI models LiteLLM prices out of the box (its cost map, litellm.md §10). Any other
 * OCI model must be priced explicitly, or spend is recorded as $0 and budgets never trip.
 */
export const OCI_MODELS_IN_COST_MAP = new Set([
    "meta.llama-3.1-405b-instruct",
    "meta.llama-3.2-90b-vision-instruct",
    "meta.llama-3.3-70b-instruct",
    "meta.llama-4-maverick-17b-128e-instruct-fp8",
    "meta.llama-4-scout-17b-16e-instruct",
    "xai.grok-3",
    "xai.grok-3-fast",
    "xai.grok-3-mini",
    "xai.grok-3-mini-fast",
    "xai.grok-4",
    "cohere.command-latest",
    "cohere.command-a-03-2025",
    "cohere.command-plus-latest",
]);

/** Master keys that are published in docs and examples, so they protect nothing. */
const WELL_KNOWN_MASTER_KEYS = new Set(["sk-1234", "sk-12345", "sk-123456", "sk-master", "sk-litellm"]);

/** Words that ask for Oracle Database, which cannot back LiteLLM. */
const ORACLE_DB_MODES = new Set(["autonomous", "adb", "atp", "adw", "oracle", "oracle-adb", "autonomous-database"]);

type Rule = ((spec: GatewaySpec, raw: Record<string, unknown>, now: Date) => ConfigProblem[]) & { reads?: readonly (keyof GatewaySpec)[] };

/** The parts of the spec that always parse, so a rule reads them without naming them. */
type AlwaysParsed = "project" | "stack" | "secrets";

/**
 * Declares what a rule reads. The rule sees only those parts of the spec (and the ones that always
 * parse), so the compiler refuses a rule that reads a section its list does not name.
 */
const reading = <K extends keyof GatewaySpec>(reads: readonly K[], rule: (spec: Pick<GatewaySpec, NoInfer<K> | AlwaysParsed>, raw: Record<string, unknown>, now: Date) => ConfigProblem[]): Rule =>
    Object.assign((spec: GatewaySpec, raw: Record<string, unknown>, now: Date) => rule(spec, raw, now), { reads });

const key = (spec: { project: string }, path: string) => `${spec.project}:${path}`;

const modelRules = reading(["models", "target"], (spec) => {
    const problems: ConfigProblem[] = [];
    const seen = new Map<string, number>();
    spec.models.forEach((m, i) => {
        if (m.name === FALLBACK_PROBE_MODEL) {
            problems.push({ key: key(spec, `models[${i}].name`), message: `'${m.name}' is reserved for the verification's fallback probe`, fix: "choose another model name" });
        }
        const first = seen.get(m.name);
        if (first !== undefined) {
            problems.push({ key: key(spec, `models[${i}].name`), value: displayValue(m.name), message: `duplicate model name (also models[${first}])`, fix: "give every model a unique name; to load-balance one group over several upstreams, use distinct names and a fallback" });
        } else seen.set(m.name, i);
        if (m.upstream === "stub" && spec.target !== "docker") {
            problems.push({ key: key(spec, `models[${i}].upstream`), value: displayValue(m.upstream), message: "the stub upstream only runs on the docker target", fix: `use upstream 'oci' or 'openai' on oke: \`pulumi config set --path 'models[${i}].upstream' oci\`` });
        }
        if (m.upstream === "oci") {
            const priced = m.inputCostPerToken !== undefined && m.outputCostPerToken !== undefined;
            if (!priced && !OCI_MODELS_IN_COST_MAP.has(m.model)) {
                problems.push({ key: key(spec, `models[${i}]`), value: displayValue(m), message: `OCI model '${m.model}' is not in LiteLLM's cost map, so its spend would be recorded as $0 and budgets would never trip`, fix: `set inputCostPerToken and outputCostPerToken (USD per token) from the OCI price list, e.g. \`pulumi config set --path 'models[${i}].inputCostPerToken' 0.0000005 --type float\`` });
            }
            if (m.ociServingMode === "DEDICATED" && !m.ociEndpointId) {
                problems.push({ key: key(spec, `models[${i}].ociEndpointId`), message: "is required when ociServingMode is DEDICATED", fix: `set the dedicated AI cluster endpoint OCID: \`pulumi config set --path 'models[${i}].ociEndpointId' ocid1.generativeaiendpoint...\`` });
            }
        }
    });
    return problems;
});

const fallbackRules = reading(["models", "fallbacks"], (spec) => {
    const declared = new Set(spec.models.map((m) => m.name));
    const problems: ConfigProblem[] = [];
    const primaries = new Set<string>();
    spec.fallbacks.forEach((f, i) => {
        if (!declared.has(f.model)) {
            problems.push({ key: key(spec, `fallbacks[${i}].model`), value: displayValue(f.model), message: `names undeclared model '${f.model}'`, fix: `use one of the declared models: ${[...declared].join(", ")}` });
        }
        if (primaries.has(f.model)) {
            problems.push({ key: key(spec, `fallbacks[${i}].model`), value: displayValue(f.model), message: `'${f.model}' already has a fallback entry`, fix: "merge the lists into one entry per model" });
        }
        primaries.add(f.model);
        f.to.forEach((target, j) => {
            if (!declared.has(target)) {
                problems.push({ key: key(spec, `fallbacks[${i}].to[${j}]`), value: displayValue(target), message: `names undeclared model '${target}'`, fix: `fall back to a declared model: ${[...declared].join(", ")}` });
            } else if (target === f.model) {
                problems.push({ key: key(spec, `fallbacks[${i}].to[${j}]`), value: displayValue(target), message: `'${f.model}' falls back to itself`, fix: "fall back to a different model group" });
            }
        });
    });
    return problems;
});

const ociRules = reading(["models", "oci"], (spec) => {
    if (!spec.models.some((m) => m.upstream === "oci")) return [];
    const problems: ConfigProblem[] = [];
    const required: [keyof GatewaySpec["oci"], string][] = [
        ["region", "the OCI region identifier, e.g. us-chicago-1"],
        ["compartmentId", "the compartment OCID that holds the Generative AI policy"],
        ["tenancyOcid", "the tenancy OCID"],
        ["userOcid", "the OCID of the user that owns the API signing key"],
        ["fingerprint", "the API signing key's fingerprint"],
    ];
    for (const [field, what] of required) {
        if (!spec.oci[field]) problems.push({ key: key(spec, `oci.${field}`), message: "is required because a model uses upstream 'oci'", fix: `set ${what} with \`pulumi config set --path oci.${field} <value>\`` });
    }
    if (!spec.secrets.ociPrivateKey) {
        problems.push({ key: key(spec, "ociPrivateKey"), message: "is required because a model uses upstream 'oci'", fix: "set the API signing key with `pulumi config set --secret ociPrivateKey -- \"$(cat ~/.oci/oci_api_key.pem)\"`" });
    } else if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(spec.secrets.ociPrivateKey)) {
        problems.push({ key: key(spec, "ociPrivateKey"), value: SECRET_MASK, message: "is not a PEM private key", fix: "set the contents of the .pem file, including the BEGIN/END lines: `pulumi config set --secret ociPrivateKey -- \"$(cat ~/.oci/oci_api_key.pem)\"`" });
    }
    return problems;
});

const databaseRules = reading(["database", "target", "oci"], (spec, raw) => {
    const given = (raw.database as { mode?: unknown } | undefined)?.mode;
    const mode = String(given ?? spec.database.mode).toLowerCase();
    const at = key(spec, "database.mode");
    const value = displayValue(given ?? spec.database.mode);
    const allowed: Record<string, string[]> = { docker: ["container", "external"], oke: ["in-cluster", "oci-psql", "external"] };
    if (ORACLE_DB_MODES.has(mode)) {
        return [{ key: at, value, message: "Oracle Autonomous Database cannot back LiteLLM: LiteLLM keeps keys, budgets and spend through Prisma, and Prisma has no Oracle support", fix: `use ${allowed[spec.target].join(", ")} (oci-psql is OCI Database with PostgreSQL, on oke)` }];
    }
    if (!["container", "in-cluster", "oci-psql", "external"].includes(mode)) {
        return [{ key: at, value, message: `unknown mode '${mode}'`, fix: `use one of: ${allowed[spec.target].join(", ")}` }];
    }
    if (!allowed[spec.target].includes(mode)) {
        return [{ key: at, value, message: `'${mode}' is not available on target ${spec.target}`, fix: `use one of: ${allowed[spec.target].join(", ")}` }];
    }
    const problems: ConfigProblem[] = [];
    if (mode === "external") {
        const url = spec.secrets.databaseUrl;
        if (!url) problems.push({ key: key(spec, "databaseUrl"), message: "is required when database.mode is external", fix: "`pulumi config set --secret databaseUrl postgresql://user:password@host:5432/litellm`" });
        else if (!/^postgres(ql)?:\/\/[^\s]+$/.test(url)) problems.push({ key: key(spec, "databaseUrl"), value: SECRET_MASK, message: "is not a postgresql:// URL", fix: "use postgresql://user:password@host:5432/dbname (LiteLLM supports only PostgreSQL): `pulumi config set --secret databaseUrl postgresql://...`" });
    }
    if (mode === "oci-psql") {
        if (!spec.database.oci) problems.push({ key: key(spec, "database.oci.subnetId"), message: "is required when database.mode is oci-psql", fix: "set the private subnet OCID the DB system is placed in: `pulumi config set --path database.oci.subnetId ocid1.subnet...`" });
        if (!spec.oci.compartmentId) problems.push({ key: key(spec, "oci.compartmentId"), message: "is required when database.mode is oci-psql", fix: "set the compartment that will hold the DB system: `pulumi config set --path oci.compartmentId ocid1.compartment...`" });
    }
    return problems;
});

const secretRules = reading([], (spec) => {
    const problems: ConfigProblem[] = [];
    const mk = spec.secrets.masterKey;
    if (mk !== undefined) {
        if (!mk.startsWith("sk-")) problems.push({ key: key(spec, "masterKey"), value: SECRET_MASK, message: "must start with 'sk-' (LiteLLM's key format)", fix: "set a value like sk-<at least 32 random characters>, or unset it (`pulumi config rm masterKey`) to have one generated" });
        else if (WELL_KNOWN_MASTER_KEYS.has(mk) || mk.length < 20) problems.push({ key: key(spec, "masterKey"), value: SECRET_MASK, message: "is a published example or too short to resist guessing", fix: "use sk- followed by at least 32 random characters, or unset it (`pulumi config rm masterKey`) to have one generated" });
    }
    const salt = spec.secrets.saltKey;
    if (salt !== undefined && salt.length < 16) {
        problems.push({ key: key(spec, "saltKey"), value: SECRET_MASK, message: "is shorter than 16 characters", fix: "use at least 32 random characters; set it once and never change it, or stored credentials become unreadable" });
    }
    return problems;
});

/** LiteLLM refuses to generate a key without a budget when the default budget exceeds the upper bound. */
const keyRules = reading(["keys"], (spec) => {
    const { defaultMaxBudgetUsd: budget, maxBudgetUpperBoundUsd: bound } = spec.keys;
    if (budget === undefined || bound === undefined || budget <= bound) return [];
    return [{
        key: key(spec, "keys.defaultMaxBudgetUsd"),
        value: displayValue(budget),
        message: `is above keys.maxBudgetUpperBoundUsd (${bound}): LiteLLM would refuse every key generated without its own max_budget`,
        fix: `lower it to at most ${bound} (\`pulumi config set --path keys.defaultMaxBudgetUsd ${bound} --type float\`), or raise keys.maxBudgetUpperBoundUsd`,
    }];
});

const targetRules = reading(["target", "oke"], (spec) => {
    if (spec.target !== "oke") return [];
    if (!spec.oke.clusterId && !spec.secrets.kubeconfig) {
        return [{ key: key(spec, "oke.clusterId"), message: "the oke target needs a cluster: set oke.clusterId or the kubeconfig secret", fix: "`pulumi config set --path oke.clusterId ocid1.cluster...` (the ambient kubeconfig is never used)" }];
    }
    return [];
});

/** A stub digest that disagrees with a digest already in stub.image. */
const stubRules = reading(["stub"], (spec, raw) => {
    const stub = (raw.stub ?? {}) as { image?: string; imageDigest?: string };
    return digestConflictProblems(spec.project, "stub.image", stub.image, stub.imageDigest);
});

const guardrailRules = reading(["guardrails"], (spec) => {
    const g = spec.guardrails;
    if (!g.enabled || g.mode === "pre_call") return [];
    // during_call runs beside the upstream call, post_call after it, logging_only masks only what the
    // logging sinks see (and has leaked raw PII to Langfuse: LiteLLM #35951). None keeps PII from the model.
    return [{ key: key(spec, "guardrails.mode"), value: displayValue(g.mode), message: `'${g.mode}' does not mask the prompt before the upstream call, so PII would reach the model`, fix: "use pre_call: `pulumi config set --path guardrails.mode pre_call`" }];
});

const verificationRules = reading(["verification"], (spec) =>
    (spec.verification.checks ?? []).flatMap((id, i) =>
        CHECK_IDS.includes(id) ? [] : [{ key: key(spec, `verification.checks[${i}]`), value: displayValue(id), message: `unknown check id '${id}'`, fix: `use ids from: ${CHECK_IDS.join(", ")}` }],
    ),
);

const CROSS_RULES: Rule[] = [
    modelRules,
    fallbackRules,
    ociRules,
    databaseRules,
    secretRules,
    keyRules,
    targetRules,
    reading(["target", "oke", "gateway"], okeRules),
    reading(["observability", "target"], observabilityRules),
    reading(["observability", "target"], otelRules),
    guardrailRules,
    verificationRules,
    reading(["cache", "target", "oci"], cacheRules),
    reading(["target", "gateway", "stub", "models", "observability"], hostPortRules),
    reading(["gateway", "verification"], spendWaitRules),
    stubRules,
    reading(["access", "models", "target"], accessRules),
    reading(["models", "target", "verification"], upstreamRules),
    reading(["target", "database", "cache"], imageUserRules),
    reading(["gateway"], (spec, _raw, now) => acceptedAdvisoryRules(spec, now)),
];

/**
 * Every cross-field problem the spec has. `failed` names the sections that did not parse (their value in
 * `spec` is a default, not the user's): rules reading one of them are skipped.
 */
export function crossChecks(spec: GatewaySpec, raw: Record<string, unknown>, failed: ReadonlySet<string> = new Set(), now: Date = new Date()): ConfigProblem[] {
    return CROSS_RULES.flatMap((rule) => {
        const runs = rule.reads === undefined ? failed.size === 0 : rule.reads.every((part) => !failed.has(part));
        return runs ? rule(spec, raw, now) : [];
    });
}
