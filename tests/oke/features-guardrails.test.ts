/**
 * oke with the Presidio guardrail on: analyzer and anonymizer Deployments + ClusterIP Services from the
 * pinned images, memory sized for the analyzer's model, health probes, non-root, reachable by the gateway
 * only; the gateway pointed at them; the check asked to prove the guardrail without a stub report.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder } from "../helpers/mocks";
import { PRESIDIO_VERSION } from "../../config/defaults";
import type { DeployedStack } from "../../stacks/types";
import { KubernetesPresidio } from "../../components/presidio/k8s";
import { parseCliArgs } from "../../verify/cli-args";
import { isKubernetesResource, providerName } from "./fixtures";
import { buildOkeFeatureStack, gatewayEnv, jobContainer, K8S, named, policySpec, releaseValues } from "./features-support";

const GATEWAY_SELECTOR = { "app.kubernetes.io/name": "litellm", "app.kubernetes.io/instance": "litellm" };
const ROLES = ["analyzer", "anonymizer"] as const;

describe("oke stack with the Presidio guardrail on", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    const deployment = (role: string) => named(mocks, K8S.deployment, `litellm-presidio-${role}`).inputs.spec as any;
    const container = (role: string) => deployment(role).template.spec.containers[0];

    before(async () => {
        ({ mocks, stack } = await buildOkeFeatureStack({ guardrails: { enabled: true } }));
    });

    test("both services run from pinned ghcr.io/data-privacy-stack images and listen on PORT 3000", () => {
        for (const role of ROLES) {
            const c = container(role);
            assert.equal(c.image, `ghcr.io/data-privacy-stack/presidio-${role}:${PRESIDIO_VERSION}`);
            const env = Object.fromEntries(c.env.map((e: { name: string; value: string }) => [e.name, e.value]));
            assert.equal(env.PORT, "3000");
            assert.equal(env.WORKERS, "1");
            assert.deepEqual(c.ports, [{ name: "http", containerPort: 3000, protocol: "TCP" }]);
        }
    });

    test("sizes are the measured defaults (analyzer 250m / 1Gi, limit 2Gi; no CPU limit); the anonymizer is small", () => {
        assert.deepEqual(container("analyzer").resources, { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } });
        assert.deepEqual(container("anonymizer").resources, { requests: { cpu: "125m", memory: "128Mi" }, limits: { memory: "512Mi" } });
    });

    test("startup, readiness and liveness probes on /health; the analyzer gets minutes to load its model", () => {
        for (const role of ROLES) {
            const c = container(role);
            for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) assert.deepEqual(c[probe].httpGet, { path: "/health", port: "http" }, `${role} ${probe}`);
        }
        const startup = container("analyzer").startupProbe;
        assert.ok(startup.initialDelaySeconds >= 30, "generous initial delay");
        assert.ok(startup.initialDelaySeconds + startup.periodSeconds * startup.failureThreshold >= 300, "up to five minutes before liveness applies");
        assert.deepEqual(deployment("analyzer").strategy.rollingUpdate, { maxUnavailable: 0, maxSurge: 1 }, "the guardrail fails closed: keep a pod serving during rollouts");
    });

    test("non-root (uid 1001), read-only root with a /tmp emptyDir, every capability dropped", () => {
        for (const role of ROLES) {
            const pod = deployment(role).template.spec;
            assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, seccompProfile: { type: "RuntimeDefault" } });
            assert.equal(pod.automountServiceAccountToken, false);
            assert.deepEqual(container(role).securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
            assert.deepEqual(container(role).volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
        }
        const env = Object.fromEntries(container("analyzer").env.map((e: { name: string; value: string }) => [e.name, e.value]));
        assert.equal(env.TLDEXTRACT_CACHE_TIMEOUT, "2", "the blocked suffix-list download fails fast");
    });

    test("ClusterIP Services select the pods; NetworkPolicies let only the gateway in", () => {
        for (const role of ROLES) {
            const name = `litellm-presidio-${role}`;
            const svc = named(mocks, K8S.service, name).inputs.spec as any;
            assert.equal(svc.type, "ClusterIP");
            assert.deepEqual(svc.ports, [{ name: "http", port: 3000, targetPort: "http", protocol: "TCP" }]);
            assert.deepEqual(svc.selector, deployment(role).selector.matchLabels);
            const policy = policySpec(mocks, `${name}-only-gateway`);
            assert.deepEqual(policy.podSelector.matchLabels, deployment(role).selector.matchLabels);
            assert.deepEqual(policy.ingress, [{ from: [{ podSelector: { matchLabels: GATEWAY_SELECTOR } }], ports: [{ protocol: "TCP", port: 3000 }] }]);
            assert.deepEqual(policy.policyTypes, ["Ingress", "Egress"]);
        }
    });

    test("the gateway is pointed at both Services by cluster DNS, and the guardrail block refers to that env", () => {
        const { plain } = gatewayEnv(mocks);
        assert.equal(plain.PRESIDIO_ANALYZER_API_BASE, "http://litellm-presidio-analyzer.litellm.svc.cluster.local:3000");
        assert.equal(plain.PRESIDIO_ANONYMIZER_API_BASE, "http://litellm-presidio-anonymizer.litellm.svc.cluster.local:3000");
        const config = releaseValues(mocks).proxy_config;
        const [block] = config.guardrails;
        assert.equal(block.guardrail_name, "presidio-pii");
        assert.deepEqual(
            [block.litellm_params.mode, block.litellm_params.default_on, block.litellm_params.presidio_analyzer_api_base, block.litellm_params.presidio_anonymizer_api_base],
            ["pre_call", true, "os.environ/PRESIDIO_ANALYZER_API_BASE", "os.environ/PRESIDIO_ANONYMIZER_API_BASE"],
        );
        assert.equal(config.general_settings.store_prompts_in_spend_logs, true, "the check audits the stored (masked) body");
    });

    test("the explicit provider on every Kubernetes resource; the release waits for Presidio", () => {
        const provider = mocks.one("pulumi:providers:kubernetes");
        for (const r of mocks.resources.filter(isKubernetesResource)) assert.equal(providerName(r), provider.name, r.name);
        assert.ok(stack.dependencies.gateway.some((d) => d instanceof KubernetesPresidio));
    });

    test("the verification Job proves the guardrail by name, with no stub report URL (the model is real)", () => {
        const args: string[] = jobContainer(mocks).command.slice(2);
        assert.equal(args[args.indexOf("--guardrail") + 1], "presidio-pii");
        assert.ok(!args.includes("--upstream-report-url"));
        const options = parseCliArgs(args, {}).options;
        assert.equal(options.guardrail, "presidio-pii");
        assert.equal(options.upstreamReportUrl, undefined);
    });
});
