/**
 * `evaluatePolicies` over resources recorded by the Pulumi mocks, built with the real @pulumi/docker and
 * @pulumi/kubernetes classes: proves the input shape (RecordedResource, secret wrappers included) is what
 * the stack tests will hand it, and that violations carry their policy, level and resource.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import { evaluatePolicies, formatViolations, mandatoryViolations, type PolicyViolation } from "../../policy/evaluate";
import { installMocks, MockRecorder, settle } from "../helpers/mocks";
import { DIGEST, GOOD_LITELLM, helmLiteLLMRelease, k8sGatewayDeployment, RENDERED_CONFIG } from "./fixtures";

describe("evaluatePolicies over mock-recorded resources", () => {
    let mocks: MockRecorder;
    let violations: PolicyViolation[];

    before(async () => {
        mocks = installMocks("litellm-gateway", "oke");
        const image = new docker.RemoteImage("gateway-image", { name: `${GOOD_LITELLM}@${DIGEST}`, keepLocally: true });
        const gateway = new docker.Container("gateway", {
            image: image.imageId,
            envs: [pulumi.secret("LITELLM_MASTER_KEY=sk-Zq8vB1x9LmN4pR7tY2wK5c")],
            ports: [{ internal: 4000, external: 4000, ip: "127.0.0.1" }],
            uploads: [{ file: "/app/config.yaml", content: pulumi.secret(RENDERED_CONFIG) }],
            memory: 1024,
        });
        // Two faults: an unpinned image, and a container without a memory limit published on 0.0.0.0.
        const redisImage = new docker.RemoteImage("redis-image", { name: "redis:latest" });
        const redis = new docker.Container("redis", { image: redisImage.imageId, ports: [{ internal: 6379, external: 6379 }] });
        const deployment = new k8s.apps.v1.Deployment("litellm", k8sGatewayDeployment() as unknown as k8s.apps.v1.DeploymentArgs);
        // A third fault: the master key in a ConfigMap, passed as a secret (policies judge structure, not secretness).
        const configMap = new k8s.core.v1.ConfigMap("litellm-env", { data: { LITELLM_MASTER_KEY: pulumi.secret("sk-Zq8vB1x9LmN4pR7tY2wK5c") } });
        const release = new k8s.helm.v3.Release("litellm", helmLiteLLMRelease() as unknown as k8s.helm.v3.ReleaseArgs);
        // URNs, not ids: the shared mocks answer an empty id for new resources, which reads as unknown.
        await settle(gateway.urn, redis.urn, deployment.urn, configMap.urn, release.urn);
        violations = evaluatePolicies(mocks.resources, { stack: "oke" });
    });

    test("it accepts RecordedResource (inputs with secret wrappers) directly", () => {
        const cm = mocks.one("kubernetes:core/v1:ConfigMap");
        assert.ok(JSON.stringify(cm.inputs).includes("4dabf18193072939515e22adb298388d"), "the mock recorded a secret wrapper");
    });

    test("compliant resources produce no mandatory violation", () => {
        const compliant = new Set(["gateway", "gateway-image", "litellm"]);
        const found = mandatoryViolations(violations).filter((v) => compliant.has(v.resourceName ?? ""));
        assert.deepEqual(found, [], formatViolations(found));
    });

    test("each fault is reported once, by the right policy, as mandatory, on the right resource", () => {
        const summary = mandatoryViolations(violations).map((v) => `${v.policyName} ${v.resourceType} ${v.resourceName}`).sort();
        assert.deepEqual(summary, [
            "containers-memory-limits docker:index/container:Container redis",
            "docker-ports-loopback-only docker:index/container:Container redis",
            "images-pinned docker:index/remoteImage:RemoteImage redis-image",
            "no-plaintext-secrets kubernetes:core/v1:ConfigMap litellm-env",
        ]);
    });

    test("advisory findings are returned too, labelled advisory: the tag-only image and the missing verification on oke", () => {
        const advisory = violations.filter((v) => v.enforcementLevel === "advisory").map((v) => `${v.policyName} ${v.resourceName ?? "(stack)"}`).sort();
        assert.deepEqual(advisory, ["images-pinned-by-digest redis-image", "verification-enabled (stack)"]);
    });

    test("the stack rule follows the stack: on dev there is no verification finding", () => {
        const onDev = evaluatePolicies(mocks.resources, { stack: "dev" });
        assert.ok(!onDev.some((v) => v.policyName === "verification-enabled"));
    });

    test("props given as `props` (policy shape) are accepted as well as `inputs`", () => {
        const found = evaluatePolicies([{ type: "kubernetes:core/v1:Service", name: "gw", props: { spec: { type: "LoadBalancer" } } }]);
        assert.equal(found.length, 1);
        assert.equal(found[0].policyName, "no-public-services");
        assert.match(formatViolations(found), /^\[mandatory\] no-public-services on kubernetes:core\/v1:Service "gw": /);
    });
});
