import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { policies } from "../../policy/policies";
import { normalizeProps, UNKNOWN } from "../../policy/rules/props";
import { DOCKER_CONTAINER } from "../../policy/rules/resourceTypes";
import { dockerGatewayContainer } from "./fixtures";
import { fakeResourceArgs, runResourcePolicy } from "./fakePolicyArgs";

/** The policy SDK's own preview proxy (internal, so untyped): reading an unknown field throws UnknownValueError. */
const policyProxy = require("@pulumi/policy/proxy") as {
    unknownCheckingProxy<T>(v: T): T;
    unknownStringValue: string;
    unknownNumberValue: string;
};

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

describe("normalizeProps", () => {
    test("unwraps the secret wrappers mocks record, at any depth", () => {
        const wrapped = { envs: [{ [SECRET_SIG_KEY]: SECRET_SIG, value: "A=b" }], nested: { [SECRET_SIG_KEY]: SECRET_SIG, value: { x: 1 } } };
        assert.deepEqual(normalizeProps(wrapped), { envs: ["A=b"], nested: { x: 1 } });
    });

    test("replaces unknown sentinels (mocks in preview) by UNKNOWN", () => {
        assert.deepEqual(normalizeProps({ image: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", memory: 512 }), { image: UNKNOWN, memory: 512 });
    });

    test("reads through the policy SDK's preview proxy without throwing, marking only the unknown fields", () => {
        const props = policyProxy.unknownCheckingProxy({ image: policyProxy.unknownStringValue, memory: 512, ports: [{ internal: 4000, ip: policyProxy.unknownStringValue }] });
        assert.throws(() => (props as { image: string }).image, /can't be known during preview/);
        assert.deepEqual(normalizeProps(props), { image: UNKNOWN, memory: 512, ports: [{ internal: 4000, ip: UNKNOWN }] });
    });
});

describe("preview unknowns through a policy wrapper", () => {
    const byName = (name: string) => {
        const policy = policies.find((p) => p.name === name);
        assert.ok(policy && "validateResource" in policy, name);
        return policy;
    };

    test("an unknown image id does not stop the other fields of the container from being checked", async () => {
        const container = { ...dockerGatewayContainer(), image: policyProxy.unknownStringValue, ports: [{ internal: 4000, external: 4000 }] };
        const args = fakeResourceArgs(DOCKER_CONTAINER, policyProxy.unknownCheckingProxy(container));
        const ports = await runResourcePolicy(byName("docker-ports-loopback-only"), args);
        assert.equal(ports.violations.length, 1, "the 0.0.0.0 port is still reported");
        const images = await runResourcePolicy(byName("images-pinned"), args);
        assert.deepEqual(images.violations, [], "the unknown image is neither pass nor fail");
    });

    test("an unknown memory or ip is not reported as missing", async () => {
        const container = { ...dockerGatewayContainer(), memory: policyProxy.unknownNumberValue, ports: [{ internal: 4000, ip: policyProxy.unknownStringValue }] };
        const args = fakeResourceArgs(DOCKER_CONTAINER, policyProxy.unknownCheckingProxy(container));
        assert.deepEqual((await runResourcePolicy(byName("containers-memory-limits"), args)).violations, []);
        assert.deepEqual((await runResourcePolicy(byName("docker-ports-loopback-only"), args)).violations, []);
    });
});
