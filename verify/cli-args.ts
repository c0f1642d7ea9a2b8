/**
 * The CLI's flags, as a table: each row names the flag, its env fallback, its value kind and where the
 * value goes. A later check adds its flag as one row (the `--expect-cache`, `--guardrail` and `--langfuse-*`
 * rows already fill their options for the checks that will read them).
 */
import { VerifyUsageError } from "./options";
import type { VerifyOptions } from "./types";

export interface CliSettings {
    options: Partial<VerifyOptions>;
    /** Where to write the JSON report; "-" prints it to stdout instead of the table. */
    jsonPath?: string;
    help: boolean;
    /** Partial Langfuse target, completed after parsing. */
    langfuse: { url?: string; publicKey?: string; secretKey?: string };
}

type FlagValue = string | number | boolean | string[];

export interface FlagSpec {
    flag: string;
    /** Short spellings, e.g. `-h`. */
    aliases?: string[];
    kind: "string" | "number" | "boolean" | "list";
    /** Environment variables read when the flag is absent, first match wins. */
    env?: string[];
    placeholder?: string;
    help: string;
    apply(settings: CliSettings, value: FlagValue): void;
}

export const FLAGS: FlagSpec[] = [
    { flag: "--gateway-url", kind: "string", env: ["GATEWAY_URL"], placeholder: "<url>", help: "gateway base URL, e.g. http://127.0.0.1:4000", apply: (s, v) => (s.options.gatewayUrl = v as string) },
    { flag: "--master-key", kind: "string", env: ["LITELLM_MASTER_KEY"], placeholder: "<key>", help: "LiteLLM master key (prefer the env var: argv is visible to other users)", apply: (s, v) => (s.options.masterKey = v as string) },
    { flag: "--model", kind: "string", placeholder: "<group>", help: "model group to call: needed by most checks (completion, keys, budget, spend logs, fallback...), which skip without it", apply: (s, v) => (s.options.model = v as string) },
    { flag: "--fallback-model", kind: "string", placeholder: "<group>", help: "group the model falls back to; enables the `fallback` check", apply: (s, v) => (s.options.fallbackModel = v as string) },
    { flag: "--fallback-probe-model", kind: "string", placeholder: "<group>", help: "a verification-only group that always fails and falls back like --model; the `fallback` check calls it instead of sending mock params (refused since LiteLLM 1.104)", apply: (s, v) => (s.options.fallbackProbeModel = v as string) },
    { flag: "--only", kind: "list", placeholder: "<id,id>", help: "run only these check ids", apply: (s, v) => (s.options.only = v as string[]) },
    { flag: "--json", kind: "string", placeholder: "<file|->", help: "write the JSON report to a file (\"-\": print it instead of the table)", apply: (s, v) => (s.jsonPath = v as string) },
    { flag: "--spend-log-timeout-ms", kind: "number", placeholder: "<ms>", help: "wait for batch-written spend rows (default 60000; use ≥ 2 × (proxy_batch_write_at + 5 s))", apply: (s, v) => (s.options.spendLogTimeoutMs = v as number) },
    { flag: "--key-expiry-seconds", kind: "number", placeholder: "<s>", help: "duration of the key the key-expiry check lets expire (default 5)", apply: (s, v) => (s.options.keyExpirySeconds = v as number) },
    { flag: "--budget-usd", kind: "number", placeholder: "<usd>", help: "max_budget of the key the budget check exhausts (default 0.0000001)", apply: (s, v) => (s.options.budgetUsd = v as number) },
    { flag: "--max-tokens", kind: "number", placeholder: "<n>", help: "max_tokens of every completion (default 5)", apply: (s, v) => (s.options.maxTokens = v as number) },
    { flag: "--check-timeout-ms", kind: "number", placeholder: "<ms>", help: "deadline of one check, on top of its inherent wait (default 30000)", apply: (s, v) => (s.options.checkTimeoutMs = v as number) },
    { flag: "--request-timeout-ms", kind: "number", placeholder: "<ms>", help: "timeout of one HTTP request (default 15000)", apply: (s, v) => (s.options.requestTimeoutMs = v as number) },
    { flag: "--run-id", kind: "string", placeholder: "<id>", help: "prefix of the run's key aliases (default: generated)", apply: (s, v) => (s.options.runId = v as string) },
    { flag: "--expect-cache", kind: "boolean", help: "the gateway caches responses (cache check)", apply: (s, v) => (s.options.expectCache = v as boolean) },
    { flag: "--guardrail", kind: "string", placeholder: "<name>", help: "guardrail to prove (guardrail check)", apply: (s, v) => (s.options.guardrail = v as string) },
    { flag: "--upstream-report-url", kind: "string", placeholder: "<url>", help: "stub upstream's report endpoint, e.g. http://127.0.0.1:4010 (dev): what the model really received", apply: (s, v) => (s.options.upstreamReportUrl = v as string) },
    { flag: "--langfuse-url", kind: "string", env: ["LANGFUSE_HOST"], placeholder: "<url>", help: "Langfuse base URL (trace check)", apply: (s, v) => (s.langfuse.url = v as string) },
    { flag: "--langfuse-public-key", kind: "string", env: ["LANGFUSE_PUBLIC_KEY"], placeholder: "<pk>", help: "Langfuse public key", apply: (s, v) => (s.langfuse.publicKey = v as string) },
    { flag: "--langfuse-secret-key", kind: "string", env: ["LANGFUSE_SECRET_KEY"], placeholder: "<sk>", help: "Langfuse secret key (prefer the env var)", apply: (s, v) => (s.langfuse.secretKey = v as string) },
    { flag: "--otel-query-url", kind: "string", env: ["OTEL_QUERY_URL"], placeholder: "<url>", help: "query API of the OTLP receiver the gateway exports to (otel-trace check), e.g. http://127.0.0.1:4318", apply: (s, v) => (s.options.otel = { ...s.options.otel, queryUrl: v as string }) },
    { flag: "--otel-no-prompts", kind: "boolean", help: "the gateway must not log prompts (observability.logPrompts false): otel-trace fails on any prompt text in a span", apply: (s, v) => (s.options.otel = { queryUrl: "", ...s.options.otel, promptsLogged: !(v as boolean) }) },
    { flag: "--access", kind: "string", env: ["LITELLM_ACCESS"], placeholder: "<json>", help: "declared teams and keys, {\"teams\":[…],\"keys\":[…]} (access check)", apply: (s, v) => (s.options.access = parseAccessFlag(v as string)) },
    { flag: "--access-keys", kind: "string", env: ["LITELLM_ACCESS_KEYS"], placeholder: "<json>", help: "raw values of declared keys, {\"<alias>\":\"sk-…\"} (prefer the env var)", apply: (s, v) => (s.options.accessKeys = parseJsonFlag("--access-keys", v as string) as Record<string, string>) },
    { flag: "--models", kind: "list", placeholder: "<group,group>", help: "model groups the `models` check calls (default: every group /model/info lists, without the fallback probe)", apply: (s, v) => (s.options.models = v as string[]) },
    { flag: "--models-concurrency", kind: "number", placeholder: "<n>", help: "`models` check: completions in flight at once (default 4)", apply: (s, v) => (s.options.modelsConcurrency = v as number) },
    { flag: "--latency-requests", kind: "number", placeholder: "<n>", help: "`latency` check: requests sent to --model (default 20)", apply: (s, v) => (s.options.latencyRequests = v as number) },
    { flag: "--latency-concurrency", kind: "number", placeholder: "<n>", help: "`latency` check: requests in flight at once (default 2)", apply: (s, v) => (s.options.latencyConcurrency = v as number) },
    { flag: "--overhead-p95-ms", kind: "number", placeholder: "<ms>", help: "`latency` check: the SLO, highest p95 of the gateway's overhead; given, a confirmed miss fails (default 500, 2500 with --guardrail, which fails only a confirmed median over 3 s beyond the liveliness round trip)", apply: (s, v) => (s.options.overheadP95Ms = v as number) },
    { flag: "--accepted-advisories", kind: "string", env: ["LITELLM_ACCEPTED_ADVISORIES"], placeholder: "<json>", help: "`security` check: advisories the running release may have, [{\"id\",\"reason\",\"expires\":\"YYYY-MM-DD\"}] (≤ 90 days ahead)", apply: (s, v) => (s.options.acceptedAdvisories = parseJsonList("--accepted-advisories", v as string) as NonNullable<VerifyOptions["acceptedAdvisories"]>) },
    { flag: "--help", aliases: ["-h"], kind: "boolean", help: "show this help", apply: (s, v) => (s.help = v as boolean) },
];

