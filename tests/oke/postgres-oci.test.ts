/**
 * oke with database.mode oci-psql: OCI Database with PostgreSQL created through the explicit OCI provider,
 * its endpoint read from the connection details, TLS required in the URL, the generated password secret.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, isSecretValue, MockRecorder, occurrences, plaintextOccurrences, settle, unwrap } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";
import type { DeployedStack } from "../../stacks/types";
import { okeMockOptions, providerName, PSQL_CONNECTION_TOKEN, PSQL_FQDN, TEST_PEM, valuesOf } from "./fixtures";

const SUBNET = "ocid1.subnet.oc1.us-chicago-1.aaaaaaaaexamplesubnet";
const NSG = "ocid1.networksecuritygroup.oc1.us-chicago-1.aaaaaaaaexamplensg";

describe("oke stack with OCI Database with PostgreSQL", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let values: any;

    before(async () => {
        mocks = installMocks("litellm-gateway", "oke", false, okeMockOptions);
        const { config, secretKeys } = stackConfig("oke", { database: { mode: "oci-psql", name: "gateway", oci: { subnetId: SUBNET, nsgIds: [NSG], instanceOcpuCount: 4 } }, verification: { enabled: false } }, { ociPrivateKey: TEST_PEM });
        pulumi.runtime.setAllConfig(config, secretKeys);
        const { deploy } = await import("../../program");
        const { loadSpec } = await import("../../config/load");
        stack = deploy(loadSpec());
        await settle(stack.outputs.gatewayUrl, stack.outputs.masterKey);
        values = valuesOf(mocks.one("kubernetes:helm.sh/v3:Release"));
    });

    test("the DB system is created in the configured subnet through the explicit OCI provider", () => {
        const db = mocks.one("oci:Psql/dbSystem:DbSystem");
        assert.equal(providerName(db), "litellm-gateway-oke-cluster-oci");
        assert.equal(db.inputs.compartmentId, "ocid1.compartment.oc1..aaaaaaaaexamplecompartment");
        assert.deepEqual(db.inputs.networkDetails, { subnetId: SUBNET, nsgIds: [NSG] });
        assert.deepEqual(db.inputs.storageDetails, { systemType: "OCI_OPTIMIZED_STORAGE", isRegionallyDurable: true });
        assert.equal(db.inputs.dbVersion, "16");
        assert.equal(db.inputs.instanceOcpuCount, 4);
        assert.match(String(db.inputs.shape), /^PostgreSQL\./);
        const creds = unwrap(db.inputs.credentials);
        assert.equal(creds.passwordDetails.passwordType, "PLAIN_TEXT");
        assert.ok(JSON.stringify(db.inputs.credentials).includes("4dabf18193072939515e22adb298388d"), "the password reaches OCI as a secret");
        const call = mocks.calls.find((c) => c.token === PSQL_CONNECTION_TOKEN);
        assert.ok(call && /pulumi:providers:oci::/.test(call.provider ?? ""), "connection details are read through the OCI provider");
    });

    test("the chart connects to the primary endpoint's FQDN with sslmode=require, as the user the DB system was created with", () => {
        assert.equal(values.db.endpoint, PSQL_FQDN);
        assert.equal(values.db.database, "gateway");
        assert.equal(values.db.url, "postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):5432/$(DATABASE_NAME)?sslmode=require");
        const dbSecret = mocks.byType("kubernetes:core/v1:Secret").find((s) => (s.inputs.metadata as { name: string }).name === values.db.secret.name);
        assert.ok(dbSecret && isSecretValue(dbSecret.inputs.stringData));
        const data = unwrap(dbSecret.inputs.stringData);
        const creds = unwrap(mocks.one("oci:Psql/dbSystem:DbSystem").inputs.credentials);
        assert.deepEqual([data.username, data.password], [creds.username, creds.passwordDetails.password]);
        assert.ok(occurrences(mocks.resources, data.password) >= 2);
        assert.deepEqual(plaintextOccurrences(mocks.resources, data.password), [], "the password stays secret everywhere");
    });

    test("no in-cluster Postgres and no Postgres NetworkPolicy; verification can be turned off", () => {
        assert.equal(mocks.byType("kubernetes:apps/v1:StatefulSet").length, 0);
        const policies = mocks.byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => (p.inputs.metadata as { name: string }).name).sort();
        assert.deepEqual(policies, ["litellm-gateway-ingress", "litellm-verification"]);
        assert.equal(mocks.byType("kubernetes:batch/v1:Job").length, 0);
        assert.equal(mocks.byType("kubernetes:core/v1:ConfigMap").length, 0);
        assert.equal(stack.outputs.verificationReport, undefined);
        assert.ok(stack.dependencies.gateway.includes(stack.components.database), "the release waits for the DB system");
    });
});
