/**
 * `upstream: openai`: any OpenAI-compatible endpoint (vLLM, Ollama, TGI, OpenAI, Azure OpenAI's v1 API, OCI's
 * OpenAI-compatible API), on both stacks. A model names its endpoint (`apiBase`) and, when the endpoint needs
 * one, a key by name (`apiKeySecret`) from the `upstreamApiKeys` secret: a JSON object of name -> API key, so
 * one key serves several models and no key ever sits in plain config or config.yaml.
 *
 * The rules, in one place (docs/oke.md "OpenAI-compatible upstreams"):
 * - `apiBase` is an http(s) URL without credentials, query or fragment, and not the gateway's own loopback;
 * - a Kubernetes Service name (`*.svc`, `*.svc.cluster.local`) only resolves on oke;
 * - a public host needs a key, and https: an open public endpoint is either a forgotten key or anyone's to spend;
 *   cluster Services, single-label names, private addresses and private suffixes may go without;
 * - every model is priced unless it is one of OpenAI's own models on api.openai.com (LiteLLM's cost map knows
 *   those); a self-hosted model is outside the cost map, and unpriced spend would be $0, so budgets never trip;
 *   a $0 price is refused too while the `models` check runs, which fails on a group whose calls cost nothing.
 */
import { isIP } from "node:net";
import { displayValue, SECRET_MASK, type ConfigProblem } from "../errors";
import type { Target } from "../primitives";

/** What the rules read of a model (structural, so schema.ts can import this file without a cycle). */
interface UpstreamModel {
    name: string;
    upstream: string;
    model: string;
    apiBase?: string;
    apiKeySecret?: string;
    inputCostPerToken?: number;
    outputCostPerToken?: number;
}

/** What the rules read of the spec. */
interface UpstreamInput {
    project: string;
    target: Target;
    models: UpstreamModel[];
    secrets: { upstreamApiKeys?: string };
    verification: { enabled: boolean; checks?: string[] };
}

/** The secret config key holding the API keys of OpenAI-compatible upstreams. */
export const UPSTREAM_API_KEYS = "upstreamApiKeys";

/** A key's name in `upstreamApiKeys`: it becomes part of an env var and of a Secret key. */
export const API_KEY_NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

/** The gateway env var that carries the key named `name` (`openai-prod` -> `UPSTREAM_API_KEY_OPENAI_PROD`). */
export const upstreamApiKeyEnv = (name: string) => `UPSTREAM_API_KEY_${name.toUpperCase().replace(/-/g, "_")}`;

/** OpenAI's own endpoint: its models are in LiteLLM's cost map. */
export const OPENAI_API_HOST = "api.openai.com";
/** OpenAI models LiteLLM prices out of the box (model_prices_and_context_window.json); any other model must be priced. */
export const OPENAI_MODELS_IN_COST_MAP = new Set(["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano"]);

/**
 * Where an endpoint lives, which decides what it needs:
 * - `loopback`: the gateway's own container or pod (never the model server);
 * - `service`: a Kubernetes Service (`<service>.<namespace>.svc[.cluster.local]`): namespace and service known;
 * - `private`: a single-label name (a Service in the gateway's namespace, a container on the dev network), a
 *   private or link-local address, or a private suffix (.local, .internal, .lan, .home.arpa);
 * - `public`: anything else.
 */
export type EndpointKind = "loopback" | "service" | "private" | "public";

export interface UpstreamEndpoint {
    scheme: "http" | "https";
    host: string;
    /** The port, explicit or the scheme's default. */
    port: number;
    kind: EndpointKind;
    /** `service` endpoints: the Service and its namespace. */
    service?: string;
    namespace?: string;
}

const PRIVATE_SUFFIXES = [".local", ".internal", ".lan", ".home.arpa", ".localdomain"];

