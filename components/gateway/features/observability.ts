/**
 * The Langfuse part of the gateway: the callback in config.yaml and the env it reads.
 *
 * Langfuse v4 (the default release) runs in `events_only` mode: `POST /api/public/ingestion` answers 207
 * but drops every trace and generation event, so LiteLLM's classic `langfuse` callback (Python SDK v2,
 * langfuse-presidio.md §0) would look healthy and store nothing. The gateway therefore exports over
 * OpenTelemetry with the `langfuse_otel` callback (OTLP to `{LANGFUSE_OTEL_HOST}/api/public/otel`), which
 * v4 stores directly and v3 accepts from 3.22 on, so one wiring serves both majors. `callbacks` (rather
 * than `success_callback`) registers the logger for successful AND failed calls.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../../config/spec";
import { langfuseMode } from "../../../config/sections/observability";
import type { EnvVar } from "../../shared/docker";
import { OTEL_CALLBACK, otelExported } from "./otel";

/** The callback LiteLLM registers for success and failure events. */
export const LANGFUSE_CALLBACK = "langfuse_otel";

export const LANGFUSE_GATEWAY_ENV = {
    host: "LANGFUSE_HOST",
    otelHost: "LANGFUSE_OTEL_HOST",
    publicKey: "LANGFUSE_PUBLIC_KEY",
    secretKey: "LANGFUSE_SECRET_KEY",
} as const;

/** Whether the gateway exports traces: on for a self-hosted Langfuse or an external one with both keys. */
export function tracesExported(spec: GatewaySpec): boolean {
    const kind = langfuseMode(spec).kind;
    return kind === "self-hosted" || kind === "external";
}

/**
 * `litellm_settings` entries: the callback of the mode (`langfuse_otel`, or `otel` for any OTLP endpoint), or
 * nothing when tracing is off (disabled or keys missing); with `observability.logPrompts: false`, also
 * `turn_off_message_logging`, which keeps prompt and completion text out of every logger.
 */
export function observabilitySettings(spec: GatewaySpec): Record<string, unknown> {
    const callback = tracesExported(spec) ? LANGFUSE_CALLBACK : otelExported(spec) ? OTEL_CALLBACK : undefined;
    if (callback === undefined) return {};
    return { callbacks: [callback], ...(spec.observability.logPrompts === false ? { turn_off_message_logging: true } : {}) };
}

/**
 * The note to log (`pulumi.log.warn`) when observability is enabled but cannot run, or undefined.
 * Pure, so both targets say the same thing.
 */
export function observabilityWarning(spec: GatewaySpec): string | undefined {
    const mode = langfuseMode(spec);
    return mode.kind === "missing-keys" ? mode.reason : undefined;
}

export interface LangfuseGatewayWiring {
    /** Langfuse base URL as the gateway reaches it, e.g. `http://langfuse-web:3000` or `https://cloud.langfuse.com`. */
    host: pulumi.Input<string>;
    publicKey: pulumi.Input<string>;
    secretKey: pulumi.Input<string>;
}

/**
 * The gateway env for Langfuse, for both targets (Docker `envs`, Kubernetes Secret-backed env). Both host
 * variables are set: newer LiteLLM reads LANGFUSE_OTEL_HOST, older releases of the OTel logger read
 * LANGFUSE_HOST, and without either it exports to Langfuse Cloud US. Both keys are flagged secret.
 */
export function langfuseGatewayEnv(wiring: LangfuseGatewayWiring): EnvVar[] {
    return [
        { name: LANGFUSE_GATEWAY_ENV.host, value: wiring.host },
        { name: LANGFUSE_GATEWAY_ENV.otelHost, value: wiring.host },
        { name: LANGFUSE_GATEWAY_ENV.publicKey, value: wiring.publicKey, secret: true },
        { name: LANGFUSE_GATEWAY_ENV.secretKey, value: wiring.secretKey, secret: true },
    ];
}

/** The gateway env for an EXTERNAL Langfuse (oke, or dev with `observability.host`); [] when not exported. */
export function externalLangfuseGatewayEnv(spec: GatewaySpec): EnvVar[] {
    const mode = langfuseMode(spec);
    if (mode.kind !== "external") return [];
    return langfuseGatewayEnv({ host: mode.host, publicKey: mode.publicKey, secretKey: mode.secretKey });
}
