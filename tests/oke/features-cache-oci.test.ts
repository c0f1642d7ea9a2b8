/**
 * oke with cache.mode oci-cache and the cluster given as a kubeconfig secret: OCI Cache is created through
 * the explicit OCI provider (built for the cache alone here), non-sharded, in the configured subnet; the
 * gateway connects to its primary FQDN over TLS with no AUTH (OCI Cache has no password).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { isSecretValue, MockRecorder, promiseOf, unwrap } from "../helpers/mocks";
import type { DeployedStack } from "../../stacks/types";
import { OciRedis } from "../../components/redis/oci";
import { parseCliArgs } from "../../verify/cli-args";
import { evaluatePolicies, formatViolations, mandatoryViolations } from "../../policy/evaluate";
import { FAKE_OKE_KUBECONFIG, isKubernetesResource, providerName, TEST_PEM } from "./fixtures";
import { buildOkeFeatureStack, CACHE_NSG, CACHE_SUBNET, gatewayEnv, jobContainer, K8S, metaName, OCI_CACHE_FQDN, OCI_CACHE_TYPE, releaseValues, secretData } from "./features-support";

describe("oke stack with the cache on OCI Cache", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;

    before(async () => {
        ({ mocks, stack } = await buildOkeFeatureStack(
            { cache: { enabled: true, mode: "oci-cache", ttlSeconds: 900, oci: { subnetId: CACHE_SUBNET, nsgIds: [CACHE_NSG], nodeMemoryInGbs: 4 } } },
            { kubeconfig: FAKE_OKE_KUBECONFIG },
        ));
    });

    test("the cluster is created through the explicit OCI provider, non-sharded, in the configured subnet and compartment", () => {
        const [ociProvider, ...others] = mocks.byType("pulumi:providers:oci");
        assert.equal(others.length, 0);
        assert.ok(isSecretValue(ociProvider.inputs.privateKey) && unwrap(ociProvider.inputs.privateKey) === TEST_PEM);
        const cluster = mocks.one(OCI_CACHE_TYPE);
        assert.equal(providerName(cluster), ociProvider.name, "never the ambient ~/.oci/config provider");
        assert.deepEqual(
            {
                compartmentId: cluster.inputs.compartmentId,
                subnetId: cluster.inputs.subnetId,
                nsgIds: cluster.inputs.nsgIds,
                clusterMode: cluster.inputs.clusterMode,
                nodeCount: cluster.inputs.nodeCount,
                nodeMemoryInGbs: cluster.inputs.nodeMemoryInGbs,
                softwareVersion: cluster.inputs.softwareVersion,
                displayName: cluster.inputs.displayName,
            },
            {
                compartmentId: "ocid1.compartment.oc1..aaaaaaaaexamplecompartment",
                subnetId: CACHE_SUBNET,
                nsgIds: [CACHE_NSG],
                clusterMode: "NONSHARDED",
                nodeCount: 1,
                nodeMemoryInGbs: 4,
                softwareVersion: "VALKEY_7_2",
                displayName: "litellm-gateway-oke-cache",
            },
        );
    });

    test("the gateway connects to the primary FQDN over TLS (REDIS_SSL True) and sends no password", async () => {
        const { plain, refs } = gatewayEnv(mocks);
        assert.equal(plain.REDIS_HOST, OCI_CACHE_FQDN, "the FQDN the certificate names, not the IP");
        assert.equal(plain.REDIS_PORT, "6379");
        assert.equal(plain.REDIS_SSL, "True");
        assert.deepEqual(refs.REDIS_PASSWORD, { name: "litellm-env", key: "REDIS_PASSWORD" }, "LiteLLM resolves os.environ/REDIS_PASSWORD, so the variable exists");
        assert.equal(secretData(mocks, "litellm-env").REDIS_PASSWORD, "", "empty: redis-py sends no AUTH");
        assert.equal(await promiseOf(stack.outputs.cacheHost as pulumi.Output<string>), OCI_CACHE_FQDN);
    });

    test("the rendered cache_params point at the env, with the configured TTL", () => {
        const settings = releaseValues(mocks).proxy_config.litellm_settings;
        assert.equal(settings.cache, true);
        assert.deepEqual([settings.cache_params.type, settings.cache_params.host, settings.cache_params.ttl], ["redis", "os.environ/REDIS_HOST", 900]);
    });

    test("nothing Redis runs in the cluster, so there is no Redis NetworkPolicy; Kubernetes resources keep their explicit provider", () => {
        assert.deepEqual(mocks.byType(K8S.deployment).map(metaName), []);
        assert.ok(!mocks.byType(K8S.netpol).some((p) => /redis/.test(metaName(p) ?? "")));
        const k8sProvider = mocks.one("pulumi:providers:kubernetes");
        for (const r of mocks.resources.filter(isKubernetesResource)) assert.equal(providerName(r), k8sProvider.name, r.name);
        assert.ok(stack.dependencies.gateway.some((d) => d instanceof OciRedis), "the release waits for the cluster");
    });

    test("the verification Job runs the cache check, and the stack passes every mandatory policy", () => {
        assert.equal(parseCliArgs(jobContainer(mocks).command.slice(2), {}).options.expectCache, true);
        const violations = mandatoryViolations(evaluatePolicies(mocks.resources, { stack: "oke" }));
        assert.deepEqual(violations, [], formatViolations(violations));
    });
});
