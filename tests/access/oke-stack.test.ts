/**
 * The oke stack with teams and keys declared, under Pulumi mocks: resources go through `access.adminUrl`;
 * a delivered key lands as a Secret in its consumer namespace with the gateway's in-cluster URL, the
 * NetworkPolicy admits that namespace, and the verification Job gets the declarations as a flag and the
 * key values from a Secret, never in plaintext.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import { MockRecorder, plaintextOccurrences, promiseOf, unwrap } from "../helpers/mocks";
import { parseCliArgs } from "../../verify/cli-args";
import type { DeployedStack } from "../../stacks/types";
import { buildOkeFeatureStack, jobContainer, K8S, metaName, named, policySpec, secretData } from "../oke/features-support";

const KEY_TYPE = "pulumi-nodejs:dynamic/access:LiteLLMKey";
const ACCESS = {
    adminUrl: "http://127.0.0.1:14000",
    teams: [{ alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100 }],
    keys: [
        { alias: "search-api", team: "search", models: ["chat"], secret: { namespace: "search" } },
        { alias: "batch", team: "search", models: ["chat-backup"], secret: { namespace: "jobs", name: "batch-llm" } },
        { alias: "ops-tool", models: ["chat"] },
    ],
};

describe("oke stack with access declared", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let keyValues: Record<string, string>;
    let gatewayUrl: string;

    before(async () => {
        ({ mocks, stack } = await buildOkeFeatureStack({ access: ACCESS }));
        gatewayUrl = await promiseOf(stack.outputs.gatewayUrl);
        const values = stack.components.access as unknown as { keyValues: Record<string, pulumi.Output<string>> };
        keyValues = Object.fromEntries(await Promise.all(Object.entries(values.keyValues).map(async ([a, o]) => [a, await promiseOf(o)] as const)));
        await new Promise((r) => setTimeout(r, 100));
    });

    test("teams and keys are managed through access.adminUrl, not the in-cluster URL", () => {
        for (const k of mocks.byType(KEY_TYPE)) assert.equal(k.inputs.adminUrl, ACCESS.adminUrl);
        assert.equal(gatewayUrl, "http://litellm.litellm.svc.cluster.local:4000");
    });

    test("each delivered key is a Secret in its consumer namespace with the key and the in-cluster URL; undelivered keys get none", () => {
        const delivered = mocks.byType(K8S.secret).filter((s) => (s.inputs.metadata as { annotations?: Record<string, string> }).annotations?.["litellm-gateway/key-alias"]);
        assert.deepEqual(delivered.map((s) => `${(s.inputs.metadata as { namespace: string }).namespace}/${metaName(s)}`).sort(), ["jobs/batch-llm", "search/litellm-key-search-api"]);
        const search = delivered.find((s) => metaName(s) === "litellm-key-search-api")!;
        const data = unwrap(search.inputs.stringData);
        assert.deepEqual(data, { LITELLM_API_KEY: keyValues["search-api"], LITELLM_BASE_URL: gatewayUrl });
        assert.deepEqual(stack.outputs.accessKeySecrets, { "search-api": "search/litellm-key-search-api", batch: "jobs/batch-llm" });
    });

    test("the gateway NetworkPolicy admits the consumer namespaces besides oke.allowedNamespaces", () => {
        const from = policySpec(mocks, "litellm-gateway-ingress").ingress[0].from;
        const namespaces = from.filter((f: any) => f.namespaceSelector).map((f: any) => f.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]);
        assert.deepEqual(namespaces.sort(), ["apps", "jobs", "search"]);
    });

    test("the verification Job gets the declarations as --access and the key values as LITELLM_ACCESS_KEYS from a Secret", () => {
        const container = jobContainer(mocks);
        const args: string[] = container.command.slice(2);
        const settings = parseCliArgs(args, {});
        assert.deepEqual(settings.options.access?.keys.map((k) => k.alias), ["search-api", "batch", "ops-tool"]);
        assert.deepEqual(settings.options.access?.teams, [{ alias: "search", models: ["chat", "chat-backup"], maxBudgetUsd: 100 }]);
        const env = container.env.find((e: any) => e.name === "LITELLM_ACCESS_KEYS");
        assert.deepEqual(env.valueFrom.secretKeyRef, { name: "litellm-access-keys", key: "keys" });
        assert.deepEqual(JSON.parse(secretData(mocks, "litellm-access-keys").keys), keyValues);
        assert.equal(named(mocks, K8S.secret, "litellm-access-keys").inputs.metadata && (named(mocks, K8S.secret, "litellm-access-keys").inputs.metadata as { namespace: string }).namespace, "litellm");
    });

    test("no key value is in plaintext in any resource input", () => {
        assert.equal(Object.keys(keyValues).length, 3);
        for (const [alias, value] of Object.entries(keyValues)) assert.deepEqual(plaintextOccurrences(mocks.resources, value), [], alias);
    });
});
