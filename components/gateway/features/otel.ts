/**
 * The OpenTelemetry part of the gateway (`observability.mode: otel`): LiteLLM's `otel` callback in
 * config.yaml and the env it reads. The exporter is OTLP/HTTP (protobuf): every collector, Tempo,
 * Honeycomb and Datadog's OTLP intake accept it, and it needs no gRPC in the image. The headers (API keys)
 * come from the `otelHeaders` secret as one secret env var; config.yaml holds no credential.
 */
import type { GatewaySpec } from "../../../config/spec";
import { otelMode } from "../../../config/sections/otel";
import type { EnvVar } from "../../shared/docker";

/** The callback LiteLLM registers for success and failure events. */
export const OTEL_CALLBACK = "otel";

/** The variables LiteLLM's OpenTelemetryConfig.from_env reads (OTEL_EXPORTER_OTLP_* would win over them; none is set). */
export const OTEL_GATEWAY_ENV = {
    exporter: "OTEL_EXPORTER",
    endpoint: "OTEL_ENDPOINT",
    headers: "OTEL_HEADERS",
    serviceName: "OTEL_SERVICE_NAME",
} as const;

/** `service.name` of the gateway's spans, so a shared backend tells it from other services. */
export const OTEL_SERVICE_NAME = "litellm-gateway";

export function otelExported(spec: GatewaySpec): boolean {
    return otelMode(spec).kind === "export";
}

/** The gateway env for an OTLP export, for both targets; [] when not exported. OTEL_HEADERS is secret. */
export function otelGatewayEnv(spec: GatewaySpec): EnvVar[] {
    const mode = otelMode(spec);
    if (mode.kind !== "export") return [];
    return [
        { name: OTEL_GATEWAY_ENV.exporter, value: "otlp_http" },
        { name: OTEL_GATEWAY_ENV.endpoint, value: mode.endpoint },
        { name: OTEL_GATEWAY_ENV.serviceName, value: OTEL_SERVICE_NAME },
        ...(mode.headers !== undefined ? [{ name: OTEL_GATEWAY_ENV.headers, value: mode.headers, secret: true }] : []),
    ];
}
