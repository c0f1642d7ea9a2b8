/**
 * The observability feature on the dev stack (Docker). Three outcomes, decided by `langfuseMode`:
 * - self-hosted: a DockerLangfuse on the private network; the gateway exports to it;
 * - external (`observability.host` + both key secrets): no Langfuse resources, the gateway exports there;
 * - off, or enabled with keys missing: nothing at all (missing keys log a warning; the stack still works).
 */
import * as pulumi from "@pulumi/pulumi";
import { langfuseMode } from "../../config/sections/observability";
import { externalLangfuseGatewayEnv, langfuseGatewayEnv, observabilityWarning } from "../../components/gateway/features/observability";
import { DockerLangfuse } from "../../components/langfuse/docker";
import { DockerFeatureContext, FeatureResult, NO_FEATURE } from "./types";

/** The `langfuse` input of the verification (GatewayVerificationArgs), kept secret as a whole. */
function verificationTarget(url: pulumi.Input<string>, publicKey: pulumi.Input<string>, secretKey: pulumi.Input<string>) {
    return pulumi.secret(pulumi.all([url, publicKey, secretKey]).apply(([u, pk, sk]) => ({ url: u, publicKey: pk, secretKey: sk })));
}

export function dockerObservability(ctx: DockerFeatureContext): FeatureResult {
    const { spec } = ctx;
    const mode = langfuseMode(spec);
    const warning = observabilityWarning(spec);
    if (warning !== undefined) pulumi.log.warn(warning);

    if (mode.kind === "external") {
        return {
            env: externalLangfuseGatewayEnv(spec),
            dependsOn: [],
            outputs: { langfuseUrl: mode.host },
            verification: { langfuse: verificationTarget(mode.host, mode.publicKey, mode.secretKey) },
        };
    }
    if (mode.kind !== "self-hosted") return NO_FEATURE;

    const settings = mode.settings;
    const langfuse = new DockerLangfuse(
        `${ctx.prefix}-langfuse`,
        {
            network: ctx.network,
            images: settings.images,
            uiPort: settings.uiPort,
            userEmail: settings.userEmail,
            // Keys given as secret config are provisioned instead of generated ones.
            publicKey: spec.secrets.langfusePublicKey,
            secretKey: spec.secrets.langfuseSecretKey,
        },
        ctx.opts,
    );
    return {
        env: langfuseGatewayEnv({ host: langfuse.internalUrl, publicKey: langfuse.publicKey, secretKey: langfuse.secretKey }),
        // The gateway starts once Langfuse is healthy, so its first traces are not refused.
        dependsOn: [langfuse],
        outputs: {
            langfuseUrl: langfuse.uiUrl,
            langfuseUserEmail: langfuse.userEmail,
            langfuseUserPassword: langfuse.userPassword,
            langfusePublicKey: langfuse.publicKey,
            langfuseSecretKey: langfuse.secretKey,
        },
        verification: { langfuse: verificationTarget(langfuse.uiUrl, langfuse.publicKey, langfuse.secretKey) },
    };
}
