import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkNoPublicServices } from "../../policy/rules/noPublicServices";
import { HELM_RELEASE, K8S_SERVICE } from "../../policy/rules/resourceTypes";
import { clone, helmLiteLLMRelease, k8sClusterIPService } from "./fixtures";

describe("no-public-services", () => {
    test("a ClusterIP Service passes", () => {
        assert.deepEqual(checkNoPublicServices(K8S_SERVICE, k8sClusterIPService()), []);
    });

    test("a Service without a type (Kubernetes defaults to ClusterIP) passes", () => {
        const svc = k8sClusterIPService();
        delete (svc.spec as Record<string, unknown>).type;
        assert.deepEqual(checkNoPublicServices(K8S_SERVICE, svc), []);
    });

    for (const type of ["LoadBalancer", "NodePort"]) {
        test(`a ${type} Service fails, whatever it is named, and the message says how to fix it`, () => {
            const svc = k8sClusterIPService();
            (svc.spec as Record<string, unknown>).type = type;
            (svc.metadata as Record<string, unknown>).name = "anything-at-all";
            const [message, ...rest] = checkNoPublicServices(K8S_SERVICE, svc);
            assert.equal(rest.length, 0);
            assert.match(message, new RegExp(`type ${type}`));
            assert.match(message, /Fix: use `type: ClusterIP`/);
        });
    }

    test("the LiteLLM Helm release with service.type ClusterIP passes", () => {
        assert.deepEqual(checkNoPublicServices(HELM_RELEASE, helmLiteLLMRelease()), []);
    });

    test("Helm values asking for a LoadBalancer fail, at any depth (values.service.type, values.gateway.service.type)", () => {
        const release = clone(helmLiteLLMRelease());
        const values = release.values as Record<string, any>;
        values.service.type = "LoadBalancer";
        values.gateway = { service: { type: "NodePort", port: 4000 } };
        const messages = checkNoPublicServices(HELM_RELEASE, release);
        assert.equal(messages.length, 2);
        assert.match(messages[0], /values\.service\.type = LoadBalancer/);
        assert.match(messages[1], /values\.gateway\.service\.type = NodePort/);
        assert.ok(messages.every((m) => m.includes("Fix: set it to ClusterIP")));
    });

    test("missing spec or values (preview unknowns) do not throw and do not fail", () => {
        assert.deepEqual(checkNoPublicServices(K8S_SERVICE, {}), []);
        assert.deepEqual(checkNoPublicServices(HELM_RELEASE, { chart: "x" }), []);
    });
});
