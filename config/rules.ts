/**
 * Rules that span more than one key. Each returns problems that name the key and the fix.
 */
import { FALLBACK_PROBE_MODEL } from "./defaults";
import type { ConfigProblem } from "./errors";
import type { GatewaySpec } from "./spec";
import { CHECK_IDS } from "../verify/checks";
import { accessRules } from "./sections/access";
import { cacheRules } from "./sections/cache";
import { observabilityRules } from "./sections/observability";
import { okeRules } from "./sections/oke-rules";
import { digestConflict } from "./image";

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

type Rule = (spec: GatewaySpec, raw: Record<string, unknown>) => ConfigProblem[];

const key = (spec: GatewaySpec, path: string) => `${spec.project}:${path}`;

const modelRules: Rule = (spec) => {
    const problems: ConfigProblem[] = [];
    const seen = new Map<string, number>();
    spec.models.forEach((m, i) => {
        if (m.name === FALLBACK_PROBE_MODEL) {
            problems.push({ key: key(spec, `models[${i}].name`), message: `'${m.name}' is reserved for the verification's fallback probe`, fix: "choose another model name" });
        }
        const first = seen.get(m.name);
        if (first !== undefined) {
            problems.push({ key: key(spec, `models[${i}].name`), message: `duplicate model name '${m.name}' (also models[${first}])`, fix: "give every model a unique name; to load-balance one group over several upstreams, use distinct names and a fallback" });
        } else seen.set(m.name, i);
        if (m.upstream === "stub" && spec.target !== "docker") {
            problems.push({ key: key(spec, `models[${i}].upstream`), message: "the stub upstream only runs on the docker target", fix: "use upstream 'oci' on oke" });
        }
        if (m.upstream === "oci") {
            const priced = m.inputCostPerToken !== undefined && m.outputCostPerToken !== undefined;
            if (!priced && !OCI_MODELS_IN_COST_MAP.has(m.model)) {
                problems.push({ key: key(spec, `models[${i}]`), message: `OCI model '${m.model}' is not in LiteLLM's cost map, so its spend would be recorded as $0 and budgets would never trip`, fix: "set inputCostPerToken and outputCostPerToken (USD per token) from the OCI price list" });
            }
            if (m.ociServingMode === "DEDICATED" && !m.ociEndpointId) {
                problems.push({ key: key(spec, `models[${i}].ociEndpointId`), message: "is required when ociServingMode is DEDICATED", fix: "set the dedicated AI cluster endpoint OCID" });
            }
        }
    });
    return problems;
};

const fallbackRules: Rule = (spec) => {
    const declared = new Set(spec.models.map((m) => m.name));
    const problems: ConfigProblem[] = [];
    const primaries = new Set<string>();
    spec.fallbacks.forEach((f, i) => {
        if (!declared.has(f.model)) {
            problems.push({ key: key(spec, `fallbacks[${i}].model`), message: `names undeclared model '${f.model}'`, fix: `use one of the declared models: ${[...declared].join(", ")}` });
        }
        if (primaries.has(f.model)) {
            problems.push({ key: key(spec, `fallbacks[${i}].model`), message: `'${f.model}' already has a fallback entry`, fix: "merge the lists into one entry per model" });
        }
        primaries.add(f.model);
        f.to.forEach((target, j) => {
            if (!declared.has(target)) {
                problems.push({ key: key(spec, `fallbacks[${i}].to[${j}]`), message: `names undeclared model '${target}'`, fix: `fall back to a declared model: ${[...declared].join(", ")}` });
            } else if (target === f.model) {
                problems.push({ key: key(spec, `fallbacks[${i}].to[${j}]`), message: `'${f.model}' falls back to itself`, fix: "fall back to a different model group" });
            }
        });
    });
    return problems;
};

const ociRules: Rule = (spec) => {
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
        problems.push({ key: key(spec, "ociPrivateKey"), message: "is not a PEM private key", fix: "set the contents of the .pem file, including the BEGIN/END lines" });
    }
    return problems;
};

