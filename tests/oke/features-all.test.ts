/**
 * The whole oke stack with every optional feature on (in-cluster Redis cache, Presidio guardrail, external
 * Langfuse): it passes every mandatory policy rule, every Kubernetes resource keeps the explicit provider,
 * every backend is reachable by the gateway only, and the Job gets every feature's check inputs.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { isSecretValue, MockRecorder, plaintextOccurrences } from "../helpers/mocks";
import { evaluatePolicies, formatViolations, mandatoryViolations } from "../../policy/evaluate";
import { parseCliArgs } from "../../verify/cli-args";
import { isKubernetesResource, providerName } from "./fixtures";
import { buildOkeFeatureStack, jobContainer, K8S, metaName, releaseValues, secretData } from "./features-support";
import { keysMissingFromChart, LITELLM_HELM_KEY_LISTS } from "./litellm-helm-chart";

const LANGFUSE = { langfusePublicKey: "pk-lf-all-features-public", langfuseSecretKey: "sk-lf-all-features-secret" };

describe("oke stack with cache, guardrails and observability on", () => {
    let mocks: MockRecorder;
    let warnings: string[];

    before(async () => {
        ({ mocks, warnings } = await buildOkeFeatureStack(
            { cache: { enabled: true }, guardrails: { enabled: true }, observability: { enabled: true, host: "https://langfuse.example.com" } },
            LANGFUSE,
        ));
    });

    test("passes every mandatory policy rule", () => {
        const violations = evaluatePolicies(mocks.resources, { stack: "oke" });
        assert.deepEqual(mandatoryViolations(violations), [], formatViolations(mandatoryViolations(violations)));
        assert.ok(mocks.byType(K8S.deployment).length === 3, "Redis, analyzer and anonymizer were evaluated");
        assert.deepEqual(warnings, []);
    });

    test("with every feature's env and Secrets, each Helm value is still a key of the chart", () => {
        const values = releaseValues(mocks);
        for (const list of LITELLM_HELM_KEY_LISTS) assert.deepEqual(keysMissingFromChart(values, list.keys), [], list.source);
    });

    test("one explicit Kubernetes provider serves every Kubernetes resource", () => {
        const [provider, ...others] = mocks.byType("pulumi:providers:kubernetes");
        assert.equal(others.length, 0);
        for (const r of mocks.resources.filter(isKubernetesResource)) assert.equal(providerName(r), provider.name, `${r.type} ${r.name}`);
    });

    test("every in-cluster backend has a gateway-only NetworkPolicy", () => {
        assert.deepEqual(mocks.byType(K8S.netpol).map(metaName).sort(), [
            "litellm-gateway-ingress",
            "litellm-postgres-only-gateway",
            "litellm-presidio-analyzer-only-gateway",
            "litellm-presidio-anonymizer-only-gateway",
            "litellm-redis-only-gateway",
            "litellm-verification",
        ]);
    });

    test("the Job gets every feature's check inputs, and the CLI accepts them", () => {
        const container = jobContainer(mocks);
        const keys = secretData(mocks, "litellm-langfuse-verify");
        const options = parseCliArgs(container.command.slice(2), keys).options;
        assert.equal(options.expectCache, true);
        assert.equal(options.guardrail, "presidio-pii");
        assert.deepEqual(options.langfuse, { url: "https://langfuse.example.com", publicKey: LANGFUSE.langfusePublicKey, secretKey: LANGFUSE.langfuseSecretKey });
    });

    test("every feature secret stays secret", () => {
        const env = secretData(mocks, "litellm-env");
        assert.deepEqual(Object.keys(env).sort(), ["LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY", "REDIS_PASSWORD"]);
        for (const value of [...Object.values(env), ...Object.values(LANGFUSE)]) assert.deepEqual(plaintextOccurrences(mocks.resources, value), []);
        for (const s of mocks.byType(K8S.secret)) assert.ok(isSecretValue(s.inputs.stringData), `${metaName(s)}'s data is a secret`);
    });
});
