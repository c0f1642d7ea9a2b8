/**
 * oke with the response cache on, cache.mode in-cluster (the oke default): a pinned, password-protected,
 * non-root Redis Deployment behind a ClusterIP Service, only the gateway may reach it, and the gateway
 * wired to it through env (password via secretKeyRef) and `cache_params`.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder, occurrences, plaintextOccurrences } from "../helpers/mocks";
import type { DeployedStack } from "../../stacks/types";
import { parseCliArgs } from "../../verify/cli-args";
import { KubernetesRedis } from "../../components/redis/k8s";
import { isKubernetesResource, providerName } from "./fixtures";
import { buildOkeFeatureStack, gatewayEnv, jobContainer, K8S, named, policySpec, releaseValues, secretData } from "./features-support";

const GATEWAY_SELECTOR = { "app.kubernetes.io/name": "litellm", "app.kubernetes.io/instance": "litellm" };

describe("oke stack with the cache on, Redis in the cluster", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let pod: any;
    let container: any;

    before(async () => {
        ({ mocks, stack } = await buildOkeFeatureStack({ cache: { enabled: true } }));
        pod = (named(mocks, K8S.deployment, "litellm-redis").inputs.spec as any).template.spec;
        container = pod.containers[0];
    });

    test("Redis runs from the pinned image, non-root, read-only root, all capabilities dropped, memory-limited", () => {
        assert.equal(container.image, "redis:7.4.1-alpine");
        // redis:7.4.1-alpine: `adduser -S -G redis -u 999 redis`, group 1000 (config/image-user.ts).
        assert.deepEqual(pod.securityContext, { runAsNonRoot: true, runAsUser: 999, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: "RuntimeDefault" } });
        assert.deepEqual(container.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
        assert.equal(pod.automountServiceAccountToken, false);
        assert.deepEqual(container.resources, { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "320Mi" } });
        const script: string = container.command[2];
        assert.match(script, /--maxmemory 256mb --maxmemory-policy allkeys-lru --save '' --appendonly no/, "a memory-capped LRU cache, nothing persisted");
    });

    test("the default Alpine Postgres keeps its own user, 70:70 (tests/oke/image-users.test.ts: Debian gets 999)", () => {
        const pg = (mocks.one("kubernetes:apps/v1:StatefulSet").inputs.spec as any).template.spec;
        assert.equal(pg.containers[0].image, "postgres:16.6-alpine");
        assert.deepEqual([pg.securityContext.runAsUser, pg.securityContext.runAsGroup, pg.securityContext.fsGroup], [70, 70, 70]);
    });

    test("the password comes from the generated Secret via env and reaches redis-server on stdin, never in args", () => {
        const password = secretData(mocks, "litellm-redis-credentials").REDIS_PASSWORD;
        assert.match(password, /^[A-Za-z0-9]{20,}$/);
        const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
        for (const name of ["REDIS_PASSWORD", "REDISCLI_AUTH"]) {
            assert.deepEqual(env[name], { name, valueFrom: { secretKeyRef: { name: "litellm-redis-credentials", key: "REDIS_PASSWORD" } } });
        }
        assert.deepEqual(container.command.slice(0, 2), ["sh", "-c"]);
        assert.match(container.command[2], /^exec redis-server - .*<<EOF\nrequirepass \$REDIS_PASSWORD\nEOF\n$/, "config on stdin: the server's argv holds no password");
        assert.ok(!JSON.stringify(container).includes(password), "the pod spec holds no password");
    });

    test("startup, readiness and liveness probes ping with the password (REDISCLI_AUTH), not on a bare port", () => {
        for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
            assert.deepEqual(container[probe].exec.command, ["sh", "-c", "redis-cli -p 6379 ping | grep -q PONG"], probe);
        }
        assert.ok(container.livenessProbe.initialDelaySeconds >= 10);
    });

    test("a ClusterIP Service selects the Redis pod", () => {
        const svc = named(mocks, K8S.service, "litellm-redis").inputs.spec as any;
        assert.equal(svc.type, "ClusterIP");
        assert.deepEqual(svc.ports, [{ name: "redis", port: 6379, targetPort: "redis", protocol: "TCP" }]);
        assert.deepEqual(svc.selector, (named(mocks, K8S.deployment, "litellm-redis").inputs.spec as any).selector.matchLabels);
    });

    test("the gateway gets host and port as values, the password from <release>-env (the Redis password), no REDIS_SSL (plain TCP)", () => {
        const { plain, refs } = gatewayEnv(mocks);
        assert.equal(plain.REDIS_HOST, "litellm-redis.litellm.svc.cluster.local");
        assert.equal(plain.REDIS_PORT, "6379");
        assert.equal(plain.REDIS_SSL, undefined);
        assert.equal(plain.REDIS_PASSWORD, undefined, "the password is never a plain value");
        assert.deepEqual(refs.REDIS_PASSWORD, { name: "litellm-env", key: "REDIS_PASSWORD" });
        const password = secretData(mocks, "litellm-redis-credentials").REDIS_PASSWORD;
        assert.equal(secretData(mocks, "litellm-env").REDIS_PASSWORD, password, "the gateway uses the password Redis was started with");
        assert.ok(occurrences(mocks.resources, password) >= 2);
        assert.deepEqual(plaintextOccurrences(mocks.resources, password), [], "the password stays secret everywhere");
    });

    test("the rendered config turns the cache on with cache_params of type redis, by env reference", () => {
        const settings = releaseValues(mocks).proxy_config.litellm_settings;
        assert.equal(settings.cache, true);
        assert.deepEqual(settings.cache_params, {
            type: "redis",
            host: "os.environ/REDIS_HOST",
            port: "os.environ/REDIS_PORT",
            password: "os.environ/REDIS_PASSWORD",
            ttl: 600,
            namespace: "litellm.caching",
            mode: "default_on",
        });
    });

    test("only the gateway reaches Redis; Redis talks to nothing but DNS", () => {
        const policy = policySpec(mocks, "litellm-redis-only-gateway");
        assert.deepEqual(policy.podSelector.matchLabels, (named(mocks, K8S.deployment, "litellm-redis").inputs.spec as any).selector.matchLabels);
        assert.deepEqual(policy.ingress, [{ from: [{ podSelector: { matchLabels: GATEWAY_SELECTOR } }], ports: [{ protocol: "TCP", port: 6379 }] }]);
        assert.deepEqual(policy.policyTypes, ["Ingress", "Egress"]);
        assert.equal(policy.egress.length, 1);
        assert.ok(policy.egress[0].ports.every((p: { port: number }) => p.port === 53), "DNS only");
    });

    test("every Kubernetes resource, Redis included, uses the explicit provider; the release waits for Redis", () => {
        const provider = mocks.one("pulumi:providers:kubernetes");
        const redisResources = mocks.resources.filter((r) => r.name.includes("-redis"));
        assert.ok(redisResources.length >= 3);
        for (const r of mocks.resources.filter(isKubernetesResource)) assert.equal(providerName(r), provider.name, `${r.type} ${r.name}`);
        assert.ok(stack.dependencies.gateway.some((d) => d instanceof KubernetesRedis), "the release waits for Redis");
    });

    test("the verification Job runs the cache check: --expect-cache, which the CLI accepts", () => {
        const args: string[] = jobContainer(mocks).command.slice(2);
        assert.ok(args.includes("--expect-cache"));
        assert.equal(parseCliArgs(args, {}).options.expectCache, true);
    });
});
