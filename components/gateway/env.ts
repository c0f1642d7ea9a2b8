/**
 * The gateway's environment as a list, independent of where it runs. Docker turns it into `envs`,
 * Kubernetes into env entries backed by Secrets. Secret values are flagged so each target can keep
 * them secret its own way.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../config/spec";
import { referencedApiKeys, upstreamApiKeyEnv } from "../../config/sections/upstreams";
import type { EnvVar } from "../shared/docker";
import { GATEWAY_ENV } from "./contract";
import { fallbackProbe } from "./fallback-probe";

export interface GatewayWiring {
    masterKey: pulumi.Input<string>;
    saltKey: pulumi.Input<string>;
    databaseUrl: pulumi.Input<string>;
    /** Stub upstream base URL (dev), when any model uses the stub. */
    stubApiBase?: pulumi.Input<string>;
    /** Extra variables contributed by optional features (cache, guardrails, observability). */
    extra?: EnvVar[];
}

export function gatewayEnv(spec: GatewaySpec, wiring: GatewayWiring): EnvVar[] {
    const env: EnvVar[] = [
        { name: GATEWAY_ENV.masterKey, value: wiring.masterKey, secret: true },
        { name: GATEWAY_ENV.saltKey, value: wiring.saltKey, secret: true },
        { name: GATEWAY_ENV.databaseUrl, value: wiring.databaseUrl, secret: true },
        { name: "LITELLM_LOG", value: spec.gateway.logLevel },
        // Use the cost map shipped in the image instead of fetching it from GitHub at boot: offline-safe.
        { name: "LITELLM_LOCAL_MODEL_COST_MAP", value: "True" },
    ];
    if (spec.models.some((m) => m.upstream === "stub")) {
        if (wiring.stubApiBase === undefined) throw new Error("gatewayEnv: a model uses the stub upstream but no stubApiBase was wired");
        env.push({ name: GATEWAY_ENV.stubApiBase, value: wiring.stubApiBase });
        // The stub does not check keys, but LiteLLM's OpenAI client refuses an empty one.
        env.push({ name: GATEWAY_ENV.stubApiKey, value: "stub-upstream-needs-no-key" });
    }
    if (fallbackProbe(spec)) {
        // Not a credential (so not named like one): the probe's closed port never sees it, but LiteLLM's
        // OpenAI client refuses an empty key, and would otherwise pick up an OPENAI_API_KEY from the env.
        env.push({ name: GATEWAY_ENV.fallbackProbePlaceholderKey, value: "fallback-probe-needs-no-key" });
    }
    for (const [name, key] of Object.entries(referencedApiKeys(spec))) env.push({ name: upstreamApiKeyEnv(name), value: key, secret: true });
    if (spec.models.some((m) => m.upstream === "openai" && !m.apiKeySecret)) {
        // Not a credential: the endpoint takes none, but LiteLLM's OpenAI client refuses an empty key and would
        // otherwise send an OPENAI_API_KEY from the env to a server that is not OpenAI.
        env.push({ name: GATEWAY_ENV.upstreamNoKeyPlaceholder, value: "upstream-needs-no-key" });
    }
    if (spec.models.some((m) => m.upstream === "oci")) {
        const oci = spec.oci;
        env.push(
            { name: GATEWAY_ENV.ociRegion, value: oci.region ?? "" },
            { name: GATEWAY_ENV.ociUser, value: oci.userOcid ?? "" },
            { name: GATEWAY_ENV.ociTenancy, value: oci.tenancyOcid ?? "" },
            { name: GATEWAY_ENV.ociFingerprint, value: oci.fingerprint ?? "" },
            { name: GATEWAY_ENV.ociCompartmentId, value: oci.compartmentId ?? "" },
        );
    }
    const all = [...env, ...(wiring.extra ?? [])];
    const names = new Set<string>();
    for (const v of all) {
        if (names.has(v.name)) throw new Error(`gatewayEnv: ${v.name} is set twice`);
        names.add(v.name);
    }
    return all.sort((a, b) => a.name.localeCompare(b.name));
}
