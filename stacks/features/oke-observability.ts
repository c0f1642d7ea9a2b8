/**
 * Observability on the oke stack: Langfuse is EXTERNAL (Langfuse Cloud or an existing self-hosted one);
 * nothing Langfuse runs in the cluster. Outcomes, decided by `langfuseMode`:
 * - external (`observability.host` + both key secrets): the gateway exports there (its keys go to
 *   `<release>-env` like every secret gateway variable), and the verification Job gets `--langfuse-url`
 *   plus the keys as LANGFUSE_PUBLIC_KEY/LANGFUSE_SECRET_KEY from a Secret of its own (never argv);
 * - enabled with a key missing: a warning, no callback, no resources: the stack still works;
 * - off: nothing.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { externalLangfuseGatewayEnv, LANGFUSE_GATEWAY_ENV, observabilityWarning } from "../../components/gateway/features/observability";
import { NO_OKE_FEATURE, OkeFeatureContext, OkeFeatureResult } from "../../components/k8s/features";
import { PART_OF } from "../../components/k8s/labels";
import type { EgressRule } from "../../components/k8s/network-policy";
import { langfuseMode } from "../../config/sections/observability";

/** The TCP port of an http(s) URL: explicit, or the scheme's default. */
export function urlPort(url: string): number {
    const u = new URL(url);
    if (u.port) return Number(u.port);
    return u.protocol === "https:" ? 443 : 80;
}

/**
 * The verification Job's way out to Langfuse. A NetworkPolicy cannot name a host, and a SaaS Langfuse has
 * no stable IPs, so the rule opens the Langfuse port only, to any address.
 */
export function langfuseEgress(url: string): EgressRule {
    return { ports: [{ protocol: "TCP", port: urlPort(url) }] };
}

interface LangfuseKeysSecretArgs {
    namespace: pulumi.Input<string>;
    secretName: string;
    publicKey: pulumi.Input<string>;
    secretKey: pulumi.Input<string>;
}

/** The Langfuse keys the verification Job reads, under the env names its CLI falls back to. */
export class LangfuseKeysSecret extends pulumi.ComponentResource {
    readonly secret: k8s.core.v1.Secret;

    constructor(name: string, args: LangfuseKeysSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:k8s:LangfuseKeysSecret", name, {}, opts);
        this.secret = new k8s.core.v1.Secret(
            `${name}-secret`,
            {
                metadata: { name: args.secretName, namespace: args.namespace, labels: { ...PART_OF } },
                type: "Opaque",
                stringData: { [LANGFUSE_GATEWAY_ENV.publicKey]: pulumi.secret(args.publicKey), [LANGFUSE_GATEWAY_ENV.secretKey]: pulumi.secret(args.secretKey) },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}

export function okeObservability(ctx: OkeFeatureContext): OkeFeatureResult {
    const { spec } = ctx;
    const warning = observabilityWarning(spec);
    if (warning !== undefined) pulumi.log.warn(warning);
    const mode = langfuseMode(spec);
    if (mode.kind !== "external") return NO_OKE_FEATURE;

    const secretName = `${ctx.oke.releaseName}-langfuse-verify`;
    const keys = new LangfuseKeysSecret(`${ctx.prefix}-langfuse-keys`, { namespace: ctx.namespace, secretName, publicKey: mode.publicKey, secretKey: mode.secretKey }, ctx.opts);
    const fromSecret = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: secretName, key } } });
    return {
        env: externalLangfuseGatewayEnv(spec),
        // The Job starts after the gateway, which waits for this: the Secret exists when the Job reads it.
        dependsOn: [keys],
        outputs: { langfuseUrl: mode.host },
        verification: { langfuseUrl: mode.host },
        backends: [],
        verifyEnv: [fromSecret(LANGFUSE_GATEWAY_ENV.publicKey), fromSecret(LANGFUSE_GATEWAY_ENV.secretKey)],
        verifyEgress: [langfuseEgress(mode.host)],
    };
}
