import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DYNAMIC_RESOURCE, K8S_JOB } from "../../policy/rules/resourceTypes";
import { checkVerificationEnabled, stackFromUrn, VERIFICATION_SUITE } from "../../policy/rules/verificationEnabled";

const devStacks = ["dev"];
const verificationJob = {
    type: K8S_JOB,
    name: "litellm-verify",
    props: { metadata: { labels: { "app.kubernetes.io/component": "verification", "app.kubernetes.io/part-of": "litellm-gateway" } }, spec: { template: { spec: { containers: [] } } } },
};
const dynamicCheck = { type: DYNAMIC_RESOURCE, name: "verify-health", props: { suite: VERIFICATION_SUITE, check: "health" } };
const otherDynamic = { type: DYNAMIC_RESOURCE, name: "something", props: { suite: "another-suite" } };
const unlabelledJob = { type: K8S_JOB, name: "migrate", props: { metadata: { labels: { "app.kubernetes.io/component": "migrations" } } } };

describe("verification-enabled (stack, advisory)", () => {
    test("a non-dev stack with the labelled verification Job passes", () => {
        assert.deepEqual(checkVerificationEnabled([unlabelledJob, verificationJob], { stack: "oke", devStacks }), []);
    });

    test("a label on the pod template also counts", () => {
        const job = { ...verificationJob, props: { spec: { template: { metadata: { labels: { "app.kubernetes.io/component": "verification" } } } } } };
        assert.deepEqual(checkVerificationEnabled([job], { stack: "oke", devStacks }), []);
    });

    test("a non-dev stack with the verification dynamic resources passes", () => {
        assert.deepEqual(checkVerificationEnabled([dynamicCheck], { stack: "staging", devStacks }), []);
    });

    test("a non-dev stack without verification fails, naming the stack and the fix", () => {
        const [message] = checkVerificationEnabled([unlabelledJob, otherDynamic], { stack: "oke", devStacks });
        assert.match(message, /Stack "oke" deploys no post-deploy verification/);
        assert.match(message, /Fix: enable verification/);
    });

    test("a dev stack, or a stack listed in devStacks, is exempt", () => {
        assert.deepEqual(checkVerificationEnabled([], { stack: "dev", devStacks }), []);
        assert.deepEqual(checkVerificationEnabled([], { stack: "alice-dev", devStacks: ["dev", "alice-dev"] }), []);
    });

    test("an unknown stack name is not judged", () => {
        assert.deepEqual(checkVerificationEnabled([], { devStacks }), []);
    });

    test("the stack name is read from a URN", () => {
        assert.equal(stackFromUrn("urn:pulumi:oke::litellm-gateway::kubernetes:batch/v1:Job::verify"), "oke");
        assert.equal(stackFromUrn("not-a-urn"), undefined);
        assert.equal(stackFromUrn(undefined), undefined);
    });
});