/** A JSON flag's value, a list or an object; the error never echoes the value (`--access-keys` holds keys). */
function parseJsonValue(flag: string, raw: string, kind: "object" | "list"): unknown {
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        parsed = undefined;
    }
    const fits = kind === "list" ? Array.isArray(parsed) : !!parsed && typeof parsed === "object" && !Array.isArray(parsed);
    if (!fits) throw new VerifyUsageError(`${flag} needs a JSON ${kind}`);
    return parsed;
}

const parseJsonFlag = (flag: string, raw: string) => parseJsonValue(flag, raw, "object") as Record<string, unknown>;
const parseJsonList = (flag: string, raw: string) => parseJsonValue(flag, raw, "list") as unknown[];

/** `--access`: `{teams?: [...], keys?: [...]}`, each entry with at least an alias and models. */
function parseAccessFlag(raw: string): NonNullable<VerifyOptions["access"]> {
    const parsed = parseJsonFlag("--access", raw);
    const list = (name: "teams" | "keys") => {
        const v = parsed[name] ?? [];
        const ok = Array.isArray(v) && v.every((e) => e && typeof e === "object" && typeof e.alias === "string" && Array.isArray(e.models));
        if (!ok) throw new VerifyUsageError(`--access: ${name} must be a list of {alias, models, ...}`);
        return v;
    };
    return { teams: list("teams"), keys: list("keys") };
}

