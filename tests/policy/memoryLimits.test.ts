import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkMemoryLimits } from "../../policy/rules/memoryLimits";
import { DOCKER_CONTAINER, HELM_RELEASE, K8S_CRON_JOB, K8S_DEPLOYMENT } from "../../policy/rules/resourceTypes";
import { clone, dockerGatewayContainer, dockerPostgresContainer, helmLiteLLMRelease, k8sGatewayDeployment } from "./fixtures";

describe("containers-memory-limits", () => {
    test("Docker containers with `memory` pass", () => {
        assert.deepEqual(checkMemoryLimits(DOCKER_CONTAINER, dockerGatewayContainer()), []);
        assert.deepEqual(checkMemoryLimits(DOCKER_CONTAINER, dockerPostgresContainer()), []);
    });

    test("a Docker container without `memory` (or with 0) fails", () => {
        const container = dockerPostgresContainer();
        delete container.memory;
        assert.match(checkMemoryLimits(DOCKER_CONTAINER, container)[0], /no memory limit\. Fix: set `memory` \(in MB\)/);
        assert.equal(checkMemoryLimits(DOCKER_CONTAINER, { ...container, memory: 0 }).length, 1);
    });

    test("a Deployment whose containers have limits.memory passes", () => {
        assert.deepEqual(checkMemoryLimits(K8S_DEPLOYMENT, k8sGatewayDeployment()), []);
    });

    test("a Deployment container with only requests fails, and an init container without limits fails too", () => {
        const deployment = clone(k8sGatewayDeployment()) as Record<string, any>;
        const podSpec = deployment.spec.template.spec;
        podSpec.containers[0].resources = { requests: { memory: "1Gi" } };
        podSpec.initContainers = [{ name: "wait-db", image: "busybox:1.36.1" }];
        const messages = checkMemoryLimits(K8S_DEPLOYMENT, deployment);
        assert.equal(messages.length, 2);
        assert.match(messages[0], /containers\[0\] \(litellm\) has no memory limit\. Fix: set `resources\.limits\.memory`/);
        assert.match(messages[1], /initContainers\[0\] \(wait-db\)/);
    });

    test("a CronJob's containers are found under jobTemplate", () => {
        const cron = { spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: { containers: [{ name: "report", image: "node:20.18.1-alpine" }] } } } } } };
        assert.match(checkMemoryLimits(K8S_CRON_JOB, cron)[0], /jobTemplate\.spec\.template\.spec\.containers\[0\] \(report\)/);
    });

    test("the LiteLLM Helm release with values.resources.limits.memory passes", () => {
        assert.deepEqual(checkMemoryLimits(HELM_RELEASE, helmLiteLLMRelease()), []);
    });

    test("the LiteLLM Helm release without a memory limit fails (the chart default is resources: {})", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        delete release.values.resources;
        assert.match(checkMemoryLimits(HELM_RELEASE, release)[0], /chart default is `resources: \{\}`.*Fix: set `values\.resources\.limits\.memory`/);
    });

    test("other Helm charts are not judged (their values schema is unknown)", () => {
        assert.deepEqual(checkMemoryLimits(HELM_RELEASE, { chart: "bitnami/redis", values: {} }), []);
    });
});
