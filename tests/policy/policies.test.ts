import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy/policy";
import { policies, stackNameOf } from "../../policy/policies";
import * as types from "../../policy/rules/resourceTypes";
import { VERIFICATION_SUITE } from "../../policy/rules/verificationEnabled";
import { clone, dockerGatewayContainer, k8sClusterIPService } from "./fixtures";
import { fakePolicyResource, fakeResourceArgs, fakeStackArgs, runResourcePolicy, runStackPolicy } from "./fakePolicyArgs";

function resourcePolicy(name: string): ResourceValidationPolicy {
    const policy = policies.find((p) => p.name === name);
    assert.ok(policy && "validateResource" in policy, `resource policy ${name}`);
    return policy;
}

function stackPolicy(name: string): StackValidationPolicy {
    const policy = policies.find((p) => p.name === name);
    assert.ok(policy && "validateStack" in policy, `stack policy ${name}`);
    return policy;
}

describe("the policy pack's policies", () => {
    test("every rule of the issue is present with its enforcement level", () => {
        const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
        assert.deepEqual(levels, {
            "no-public-services": "mandatory",
            "no-plaintext-secrets": "mandatory",
            "images-pinned": "mandatory",
            "images-pinned-by-digest": "advisory",
            "litellm-no-vulnerable-version": "mandatory",
            "litellm-accepted-advisories": "advisory",
            "containers-memory-limits": "mandatory",
            "gateway-non-root-readonly": "mandatory",
            "docker-ports-loopback-only": "mandatory",
            "verification-enabled": "advisory",
        });
        for (const p of policies) {
            assert.match(p.name, /^[a-z0-9-]+$/, "CrossGuard policy names: letters, digits, dashes");
            assert.ok(p.description.length > 20, `${p.name} has a description`);
        }
    });

    test("the type tokens the rules match are the provider classes' __pulumiType (checked with isType)", () => {
        const pairs: [string, unknown][] = [
            [types.DOCKER_CONTAINER, docker.Container],
            [types.DOCKER_REMOTE_IMAGE, docker.RemoteImage],
            [types.K8S_SERVICE, k8s.core.v1.Service],
            [types.K8S_CONFIG_MAP, k8s.core.v1.ConfigMap],
            [types.K8S_POD, k8s.core.v1.Pod],
            [types.K8S_DEPLOYMENT, k8s.apps.v1.Deployment],
            [types.K8S_STATEFUL_SET, k8s.apps.v1.StatefulSet],
            [types.K8S_DAEMON_SET, k8s.apps.v1.DaemonSet],
            [types.K8S_REPLICA_SET, k8s.apps.v1.ReplicaSet],
            [types.K8S_JOB, k8s.batch.v1.Job],
            [types.K8S_CRON_JOB, k8s.batch.v1.CronJob],
            [types.HELM_RELEASE, k8s.helm.v3.Release],
            [types.HELM_CHART_V4, k8s.helm.v4.Chart],
        ];
        for (const [token, cls] of pairs) {
            const args = fakeResourceArgs(token, {});
            assert.ok(args.isType(cls as never), `${token} is ${String((cls as { __pulumiType?: string }).__pulumiType)}`);
        }
        assert.ok(!fakeResourceArgs(types.K8S_SERVICE, {}).isType(docker.Container as never));
    });

    test("a resource wrapper reports each violation through reportViolation, and nothing for a compliant resource", async () => {
        const policy = resourcePolicy("docker-ports-loopback-only");
        const good = await runResourcePolicy(policy, fakeResourceArgs(types.DOCKER_CONTAINER, dockerGatewayContainer()));
        assert.deepEqual(good, { violations: [] });
        const bad = await runResourcePolicy(policy, fakeResourceArgs(types.DOCKER_CONTAINER, { ...dockerGatewayContainer(), ports: [{ internal: 4000, external: 4000 }, { internal: 4001, ip: "0.0.0.0" }] }));
        assert.equal(bad.violations.length, 2);
        assert.equal(bad.notApplicable, undefined);
    });

    test("a resource wrapper declares itself not applicable to other types", async () => {
        const run = await runResourcePolicy(resourcePolicy("docker-ports-loopback-only"), fakeResourceArgs(types.K8S_SERVICE, k8sClusterIPService()));
        assert.deepEqual(run.violations, []);
        assert.match(run.notApplicable ?? "", /only inspects docker:index\/container:Container/);
    });

    test("a resource wrapper unwraps secret-wrapped props before judging (structure, not secretness)", async () => {
        const service = clone(k8sClusterIPService()) as Record<string, any>;
        service.spec.type = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "NodePort" };
        const run = await runResourcePolicy(resourcePolicy("no-public-services"), fakeResourceArgs(types.K8S_SERVICE, service));
        assert.equal(run.violations.length, 1);
    });
});

describe("the verification-enabled stack policy", () => {
    const policy = () => stackPolicy("verification-enabled");
    const service = (stack: string) => fakePolicyResource(stack, types.K8S_SERVICE, "litellm", k8sClusterIPService());
    const verifyJob = (stack: string) =>
        fakePolicyResource(stack, types.K8S_JOB, "verify", { metadata: { labels: { "app.kubernetes.io/component": "verification" } } });

    test("declares a devStacks config with the default [\"dev\"]", () => {
        assert.deepEqual(policy().configSchema?.properties.devStacks.default, ["dev"]);
    });

    test("an oke stack (name read from the URNs) without verification is reported", async () => {
        const run = await runStackPolicy(policy(), fakeStackArgs([service("oke")]));
        assert.equal(run.violations.length, 1);
        assert.match(run.violations[0], /Stack "oke"/);
    });

    test("an oke stack with the verification Job, or with the dynamic checks, passes", async () => {
        assert.deepEqual(await runStackPolicy(policy(), fakeStackArgs([service("oke"), verifyJob("oke")])), { violations: [] });
        const dynamic = fakePolicyResource("oke", types.DYNAMIC_RESOURCE, "check-health", { suite: VERIFICATION_SUITE });
        assert.deepEqual(await runStackPolicy(policy(), fakeStackArgs([service("oke"), dynamic])), { violations: [] });
    });

    test("dev stacks, by default or by config, are not applicable", async () => {
        assert.match((await runStackPolicy(policy(), fakeStackArgs([service("dev")]))).notApplicable ?? "", /"dev" is a development stack/);
        const configured = await runStackPolicy(policy(), fakeStackArgs([service("alice")], { devStacks: ["dev", "alice"] }));
        assert.deepEqual(configured.violations, []);
        assert.match(configured.notApplicable ?? "", /"alice"/);
    });

    test("the stack name falls back to PULUMI_STACK when no URN carries it", () => {
        const args = fakeStackArgs([]);
        assert.equal(stackNameOf(args, { PULUMI_STACK: "oke" }), "oke");
        assert.equal(stackNameOf(args, {}), undefined);
        assert.equal(stackNameOf(fakeStackArgs([service("prod")]), { PULUMI_STACK: "oke" }), "prod", "a URN wins over the environment");
    });
});