function convert(spec: FlagSpec, raw: string): FlagValue {
    switch (spec.kind) {
        case "number": {
            const n = Number(raw);
            if (raw.trim() === "" || !Number.isFinite(n)) throw new VerifyUsageError(`${spec.flag} needs a number, got "${raw}"`);
            return n;
        }
        case "list":
            return raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
        case "boolean":
            if (raw === "true" || raw === "1") return true;
            if (raw === "false" || raw === "0") return false;
            throw new VerifyUsageError(`${spec.flag} takes no value (or true/false), got "${raw}"`);
        default:
            return raw;
    }
}

/** Parses argv (without node and script) and env into settings. Throws VerifyUsageError on mistakes. */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>, flags: readonly FlagSpec[] = FLAGS): CliSettings {
    const settings: CliSettings = { options: {}, help: false, langfuse: {} };
    const seen = new Set<string>();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (!arg.startsWith("-")) throw new VerifyUsageError(`unexpected argument "${arg}"`);
        const eq = arg.indexOf("=");
        const name = eq >= 0 ? arg.slice(0, eq) : arg;
        const spec = flags.find((f) => f.flag === name || (f.aliases ?? []).includes(name));
        if (!spec) throw new VerifyUsageError(`unknown flag ${name} (see --help)`);
        let raw: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
        if (raw === undefined && spec.kind !== "boolean") {
            raw = argv[++i];
            if (raw === undefined) throw new VerifyUsageError(`${spec.flag} needs a value ${spec.placeholder ?? ""}`.trim());
        }
        spec.apply(settings, raw === undefined ? true : convert(spec, raw));
        seen.add(spec.flag);
    }
    for (const spec of flags) {
        if (seen.has(spec.flag) || !spec.env) continue;
        const fromEnv = spec.env.map((name) => env[name]).find((v) => v !== undefined && v !== "");
        if (fromEnv !== undefined) spec.apply(settings, convert(spec, fromEnv));
    }
    const lf = settings.langfuse;
    const given = [lf.url, lf.publicKey, lf.secretKey].filter((v) => v !== undefined).length;
    if (given === 3) settings.options.langfuse = { url: lf.url as string, publicKey: lf.publicKey as string, secretKey: lf.secretKey as string };
    else if (given > 0 && ["--langfuse-url", "--langfuse-public-key", "--langfuse-secret-key"].some((f) => seen.has(f))) {
        throw new VerifyUsageError("Langfuse needs all three of --langfuse-url, --langfuse-public-key, --langfuse-secret-key (or LANGFUSE_HOST/_PUBLIC_KEY/_SECRET_KEY)");
    }
    if (settings.options.otel && !settings.options.otel.queryUrl) throw new VerifyUsageError("--otel-no-prompts needs --otel-query-url (or OTEL_QUERY_URL)");
    return settings;
}

export function usageText(checkIds: readonly string[], flags: readonly FlagSpec[] = FLAGS): string {
    const rows = flags.map((f) => {
        const left = `  ${[...(f.aliases ?? []), f.flag].join(", ")}${f.placeholder ? ` ${f.placeholder}` : ""}`;
        const env = f.env ? ` [env ${f.env.join(", ")}]` : "";
        return `${left.padEnd(34)} ${f.help}${env}`;
    });
    return [
        "Usage: npm run verify -- --gateway-url <url> --master-key <key> [--model <group>] [--fallback-model <group>] [--only <id,id>] [--json <file>]",
        "",
        "--gateway-url and --master-key are required (or GATEWAY_URL / LITELLM_MASTER_KEY). --model is optional but needed by most checks: without it they report skip.",
        "Proves a live LiteLLM gateway works: health, auth, completion, virtual keys, budget, spend logs, fallback, every model group answering and the gateway's overhead; with the flags below also the response cache, PII redaction and Langfuse traces.",
        "Exit 0 when every selected check passes (or skips), 1 when any fails, 2 on usage errors.",
        "",
        "Flags:",
        ...rows,
        "",
        `Check ids: ${checkIds.join(", ")}`,
    ].join("\n");
}
