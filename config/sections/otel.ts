/**
 * `observability.mode: otel`: traces exported with LiteLLM's OpenTelemetry callback (`otel`) over OTLP/HTTP
 * to an endpoint the user names (a collector, Grafana Tempo, Honeycomb, Datadog's OTLP intake), headers from
 * the `otelHeaders` secret. `otelMode(spec)` decides what runs; `otelRules` refuses what can never work.
 *
 * LiteLLM 1.108.7 reads OTEL_EXPORTER (`otlp_http`), OTEL_ENDPOINT (it appends `/v1/traces` unless the URL
 * already ends so) and OTEL_HEADERS (`name=value,name=value`, split on the first `=`), with the standard
 * OTEL_EXPORTER_OTLP_* names taking precedence (`litellm/integrations/opentelemetry.py`,
 * `OpenTelemetryConfig.from_env`, `_normalize_otel_endpoint`, `_get_headers_dictionary`).
 */
import { z } from "zod";
import { ConfigProblem, SECRET_MASK, shellWord } from "../errors";
import type { SecretKey } from "../keys";
import { fixed, Target } from "../primitives";

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const otelSchema = z
    .object({
        /** OTLP/HTTP base URL (LiteLLM appends `/v1/traces`). Required with `mode: otel`. */
        endpoint: z
            .string()
            .url(fixed("is not a URL", "use the OTLP/HTTP base URL, e.g. https://otel-collector.example.com:4318"))
            .regex(/^https?:\/\/[^?#]*$/, fixed("must be an http:// or https:// URL without a query or fragment", "use the OTLP/HTTP base URL, e.g. https://api.honeycomb.io"))
            .optional(),
        /**
         * Query API of an otlp-receiver (otlp-receiver/receiver.py) the endpoint feeds, for the `otel-trace`
         * check, as reachable from where the checks run. Default none: the check skips (a SaaS backend has no
         * query API the check reads).
         */
        queryUrl: z.string().url(fixed("is not a URL", "use the receiver's base URL, e.g. http://127.0.0.1:4318")).regex(/^https?:\/\//, fixed("must be an http:// or https:// URL", "use the receiver's base URL, e.g. http://127.0.0.1:4318")).optional(),
        /** Names of the headers sent with every export; their values come from the `otelHeaders` secret. Default none. */
        headers: z.array(z.string().regex(HEADER_NAME, fixed("is not an HTTP header name", "use a header name such as x-honeycomb-team or Authorization"))).optional(),
    })
    .strict();

export type OtelConfig = z.infer<typeof otelSchema>;

export const OBSERVABILITY_MODES = ["langfuse", "otel"] as const;
export type ObservabilityMode = (typeof OBSERVABILITY_MODES)[number];

/** What `otelMode` and `otelRules` read from the spec. */
export interface OtelInput {
    observability: { enabled?: boolean; mode?: ObservabilityMode; otel?: OtelConfig; logPrompts?: boolean };
    target: Target;
    secrets: Partial<Record<SecretKey, string>>;
}

export type OtelMode = { kind: "off" } | { kind: "export"; endpoint: string; headerNames: string[]; headers?: string; queryUrl?: string; promptsLogged: boolean };

/** `name=value,name=value` as LiteLLM splits it: on commas, then on the first `=`. Undefined when malformed. */
export function parseOtelHeaders(secret: string): Map<string, string> | undefined {
    const out = new Map<string, string>();
    for (const part of secret.split(",")) {
        const eq = part.indexOf("=");
        const name = part.slice(0, eq).trim();
        if (eq <= 0 || !HEADER_NAME.test(name) || part.slice(eq + 1) === "") return undefined;
        out.set(name.toLowerCase(), part.slice(eq + 1));
    }
    return out;
}

export function otelEnabled(spec: OtelInput): boolean {
    return spec.observability.enabled === true && spec.observability.mode === "otel";
}

/** Export settings, or off. Assumes `otelRules` passed (the endpoint is set, the headers complete). */
export function otelMode(spec: OtelInput): OtelMode {
    const endpoint = spec.observability.otel?.endpoint;
    if (!otelEnabled(spec) || endpoint === undefined) return { kind: "off" };
    const headerNames = spec.observability.otel?.headers ?? [];
    const queryUrl = spec.observability.otel?.queryUrl?.replace(/\/+$/, "");
    return { kind: "export", endpoint: endpoint.replace(/\/+$/, ""), headerNames, headers: headerNames.length > 0 ? spec.secrets.otelHeaders : undefined, queryUrl, promptsLogged: spec.observability.logPrompts !== false };
}

export function otelRules(spec: OtelInput & { project: string }): ConfigProblem[] {
    const key = (path: string) => `${spec.project}:${path}`;
    const problems: ConfigProblem[] = [];
    const names = spec.observability.otel?.headers ?? [];
    const secret = spec.secrets.otelHeaders;
    const setHeaders = `pulumi config set --secret otelHeaders ${shellWord(`${names[0] ?? "x-api-key"}=<value>${names.slice(1).map((n) => `,${n}=<value>`).join("")}`)}`;
    if (!otelEnabled(spec)) {
        if (secret !== undefined && spec.observability.mode !== "otel") {
            problems.push({ key: key("otelHeaders"), value: SECRET_MASK, message: "is set but observability.mode is not otel, so no export would send it", fix: "`pulumi config set --path observability.mode otel`, or `pulumi config rm otelHeaders`" });
        }
        return problems;
    }
    if (spec.observability.otel?.endpoint === undefined) {
        problems.push({
            key: key("observability.otel.endpoint"),
            message: "is required with observability.mode otel: the OTLP/HTTP endpoint the gateway exports traces to",
            fix: "`pulumi config set --path observability.otel.endpoint https://otel-collector.example.com:4318` (LiteLLM appends /v1/traces)",
        });
    }
    if (secret === undefined) {
        if (names.length > 0) problems.push({ key: key("otelHeaders"), message: `is not set, but observability.otel.headers names ${names.join(", ")}: the exports would go without them and be refused`, fix: `\`${setHeaders}\`` });
        return problems;
    }
    const parsed = parseOtelHeaders(secret);
    if (parsed === undefined) {
        problems.push({ key: key("otelHeaders"), value: SECRET_MASK, message: "is not a list of name=value pairs separated by commas", fix: `\`${setHeaders}\`` });
        return problems;
    }
    const missing = names.filter((n) => !parsed.has(n.toLowerCase()));
    if (missing.length > 0) problems.push({ key: key("otelHeaders"), value: SECRET_MASK, message: `has no value for ${missing.join(", ")} (named in observability.otel.headers)`, fix: `\`${setHeaders}\`` });
    const undeclared = [...parsed.keys()].filter((n) => !names.some((d) => d.toLowerCase() === n));
    if (undeclared.length > 0) {
        problems.push({
            key: key("observability.otel.headers"),
            value: JSON.stringify(names),
            message: `does not name ${undeclared.join(", ")}, which the otelHeaders secret sets: every exported header is declared in config`,
            fix: `\`pulumi config set --path 'observability.otel.headers[${names.length}]' ${undeclared[0]}\``,
        });
    }
    return problems;
}
