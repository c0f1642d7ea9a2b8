/**
 * What the oke stack refuses before registering anything: Oracle Autonomous Database (LiteLLM stores keys,
 * budgets and spend through Prisma, which has no Oracle support), and a feature whose oke side has not landed.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../config/errors";
import { installMocks, MockRecorder, settle } from "../helpers/mocks";
import type { StackOutputs } from "../../stacks/types";
import { stackConfig } from "../helpers/stack-config";
import { okeMockOptions, TEST_PEM } from "./fixtures";

describe("what the oke stack refuses", () => {
    let mocks: MockRecorder;
    let program: () => StackOutputs;

    before(async () => {
        mocks = installMocks("litellm-gateway", "oke", false, okeMockOptions);
        program = (await import("../../program")).program;
    });

    for (const mode of ["autonomous", "ADB", "atp"]) {
        test(`'${mode}' fails with the Prisma explanation and deploys nothing`, () => {
            const { config, secretKeys } = stackConfig("oke", { database: { mode } }, { ociPrivateKey: TEST_PEM });
            pulumi.runtime.setAllConfig(config, secretKeys);
            assert.throws(program, (err: unknown) => {
                assert.ok(err instanceof ConfigError);
                assert.deepEqual(err.problems.map((p) => p.key), ["litellm-gateway:database.mode"]);
                assert.match(err.message, /Oracle Autonomous Database cannot back LiteLLM/);
                assert.match(err.message, /Prisma has no Oracle support/);
                assert.match(err.message, /oci-psql/);
                return true;
            });
            assert.equal(mocks.resources.length, 0, "no resource was registered");
        });
    }

    test("the same stack with oci-psql passes validation (the rejection is about the database, not the stack)", async () => {
        const { config, secretKeys } = stackConfig("oke", { database: { mode: "oci-psql", oci: { subnetId: "ocid1.subnet.oc1.us-chicago-1.aaaaaaaaexample" } }, verification: { enabled: false } }, { ociPrivateKey: TEST_PEM });
        pulumi.runtime.setAllConfig(config, secretKeys);
        const outputs = program();
        await settle(outputs.gatewayUrl);
        assert.ok(mocks.resources.some((r) => r.type === "oci:Psql/dbSystem:DbSystem"));
    });
});
