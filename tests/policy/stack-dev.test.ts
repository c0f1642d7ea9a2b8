/**
 * The real `dev` stack, with every optional feature switched on, passes every mandatory policy rule.
 * Under mocks the resources are exactly what `pulumi preview --policy-pack policy` would see.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder } from "../helpers/mocks";
import { buildStack } from "../helpers/build-stack";
import { evaluatePolicies, formatViolations, mandatoryViolations } from "../../policy/evaluate";

describe("policy pack over the real dev stack", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildStack("dev", { guardrails: { enabled: true } }));
    });

    test("every resource passes every mandatory rule", () => {
        const types = new Set(mocks.resources.map((r) => r.type));
        for (const t of ["docker:index/container:Container", "docker:index/remoteImage:RemoteImage", "docker:index/network:Network"]) assert.ok(types.has(t), t);
        const violations = mandatoryViolations(evaluatePolicies(mocks.resources, { stack: "dev" }));
        assert.deepEqual(violations, [], formatViolations(violations));
    });

    test("the check is live: a published port on 0.0.0.0 added to the same stack is caught", () => {
        const gateway = mocks.resources.find((r) => r.name.endsWith("-litellm-container"));
        assert.ok(gateway);
        const tampered = { ...gateway, inputs: { ...gateway.inputs, ports: [{ internal: 4000, external: 4000, ip: "0.0.0.0" }] } };
        const violations = mandatoryViolations(evaluatePolicies([tampered], { stack: "dev" }));
        assert.ok(violations.some((v) => v.policyName === "docker-ports-loopback-only"), formatViolations(violations));
    });
});
