/**
 * `observability.mode: otel` on both stacks: the gateway exports with the `otel` callback to the endpoint
 * named in config (nothing is deployed for it); the env comes from `otelGatewayEnv` (OTEL_HEADERS secret).
 * With `observability.otel.queryUrl`, the verification runs `otel-trace` against that receiver.
 * - dev: the env, and the receiver handed to the verification resource;
 * - oke: the env (secret values go to `<release>-env` like every secret gateway variable), the check's flags
 *   (`--otel-query-url`, `--otel-no-prompts`) and the Job's egress to the receiver's port. The gateway's own
 *   egress is open on oke (it must reach OCI and an external Postgres); `otlpEgress` is the rule a gateway
 *   egress policy adds for the endpoint (`gatewayEgress`).
 */
import { otelGatewayEnv } from "../../components/gateway/features/otel";
import { NO_OKE_FEATURE, OkeFeatureContext, OkeFeatureResult } from "../../components/k8s/features";
import type { EgressRule } from "../../components/k8s/network-policy";
import { otelMode } from "../../config/sections/otel";
import { urlPort } from "./oke-observability";
import { DockerFeatureContext, FeatureResult, NO_FEATURE } from "./types";

/** Egress to an OTLP endpoint: its TCP port, to any address (a NetworkPolicy cannot name a host; SaaS intakes have no stable IPs). */
export function otlpEgress(url: string): EgressRule {
    return { ports: [{ protocol: "TCP", port: urlPort(url) }] };
}

export function dockerOtel(ctx: DockerFeatureContext): FeatureResult {
    const mode = otelMode(ctx.spec);
    if (mode.kind !== "export") return NO_FEATURE;
    return {
        env: otelGatewayEnv(ctx.spec),
        dependsOn: [],
        outputs: {},
        verification: mode.queryUrl ? { otel: { queryUrl: mode.queryUrl, promptsLogged: mode.promptsLogged } } : {},
    };
}

export function okeOtel(ctx: OkeFeatureContext): OkeFeatureResult {
    const mode = otelMode(ctx.spec);
    if (mode.kind !== "export") return NO_OKE_FEATURE;
    return {
        ...NO_OKE_FEATURE,
        env: otelGatewayEnv(ctx.spec),
        verification: mode.queryUrl ? { otelQueryUrl: mode.queryUrl, otelNoPrompts: !mode.promptsLogged } : {},
        verifyEgress: mode.queryUrl ? [otlpEgress(mode.queryUrl)] : [],
        gatewayEgress: [otlpEgress(mode.endpoint)],
    };
}
