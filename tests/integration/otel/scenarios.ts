/**
 * The OpenTelemetry scenarios of the real-gateway suite, as data: the suite's spec with
 * `observability.mode: otel` pointed at this run's OTLP receiver, once as is (`otel-trace` must pass) and
 * once per negative control, each changing ONE thing and naming the cause `otel-trace` must report. The
 * endpoint is only known at run time (a free port), so the scenarios are built from it. Pure.
 */
import type { LiteLLMConfig } from "../../../components/gateway/render-config";
import type { NegativeControl } from "../gateway/controls";

/** The suite's spec change that turns the OTel export on, to `endpoint`. */
export function otelSpec(endpoint: string) {
    return { observability: { enabled: true, mode: "otel", otel: { endpoint } } };
}

/** A closed port: the export goes nowhere. */
export const DEAD_OTLP_ENDPOINT = "http://127.0.0.1:9";

/** The scenario that must pass: the export as rendered, `otel-trace` beside the usual witnesses. */
export function otelExportScenario(endpoint: string): NegativeControl {
    return { id: "otel-export", change: "observability.mode otel, endpoint: this run's OTLP receiver", spec: otelSpec(endpoint), expect: [], witnesses: ["health", "completion", "otel-trace"] };
}

export function otelControls(endpoint: string): NegativeControl[] {
    return [
        {
            id: "otel-no-callback",
            change: "\"otel\" removed from litellm_settings.callbacks (the OTEL_* env stays)",
            spec: otelSpec(endpoint),
            config(config: LiteLLMConfig) {
                const settings = config.litellm_settings as { callbacks?: string[] };
                settings.callbacks = (settings.callbacks ?? []).filter((c) => c !== "otel");
            },
            expect: [{ check: "otel-trace", cause: /likely cause: no callback: the gateway runs no OpenTelemetry logger/ }],
        },
        {
            id: "otel-wrong-endpoint",
            change: `OTEL_ENDPOINT points at a closed port (${DEAD_OTLP_ENDPOINT}) instead of the receiver`,
            spec: otelSpec(endpoint),
            env(env) {
                env.OTEL_ENDPOINT = DEAD_OTLP_ENDPOINT;
            },
            expect: [{ check: "otel-trace", cause: /likely cause: wrong endpoint: the OpenTelemetry callback is on but nothing reached this receiver/ }],
        },
        {
            // Presidio also masks what the loggers get (its logging hook) whatever its mode: measured, a
            // during_call guardrail still exported "<US_SSN>". Only a gateway that does not mask leaks.
            id: "otel-masked-prompt-leaking",
            change: "guardrails.enabled false while the checks still expect presidio-pii to mask: the SSN reaches the exporter raw",
            spec: { ...otelSpec(endpoint), guardrails: { enabled: false } },
            expect: [{ check: "otel-trace", cause: /raw SSN the guardrail masks in .*likely cause: masked prompt leaking/ }],
        },
    ];
}

/** Every scenario, each built from the endpoint of its own receiver: the passing export first, then the controls. */
export const OTEL_SCENARIOS: readonly ((endpoint: string) => NegativeControl)[] = [otelExportScenario, ...otelControls("").map((_, i) => (endpoint: string) => otelControls(endpoint)[i])];
