/** The Presidio PII guardrail on the dev stack (Docker). */
import { guardrailGatewayEnv } from "../../components/gateway/features/guardrails";
import { DockerPresidio } from "../../components/presidio/docker";
import { DockerFeatureContext, FeatureResult, NO_FEATURE } from "./types";

export function dockerGuardrails(ctx: DockerFeatureContext): FeatureResult {
    const g = ctx.spec.guardrails;
    if (!g.enabled) return NO_FEATURE;
    const presidio = new DockerPresidio(`${ctx.prefix}-presidio`, { network: ctx.network, analyzerImage: g.analyzerImage, anonymizerImage: g.anonymizerImage }, ctx.opts);
    return {
        env: guardrailGatewayEnv(presidio.analyzerUrl, presidio.anonymizerUrl),
        dependsOn: [presidio],
        outputs: { guardrail: g.name },
        verification: { guardrail: g.name },
    };
}
