/**
 * Shared setup of the oke feature tests (tests/oke/features-*.test.ts). Like tests/helpers/build-stack.ts,
 * plus what OCI would compute: the kubeconfig and Postgres lookups (okeMockOptions) and the OCI Cache
 * cluster's primary FQDN, which the mock engine would otherwise leave empty. One call per test FILE.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, isSecretValue, MockRecorder, RecordedResource, settle, unwrap } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";
import type { DeployedStack } from "../../stacks/types";
import { okeMockOptions, TEST_MASTER_KEY, TEST_PEM } from "./fixtures";

export const OCI_CACHE_TYPE = "oci:Redis/redisCluster:RedisCluster";
export const OCI_CACHE_FQDN = "abcdefgh-p.redis.us-chicago-1.oci.oraclecloud.com";
export const CACHE_SUBNET = "ocid1.subnet.oc1.us-chicago-1.aaaaaaaaexamplecachesubnet";
export const CACHE_NSG = "ocid1.networksecuritygroup.oc1.us-chicago-1.aaaaaaaaexamplecachensg";
/** The secrets every oke test stack gets: the OCI API key (every oke model is OCI) and a fixed master key. */
export const OKE_SECRETS = { ociPrivateKey: TEST_PEM, masterKey: TEST_MASTER_KEY };

export const K8S = {
    secret: "kubernetes:core/v1:Secret",
    service: "kubernetes:core/v1:Service",
    deployment: "kubernetes:apps/v1:Deployment",
    netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    release: "kubernetes:helm.sh/v3:Release",
    job: "kubernetes:batch/v1:Job",
} as const;

export interface OkeFeatureStack {
    mocks: MockRecorder;
    stack: DeployedStack;
    /** Warnings the program logged through pulumi.log.warn. */
    warnings: string[];
}

type MockMonitor = { mocks: pulumi.runtime.Mocks };

export async function buildOkeFeatureStack(overrides: Record<string, unknown>, secrets: Record<string, string> = {}): Promise<OkeFeatureStack> {
    const mocks = installMocks("litellm-gateway", "oke", false, okeMockOptions);
    const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
    const recorder = monitor.mocks;
    monitor.mocks = {
        call: (args) => recorder.call(args),
        newResource: async (args) => {
            const result = await recorder.newResource(args);
            return args.type === OCI_CACHE_TYPE ? { ...result, state: { ...result.state, primaryFqdn: OCI_CACHE_FQDN, primaryEndpointIpAddress: "10.0.3.7" } } : result;
        },
    };
    const warnings: string[] = [];
    const warn = pulumi.log.warn;
    (pulumi.log as { warn: (msg: string) => Promise<void> }).warn = async (msg: string) => {
        warnings.push(msg);
    };
    try {
        const { config, secretKeys } = stackConfig("oke", overrides, { ...OKE_SECRETS, ...secrets });
        pulumi.runtime.setAllConfig(config, secretKeys);
        const { deploy } = await import("../../program");
        const { loadSpec } = await import("../../config/load");
        const stack = deploy(loadSpec());
        const report = stack.outputs.verificationReport as pulumi.Output<string> | undefined;
        await settle(stack.outputs.gatewayUrl, stack.outputs.masterKey, ...(report ? [report] : []));
        return { mocks, stack, warnings };
    } finally {
        (pulumi.log as { warn: typeof warn }).warn = warn;
    }
}

export const metaName = (r: RecordedResource) => (r.inputs.metadata as { name?: string }).name;

/** The one resource of `type` whose metadata.name is `name`. */
export function named(mocks: MockRecorder, type: string, name: string): RecordedResource {
    const found = mocks.byType(type).filter((r) => metaName(r) === name);
    assert.equal(found.length, 1, `one ${type} named ${name} (found ${mocks.byType(type).map(metaName).join(", ")})`);
    return found[0];
}

/** The data of the Secret named `name`, after asserting it reached the engine as a secret. */
export function secretData(mocks: MockRecorder, name: string): Record<string, string> {
    const s = named(mocks, K8S.secret, name);
    assert.ok(isSecretValue(s.inputs.stringData), `${name}'s data is a secret input`);
    return unwrap(s.inputs.stringData);
}

export function releaseValues(mocks: MockRecorder): any {
    return unwrap(mocks.one(K8S.release).inputs.values);
}

/** The gateway's env as the chart gets it: plain `envVars` plus secretKeyRef `extraEnvVars`, by name. */
export function gatewayEnv(mocks: MockRecorder): { plain: Record<string, string>; refs: Record<string, { name: string; key: string }> } {
    const values = releaseValues(mocks);
    const refs = Object.fromEntries((values.extraEnvVars as any[]).map((e) => [e.name, e.valueFrom.secretKeyRef]));
    return { plain: values.envVars, refs };
}

/** The verification Job's container. */
export function jobContainer(mocks: MockRecorder): any {
    return (mocks.one(K8S.job).inputs.spec as any).template.spec.containers[0];
}

export function policySpec(mocks: MockRecorder, name: string): any {
    return named(mocks, K8S.netpol, name).inputs.spec;
}