function privateAddress(ip: string): boolean {
    if (isIP(ip) === 6) return /^(fc|fd|fe80)/i.test(ip);
    const [a, b] = ip.split(".").map(Number);
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

function kindOf(host: string): Pick<UpstreamEndpoint, "kind" | "service" | "namespace"> {
    if (host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\./.test(host) || host === "0.0.0.0") return { kind: "loopback" };
    const svc = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(host);
    if (svc) return { kind: "service", service: svc[1], namespace: svc[2] };
    if (isIP(host)) return { kind: privateAddress(host) ? "private" : "public" };
    if (!host.includes(".") || PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return { kind: "private" };
    return { kind: "public" };
}

/** The endpoint of an `apiBase`, or why it is not a usable one. Pure: no DNS. */
export function upstreamEndpoint(apiBase: string): UpstreamEndpoint | { problem: string } {
    let url: URL;
    try {
        url = new URL(apiBase);
    } catch {
        return { problem: "is not a URL" };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `uses the scheme '${url.protocol.slice(0, -1)}', not http or https` };
    if (url.username || url.password) return { problem: "carries credentials in the URL, which would be written into config.yaml in clear" };
    if (url.search || url.hash) return { problem: "has a query or fragment; LiteLLM appends the route (/chat/completions) to the base URL, so it would end up in the wrong place" };
    const scheme = url.protocol === "https:" ? "https" : "http";
    const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return { scheme, host, port: url.port ? Number(url.port) : scheme === "https" ? 443 : 80, ...kindOf(host) };
}

/** The `upstreamApiKeys` secret as name -> key, or why it cannot be read. Unset: no keys. */
export function parseUpstreamApiKeys(text: string | undefined): Record<string, string> | { problem: string } {
    if (text === undefined || text.trim() === "") return {};
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        return { problem: "is not JSON" };
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "is not a JSON object" };
    for (const [name, key] of Object.entries(value)) {
        if (!API_KEY_NAME.test(name)) return { problem: `has the name ${JSON.stringify(name)}, which is not lower-case letters, digits and - (at most 40)` };
        if (typeof key !== "string" || key.trim() === "") return { problem: `has an empty or non-string key under '${name}'` };
    }
    return value as Record<string, string>;
}

/** The keys the gateway needs: name -> key, for the names some `openai` model references. */
export function referencedApiKeys(spec: Pick<UpstreamInput, "models" | "secrets">): Record<string, string> {
    const all = parseUpstreamApiKeys(spec.secrets.upstreamApiKeys);
    if ("problem" in all) throw new Error(`referencedApiKeys: ${UPSTREAM_API_KEYS} ${all.problem} (config validation should have said so)`);
    const names = [...new Set(spec.models.flatMap((m) => (m.upstream === "openai" && m.apiKeySecret ? [m.apiKeySecret] : [])))].sort();
    return Object.fromEntries(names.map((n) => [n, all[n]]));
}

type Key = (path: string) => string;

const SET_KEYS = `\`pulumi config set --secret ${UPSTREAM_API_KEYS} '{"<name>": "<api key>"}'\``;

/** Problems of one `openai` model's endpoint, key and price. */
function openAIModelProblems(m: UpstreamModel, i: number, target: Target, keys: Record<string, string> | undefined, modelsChecked: boolean, key: Key): ConfigProblem[] {
    const at = (field: string) => key(`models[${i}].${field}`);
    if (m.apiBase === undefined) {
        return [{ key: at("apiBase"), message: "is required for upstream 'openai'", fix: `set the endpoint's base URL, e.g. \`pulumi config set --path 'models[${i}].apiBase' http://vllm.ml.svc.cluster.local:8000/v1\`` }];
    }
    const endpoint = upstreamEndpoint(m.apiBase);
    const shown = displayValue(m.apiBase);
    const exampleFix = "use the base URL the server's OpenAI API answers on, e.g. http://vllm.ml.svc.cluster.local:8000/v1 or https://api.openai.com/v1";
    if ("problem" in endpoint) {
        const credentials = endpoint.problem.startsWith("carries credentials");
        return [{ key: at("apiBase"), value: credentials ? SECRET_MASK : shown, message: endpoint.problem, fix: credentials ? `take them out of the URL and put the key in the ${UPSTREAM_API_KEYS} secret (${SET_KEYS}), then name it in models[${i}].apiKeySecret` : exampleFix }];
    }
    const problems: ConfigProblem[] = [];
    if (endpoint.kind === "loopback") {
        problems.push({ key: at("apiBase"), value: shown, message: "is the gateway's own loopback, not the model server", fix: target === "oke" ? "use the model's Service, e.g. http://vllm.ml.svc.cluster.local:8000/v1" : "use a name the gateway container can reach: a container on the stack's network, or a LAN address of the host" });
    } else if (endpoint.kind === "service" && target === "docker") {
        problems.push({ key: at("apiBase"), value: shown, message: "is a Kubernetes Service name, which the dev stack's Docker network cannot resolve", fix: "use a name the gateway container can reach, or deploy with target oke" });
    } else if (endpoint.kind === "public" && endpoint.scheme === "http") {
        problems.push({ key: at("apiBase"), value: shown, message: `sends the API key and every prompt to the public host ${endpoint.host} unencrypted`, fix: `use https://${endpoint.host}…` });
    }
    if (m.apiKeySecret === undefined && endpoint.kind === "public") {
        problems.push({ key: at("apiKeySecret"), message: `is required: ${endpoint.host} is a public host, and a public endpoint that takes no key is anyone's to spend`, fix: `store the key with ${SET_KEYS} and name it: \`pulumi config set --path 'models[${i}].apiKeySecret' <name>\`` });
    }
    if (m.apiKeySecret !== undefined && keys !== undefined && keys[m.apiKeySecret] === undefined) {
        problems.push({ key: at("apiKeySecret"), value: displayValue(m.apiKeySecret), message: `names no key of the ${UPSTREAM_API_KEYS} secret (${Object.keys(keys).length === 0 ? "it is unset" : `it has ${Object.keys(keys).sort().join(", ")}`})`, fix: `add it: ${SET_KEYS} (the whole object, every key), or name an existing one` });
    }
    const priced = m.inputCostPerToken !== undefined && m.outputCostPerToken !== undefined;
    if (!priced && !(endpoint.host === OPENAI_API_HOST && OPENAI_MODELS_IN_COST_MAP.has(m.model))) {
        problems.push({
            key: key(`models[${i}]`),
            value: displayValue(m),
            message: `'${m.model}' at ${endpoint.host} is not in LiteLLM's cost map, so its spend would be recorded as $0 and budgets would never trip`,
            fix: `set inputCostPerToken and outputCostPerToken (USD per token; for a self-hosted model, your internal price), e.g. \`pulumi config set --path 'models[${i}].inputCostPerToken' 0.0000005 --type float\``,
        });
    } else if (priced && m.inputCostPerToken === 0 && m.outputCostPerToken === 0 && modelsChecked) {
        problems.push({
            key: key(`models[${i}]`),
            value: displayValue(m),
            message: "is priced at $0 in and out, so its calls cost $0: budgets never trip, and the `models` check fails on it",
            fix: `give it your internal price per token (e.g. 0.0000001), or leave \`models\` out of verification.checks`,
        });
    }
    return problems;
}

/** Every problem of the `openai` upstreams and the `upstreamApiKeys` secret. */
export function upstreamRules(spec: UpstreamInput): ConfigProblem[] {
    const key: Key = (path) => `${spec.project}:${path}`;
    const problems: ConfigProblem[] = [];
    // The `models` check calls every group and fails one whose calls cost $0.
    const modelsChecked = spec.verification.enabled && (spec.verification.checks === undefined || spec.verification.checks.includes("models"));
    const parsed = parseUpstreamApiKeys(spec.secrets.upstreamApiKeys);
    const keys = "problem" in parsed ? undefined : parsed;
    if ("problem" in parsed) problems.push({ key: key(UPSTREAM_API_KEYS), value: SECRET_MASK, message: parsed.problem, fix: `set a JSON object of name -> API key: ${SET_KEYS}` });
    spec.models.forEach((m, i) => {
        if (m.upstream === "openai") problems.push(...openAIModelProblems(m, i, spec.target, keys, modelsChecked, key));
        else
            for (const field of ["apiBase", "apiKeySecret"] as const) {
                if (m[field] !== undefined) problems.push({ key: key(`models[${i}].${field}`), value: displayValue(m[field]), message: `only applies to upstream 'openai', and this model uses '${m.upstream}'`, fix: `remove it: \`pulumi config rm --path 'models[${i}].${field}'\`` });
            }
    });
    const used = new Set(spec.models.flatMap((m) => (m.upstream === "openai" && m.apiKeySecret ? [m.apiKeySecret] : [])));
    for (const name of Object.keys(keys ?? {}).sort()) {
        if (!used.has(name)) problems.push({ key: key(UPSTREAM_API_KEYS), value: displayValue(name), message: `holds the key '${name}', which no model names in apiKeySecret`, fix: `remove it from the object, or set models[<i>].apiKeySecret to '${name}'` });
    }
    return problems;
}