const databaseRules: Rule = (spec, raw) => {
    const mode = String((raw.database as { mode?: unknown } | undefined)?.mode ?? spec.database.mode).toLowerCase();
    const at = key(spec, "database.mode");
    if (ORACLE_DB_MODES.has(mode)) {
        return [{ key: at, message: "Oracle Autonomous Database cannot back LiteLLM: LiteLLM keeps keys, budgets and spend through Prisma, and Prisma has no Oracle support", fix: "use oci-psql (OCI Database with PostgreSQL), in-cluster or external" }];
    }
    const allowed: Record<string, string[]> = { docker: ["container", "external"], oke: ["in-cluster", "oci-psql", "external"] };
    if (!["container", "in-cluster", "oci-psql", "external"].includes(mode)) {
        return [{ key: at, message: `unknown mode '${mode}'`, fix: `use one of: ${allowed[spec.target].join(", ")}` }];
    }
    if (!allowed[spec.target].includes(mode)) {
        return [{ key: at, message: `'${mode}' is not available on target ${spec.target}`, fix: `use one of: ${allowed[spec.target].join(", ")}` }];
    }
    const problems: ConfigProblem[] = [];
    if (mode === "external") {
        const url = spec.secrets.databaseUrl;
        if (!url) problems.push({ key: key(spec, "databaseUrl"), message: "is required when database.mode is external", fix: "`pulumi config set --secret databaseUrl postgresql://user:password@host:5432/litellm`" });
        else if (!/^postgres(ql)?:\/\/[^\s]+$/.test(url)) problems.push({ key: key(spec, "databaseUrl"), message: "is not a postgresql:// URL", fix: "use postgresql://user:password@host:5432/dbname (LiteLLM supports only PostgreSQL)" });
    }
    if (mode === "oci-psql") {
        if (!spec.database.oci) problems.push({ key: key(spec, "database.oci.subnetId"), message: "is required when database.mode is oci-psql", fix: "set the private subnet OCID the DB system is placed in" });
        if (!spec.oci.compartmentId) problems.push({ key: key(spec, "oci.compartmentId"), message: "is required when database.mode is oci-psql", fix: "set the compartment that will hold the DB system" });
    }
    return problems;
};

const secretRules: Rule = (spec) => {
    const problems: ConfigProblem[] = [];
    const mk = spec.secrets.masterKey;
    if (mk !== undefined) {
        if (!mk.startsWith("sk-")) problems.push({ key: key(spec, "masterKey"), message: "must start with 'sk-' (LiteLLM's key format)", fix: "set a value like sk-<at least 32 random characters>, or unset it to have one generated" });
        else if (WELL_KNOWN_MASTER_KEYS.has(mk) || mk.length < 20) problems.push({ key: key(spec, "masterKey"), message: "is a published example or too short to resist guessing", fix: "use sk- followed by at least 32 random characters, or unset it to have one generated" });
    }
    const salt = spec.secrets.saltKey;
    if (salt !== undefined && salt.length < 16) {
        problems.push({ key: key(spec, "saltKey"), message: "is shorter than 16 characters", fix: "use at least 32 random characters; set it once and never change it, or stored credentials become unreadable" });
    }
    return problems;
};

const targetRules: Rule = (spec) => {
    if (spec.target !== "oke") return [];
    if (!spec.oke.clusterId && !spec.secrets.kubeconfig) {
        return [{ key: key(spec, "oke.clusterId"), message: "the oke target needs a cluster: set oke.clusterId or the kubeconfig secret", fix: "`pulumi config set --path oke.clusterId ocid1.cluster...` (the ambient kubeconfig is never used)" }];
    }
    return [];
};

/** A stub digest that disagrees with a digest already in stub.image. */
const stubRules: Rule = (spec, raw) => {
    const stub = (raw.stub ?? {}) as { image?: string; imageDigest?: string };
    const conflict = stub.image ? digestConflict(stub.image, stub.imageDigest) : undefined;
    return conflict ? [{ key: key(spec, "stub.imageDigest"), message: conflict, fix: "drop the digest from stub.image, or remove stub.imageDigest" }] : [];
};

const guardrailRules: Rule = (spec) => {
    const g = spec.guardrails;
    if (!g.enabled || g.mode === "pre_call") return [];
    // during_call runs beside the upstream call, post_call after it, logging_only masks only what the
    // logging sinks see (and has leaked raw PII to Langfuse: LiteLLM #35951). None keeps PII from the model.
    return [{ key: key(spec, "guardrails.mode"), message: `'${g.mode}' does not mask the prompt before the upstream call, so PII would reach the model`, fix: "use pre_call" }];
};

const verificationRules: Rule = (spec) => {
    const unknown = (spec.verification.checks ?? []).filter((id) => !CHECK_IDS.includes(id));
    return unknown.map((id) => ({ key: key(spec, "verification.checks"), message: `unknown check id '${id}'`, fix: `use ids from: ${CHECK_IDS.join(", ")}` }));
};

export const CROSS_RULES: Rule[] = [modelRules, fallbackRules, ociRules, databaseRules, secretRules, targetRules, okeRules, observabilityRules, guardrailRules, verificationRules, cacheRules, stubRules, accessRules];

export function crossChecks(spec: GatewaySpec, raw: Record<string, unknown>): ConfigProblem[] {
    return CROSS_RULES.flatMap((rule) => rule(spec, raw));
}
