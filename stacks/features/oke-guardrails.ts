/**
 * The Presidio PII guardrail on the oke stack: analyzer and anonymizer in the cluster, reachable by the
 * gateway only. The check gets `--guardrail <name>` and no stub report URL: on oke the model is real, so
 * the check reads what reached it from the stored (masked) request body in the spend logs.
 */
import { guardrailGatewayEnv } from "../../components/gateway/features/guardrails";
import type { OkeFeatureContext, OkeFeatureResult } from "../../components/k8s/features";
import { PRESIDIO_PORT } from "../../components/presidio/docker";
import { KubernetesPresidio } from "../../components/presidio/k8s";

export function okeGuardrails(ctx: OkeFeatureContext): OkeFeatureResult {
    const g = ctx.spec.guardrails;
    const baseName = `${ctx.oke.releaseName}-presidio`;
    const presidio = new KubernetesPresidio(`${ctx.prefix}-presidio`, {
            namespace: ctx.namespace,
            baseName,
            analyzerImage: g.analyzerImage,
            anonymizerImage: g.anonymizerImage,
            analyzerResources: ctx.oke.resources.presidioAnalyzer,
            anonymizerResources: ctx.oke.resources.presidioAnonymizer,
        }, ctx.opts);
    return {
        env: guardrailGatewayEnv(presidio.analyzerUrl, presidio.anonymizerUrl),
        // The guardrail fails closed: the gateway must not take traffic before Presidio answers.
        dependsOn: [presidio],
        outputs: { guardrail: g.name },
        verification: { guardrail: g.name },
        backends: [
            { name: `${baseName}-analyzer`, selector: presidio.analyzerSelector, port: PRESIDIO_PORT },
            { name: `${baseName}-anonymizer`, selector: presidio.anonymizerSelector, port: PRESIDIO_PORT },
        ],
        verifyEnv: [],
        verifyEgress: [],
    };
}
