/**
 * Sizes that fit: every in-cluster workload's requests and limits come from `oke.resources.*` (defaults in
 * OKE_RESOURCE_DEFAULTS), in the API server's canonical spelling, and the preview warns, naming the key and the
 * scheduler's reason, when a pod or the whole stack asks for more than one small node allocates.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseSpec } from "../../config/spec";
import { OKE_RESOURCE_DEFAULTS, okeSettings } from "../../config/sections/oke";
import { quantityValue } from "../../components/k8s/quantity";
import { okePodRequests, peakRequests, PodRequest, schedulingWarnings } from "../../components/k8s/sizing";
import { configProblems, rawConfig, VALID_PEM } from "../helpers/raw-config";
import type { MockRecorder } from "../helpers/mocks";
import { unwrap } from "../helpers/mocks";
import { stackFile } from "../helpers/stack-config";
import { buildOkeFeatureStack, jobContainer, K8S, named, releaseValues } from "./features-support";

const CLUSTER = "ocid1.cluster.oc1.us-chicago-1.aaaaaaaaexampleclusterid";
const okeSpec = (oke: Record<string, unknown>, other: Record<string, unknown> = {}) => parseSpec(rawConfig("oke", { oke: { clusterId: CLUSTER, ...oke }, ...other }, { ociPrivateKey: VALID_PEM }));
const pod = (workload: string, cpu: string, memory: string, extra: Partial<PodRequest> = {}): PodRequest => ({ workload, cpuKey: `k.${workload}.cpu`, memoryKey: `k.${workload}.memory`, count: 1, cpu, memory, transient: false, ...extra });
const container = (mocks: MockRecorder, type: string, name: string) => (unwrap(named(mocks, type, name).inputs.spec) as any).template.spec.containers[0];

describe("oke.resources in config", () => {
    test("a partial override keeps the other defaults; nodeCpu/nodeMemory default to a 2-CPU, 8Gi node", () => {
        const o = okeSettings(okeSpec({ resources: { presidioAnalyzer: { cpuRequest: "1" } }, nodeCpu: "4" }));
        assert.deepEqual(o.resources.presidioAnalyzer, { ...OKE_RESOURCE_DEFAULTS.presidioAnalyzer, cpuRequest: "1" });
        assert.deepEqual(o.resources.postgres, OKE_RESOURCE_DEFAULTS.postgres);
        assert.deepEqual([o.nodeCpu, o.nodeMemory], ["4", "8Gi"]);
        assert.deepEqual([okeSettings(okeSpec({})).nodeCpu, okeSettings(okeSpec({})).nodeMemory], ["2", "8Gi"]);
    });

    test("a bad quantity, a milli-byte memory and an unknown workload are refused with their key paths", () => {
        const keys = configProblems(() => okeSpec({ resources: { postgres: { cpuRequest: "lots", memoryLimit: "512m" }, gateway: { cpuRequest: "1" } }, nodeMemory: "8 GB" })).map((p) => p.key);
        for (const k of ["oke.resources.postgres.cpuRequest", "oke.resources.postgres.memoryLimit", "oke.nodeMemory"]) assert.ok(keys.some((x) => x.endsWith(k)), `${k} in ${keys.join(", ")}`);
        assert.ok(keys.some((x) => /oke\.resources/.test(x) && !/postgres/.test(x)), `the unknown workload is named: ${keys.join(", ")}`);
    });
});

describe("pod requests and scheduling warnings (pure)", () => {
    test("quantityValue reads cores and bytes", () => {
        assert.deepEqual(["500m", "1.5", "2", "1Gi", "256Mi", "1k"].map(quantityValue), [0.5, 1.5, 2, 2 ** 30, 256 * 2 ** 20, 1000]);
    });

    test("the stack's pods follow its features: datastores in the cluster, Presidio with guardrails, one Job at a time at the peak", () => {
        const bare = okePodRequests(okeSpec({}), okeSettings(okeSpec({})));
        assert.deepEqual(bare.map((p) => p.workload), ["gateway", "postgres", "migration hook", "verification Job"]);
        const all = okeSpec({}, { cache: { enabled: true }, guardrails: { enabled: true } });
        const pods = okePodRequests(all, okeSettings(all));
        assert.deepEqual(pods.map((p) => p.workload), ["gateway", "postgres", "redis", "presidio analyzer", "presidio anonymizer", "migration hook", "verification Job"]);
        assert.equal(pods[0].count, 2, "two gateway replicas");
        // 2 x 500m + 250m + 100m + 250m + 125m + max(100m, 50m)
        assert.ok(Math.abs(peakRequests(pods).cpu - 1.825) < 1e-9, String(peakRequests(pods).cpu));
        const external = parseSpec(rawConfig("oke", { oke: { clusterId: CLUSTER }, database: { mode: "external" } }, { ociPrivateKey: VALID_PEM, databaseUrl: "postgresql://u:p@db.example.com:5432/litellm" }));
        assert.ok(!okePodRequests(external, okeSettings(external)).some((p) => p.workload === "postgres"), "no Postgres pod for an external database");
    });

    test("nothing to say when everything fits", () => {
        assert.deepEqual(schedulingWarnings([pod("a", "500m", "1Gi"), pod("b", "1", "2Gi")], { cpu: "2", memory: "8Gi" }), []);
    });

    test("a pod bigger than the node: its key, its value and the scheduler's reason", () => {
        const warnings = schedulingWarnings([pod("presidio analyzer", "1500m", "1Gi", { cpuKey: "oke.resources.presidioAnalyzer.cpuRequest" })], { cpu: "1", memory: "8Gi" });
        assert.equal(warnings.length, 2, warnings.join("\n"));
        assert.match(warnings[0], /^oke\.resources\.presidioAnalyzer\.cpuRequest \(1500m, the presidio analyzer\).*oke\.nodeCpu 1.*"Insufficient cpu".*time out/);
        assert.match(warnings[1], /requests 1500m CPU/, "and the total");
    });

    test("a stack bigger than one node: the total, each pod, and how many such nodes it needs", () => {
        const pods = [pod("gateway", "500m", "2Gi", { count: 4 }), pod("db", "250m", "256Mi"), pod("hook", "100m", "512Mi", { transient: true }), pod("checks", "50m", "128Mi", { transient: true })];
        const [w] = schedulingWarnings(pods, { cpu: "2", memory: "8Gi" });
        assert.match(w, /requests 2350m CPU and 8.75Gi of memory/);
        assert.match(w, /gateway 4 x 500m\/2Gi/);
        assert.match(w, /at least 2 such nodes/);
        assert.match(w, /"Insufficient cpu"/);
    });
});

describe("the oke graph takes its sizes from oke.resources", () => {
    let mocks: MockRecorder;
    let warnings: string[];
    before(async () => {
        ({ mocks, warnings } = await buildOkeFeatureStack({
            cache: { enabled: true },
            guardrails: { enabled: true },
            oke: {
                ...(stackFile("oke")["litellm-gateway:oke"] as Record<string, unknown>),
                nodeCpu: "1",
                resources: {
                    presidioAnalyzer: { cpuRequest: "1500m", memoryRequest: "1024Mi", memoryLimit: "3000Mi", cpuLimit: "2000m" },
                    presidioAnonymizer: { cpuRequest: "0.1" },
                    postgres: { cpuRequest: "300m", memoryLimit: "2048Mi" },
                    redis: { memoryRequest: "512Mi", memoryLimit: "640Mi" },
                    verification: { cpuRequest: "100m" },
                    migration: { memoryLimit: "1536Mi" },
                },
            },
        }));
    });

    test("each workload's container gets its configured sizes, canonical", () => {
        assert.deepEqual(container(mocks, K8S.deployment, "litellm-presidio-analyzer").resources, { requests: { cpu: "1500m", memory: "1Gi" }, limits: { cpu: "2", memory: "3000Mi" } });
        assert.deepEqual(container(mocks, K8S.deployment, "litellm-presidio-anonymizer").resources.requests, { cpu: "100m", memory: "128Mi" });
        assert.deepEqual(container(mocks, "kubernetes:apps/v1:StatefulSet", "litellm-postgres").resources, { requests: { cpu: "300m", memory: "256Mi" }, limits: { memory: "2Gi" } });
        assert.deepEqual(jobContainer(mocks).resources.requests, { cpu: "100m", memory: "128Mi" });
        assert.deepEqual(releaseValues(mocks).migrationJob.resources.limits, { memory: "1536Mi" });
    });

    test("Redis evicts at its memory request (maxmemory), below the limit", () => {
        const redis = container(mocks, K8S.deployment, "litellm-redis");
        assert.deepEqual(redis.resources, { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "640Mi" } });
        assert.match(redis.command.join(" "), /--maxmemory 512mb/);
    });

    test("the preview warns about the analyzer that no 1-CPU node can place, and about the total", () => {
        assert.ok(warnings.some((w) => /^oke\.resources\.presidioAnalyzer\.cpuRequest \(1500m/.test(w) && /Insufficient cpu/.test(w)), warnings.join("\n"));
        assert.ok(warnings.some((w) => /^the stack requests/.test(w)), warnings.join("\n"));
    });
});

describe("the default oke graph fits a small node", () => {
    test("no sizing warning with every feature on and the defaults", async () => {
        const { warnings } = await buildOkeFeatureStack({ cache: { enabled: true }, guardrails: { enabled: true } });
        assert.deepEqual(warnings.filter((w) => /Insufficient|stack requests/.test(w)), []);
    });
});
