import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkGatewaySecurityContext } from "../../policy/rules/gatewaySecurityContext";
import { HELM_CHART_V4, HELM_RELEASE, K8S_DEPLOYMENT, K8S_JOB } from "../../policy/rules/resourceTypes";
import { clone, helmLiteLLMRelease, k8sGatewayDeployment } from "./fixtures";

describe("gateway-non-root-readonly", () => {
    test("a LiteLLM Deployment with pod runAsNonRoot and container readOnlyRootFilesystem passes", () => {
        assert.deepEqual(checkGatewaySecurityContext(K8S_DEPLOYMENT, k8sGatewayDeployment()), []);
    });

    test("a LiteLLM container without readOnlyRootFilesystem fails", () => {
        const deployment = clone(k8sGatewayDeployment()) as Record<string, any>;
        delete deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem;
        const [message] = checkGatewaySecurityContext(K8S_DEPLOYMENT, deployment);
        assert.match(message, /lacks readOnlyRootFilesystem: true\. Fix:/);
        assert.doesNotMatch(message, /runAsNonRoot: true and/);
    });

    test("a LiteLLM pod that may run as root fails; the container setting overrides the pod's", () => {
        const deployment = clone(k8sGatewayDeployment()) as Record<string, any>;
        deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot = false;
        assert.match(checkGatewaySecurityContext(K8S_DEPLOYMENT, deployment)[0], /lacks runAsNonRoot: true/);
        delete deployment.spec.template.spec.securityContext;
        deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot = true;
        assert.deepEqual(checkGatewaySecurityContext(K8S_DEPLOYMENT, deployment), []);
    });

    test("containers that do not run LiteLLM (e.g. the verification Job named litellm-*) are not gateway pods", () => {
        const job = { metadata: { name: "litellm-gateway-verify" }, spec: { template: { spec: { containers: [{ name: "verify", image: "node:20.18.1-alpine" }] } } } };
        assert.deepEqual(checkGatewaySecurityContext(K8S_JOB, job), []);
    });

    test("the LiteLLM Helm release with securityContext/podSecurityContext passes (v3 Release and v4 Chart)", () => {
        assert.deepEqual(checkGatewaySecurityContext(HELM_RELEASE, helmLiteLLMRelease()), []);
        assert.deepEqual(checkGatewaySecurityContext(HELM_CHART_V4, helmLiteLLMRelease()), []);
    });

    test("the LiteLLM Helm release with the chart defaults (securityContext: {}) fails on both controls", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        release.values.securityContext = {};
        release.values.podSecurityContext = {};
        const [message] = checkGatewaySecurityContext(HELM_RELEASE, release);
        assert.match(message, /lacks runAsNonRoot: true and readOnlyRootFilesystem: true\. Fix: set `values\.securityContext`/);
    });

    test("runAsNonRoot may come from values.podSecurityContext alone", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        delete release.values.securityContext.runAsNonRoot;
        assert.deepEqual(checkGatewaySecurityContext(HELM_RELEASE, release), []);
    });

    test("a non-LiteLLM chart is not judged", () => {
        assert.deepEqual(checkGatewaySecurityContext(HELM_RELEASE, { chart: "oci://registry-1.docker.io/bitnamicharts/redis", values: {} }), []);
    });
});
