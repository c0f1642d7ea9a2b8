/**
 * oke with database.mode external, the cluster given as a kubeconfig secret, an existing namespace and a
 * custom release name: no OCI provider at all, the URL split into a Secret and values, nothing leaked.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, isSecretValue, MockRecorder, occurrences, plaintextOccurrences, promiseOf, settle, unwrap } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";
import type { DeployedStack } from "../../stacks/types";
import { FAKE_OKE_KUBECONFIG, isKubernetesResource, KUBECONFIG_TOKEN, okeMockOptions, providerName, TEST_PEM, valuesOf } from "./fixtures";

const DATABASE_URL = "postgresql://gateway_app:Ext3rnal-Pa55word@pg.internal.example.com:6432/llm?sslmode=require";

describe("oke stack with an external Postgres and a kubeconfig secret", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let values: any;

    before(async () => {
        mocks = installMocks("litellm-gateway", "oke", false, okeMockOptions);
        const { config, secretKeys } = stackConfig(
            "oke",
            { oke: { namespace: "gateway", createNamespace: false, releaseName: "gw" }, database: { mode: "external" } },
            { ociPrivateKey: TEST_PEM, databaseUrl: DATABASE_URL, kubeconfig: FAKE_OKE_KUBECONFIG },
        );
        pulumi.runtime.setAllConfig(config, secretKeys);
        const { deploy } = await import("../../program");
        const { loadSpec } = await import("../../config/load");
        stack = deploy(loadSpec());
        await settle(stack.outputs.gatewayUrl, stack.outputs.masterKey, stack.outputs.verificationReport as pulumi.Output<string>);
        values = valuesOf(mocks.one("kubernetes:helm.sh/v3:Release"));
    });

    test("the Kubernetes provider uses the kubeconfig secret; no OCI provider or kubeconfig lookup is needed", () => {
        const provider = mocks.one("pulumi:providers:kubernetes");
        assert.ok(isSecretValue(provider.inputs.kubeconfig));
        assert.equal(unwrap(provider.inputs.kubeconfig), FAKE_OKE_KUBECONFIG);
        assert.equal(provider.inputs.clusterIdentifier, "https://10.0.0.10:6443");
        assert.equal(mocks.byType("pulumi:providers:oci").length, 0);
        assert.equal(mocks.calls.filter((c) => c.token === KUBECONFIG_TOKEN).length, 0);
        for (const r of mocks.resources.filter(isKubernetesResource)) assert.equal(providerName(r), provider.name, `${r.name} uses the explicit provider`);
    });

    test("an existing namespace is used, not created; names follow the release name", async () => {
        assert.equal(mocks.byType("kubernetes:core/v1:Namespace").length, 0);
        const release = mocks.one("kubernetes:helm.sh/v3:Release");
        assert.deepEqual([release.inputs.name, release.inputs.namespace, values.fullnameOverride], ["gw", "gateway", "gw"]);
        assert.equal(await promiseOf(stack.outputs.gatewayUrl), "http://gw.gateway.svc.cluster.local:4000");
        const job = mocks.one("kubernetes:batch/v1:Job");
        const env = (job.inputs.spec as any).template.spec.containers[0].env;
        assert.equal(env.find((e: any) => e.name === "GATEWAY_URL").value, "http://gw.gateway.svc.cluster.local:4000");
        assert.equal((job.inputs.metadata as { namespace: string }).namespace, "gateway");
    });

    test("the URL is split: user and password into the Secret, host, port, database and query into db.*", () => {
        assert.equal(values.db.endpoint, "pg.internal.example.com");
        assert.equal(values.db.database, "llm");
        assert.equal(values.db.url, "postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):6432/$(DATABASE_NAME)?sslmode=require");
        const secret = mocks.byType("kubernetes:core/v1:Secret").find((s) => (s.inputs.metadata as { name: string }).name === "gw-db");
        assert.ok(secret && isSecretValue(secret.inputs.stringData));
        assert.deepEqual(unwrap(secret.inputs.stringData), { username: "gateway_app", password: "Ext3rnal-Pa55word" });
        const expanded = values.db.url
            .replace("$(DATABASE_USERNAME)", "gateway_app")
            .replace("$(DATABASE_PASSWORD)", "Ext3rnal-Pa55word")
            .replace("$(DATABASE_HOST)", values.db.endpoint)
            .replace("$(DATABASE_NAME)", values.db.database);
        assert.equal(expanded, DATABASE_URL, "what the pod assembles is exactly the configured URL");
    });

    test("neither the URL nor its password appears outside a secret; no in-cluster Postgres", () => {
        assert.ok(occurrences(mocks.resources, "Ext3rnal-Pa55word") > 0);
        assert.deepEqual(plaintextOccurrences(mocks.resources, "Ext3rnal-Pa55word"), []);
        assert.deepEqual(plaintextOccurrences(mocks.resources, DATABASE_URL), []);
        assert.equal(mocks.byType("kubernetes:apps/v1:StatefulSet").length, 0);
        assert.equal(mocks.byType("kubernetes:networking.k8s.io/v1:NetworkPolicy").length, 2, "no Postgres policy: the database is outside the cluster");
    });
});
