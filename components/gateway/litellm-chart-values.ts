/**
 * Values for the official `litellm` chart (BerriAI/litellm `helm/litellm`, `oci://ghcr.io/berriai/litellm/chart/litellm`)
 * in its **monolith** mode: one Deployment and one Service running the whole proxy, so the verification Job,
 * the NetworkPolicies and every check keep one URL (docs/oke.md#1-which-chart). A pure function of the spec and
 * the Secrets the stack created; held against the chart's values.yaml keys (tests/oke/litellm-chart.ts).
 *
 * Its schema differs from `litellm-helm`'s: the master key (`masterKey.secretName/secretKey`, injected as
 * LITELLM_MASTER_KEY), the database (`database.writer.*`: the chart emits DATABASE_HOST/PORT/USER/PASSWORD/NAME
 * and the proxy builds the URL) and Redis (`redis.host/port/passwordSecret`) are all references to Secrets; other
 * env goes in `gateway.extraEnv`; the pod's settings live under `gateway.*` even in monolith mode; the
 * migration hook has its own `migrationJob.*` securityContext, volumes and env.
 */
import type * as pulumi from "@pulumi/pulumi";
import { parseImageRef } from "../../config/image";
import { CHART_NAME, gatewaySelector } from "../k8s/labels";
import { containerResources } from "../k8s/resources";
import { GATEWAY_ENV } from "./contract";
import { CACHE_ENV } from "./features/cache";
import { gatewayServiceAccountName } from "./helm";
import { ChartEnv, ChartValuesCommon, gatewayResources, gatewaySecurityContexts, gatewayVolumes, KubernetesEnvVar, SCRATCH_DIR } from "./helm-values";
import { buildLiteLLMConfig } from "./render-config";

/** Where the chart mounts proxy_config (`gateway.config.create`), and the env var it sets for it. */
export const LITELLM_CHART_CONFIG_PATH = "/app/config/config.yaml";

/** Env the chart writes itself from `redis.*` when a Redis host is given: leave it out of the env handed to chartEnv. */
export const CHART_REDIS_ENV: ReadonlySet<string> = new Set<string>([CACHE_ENV.host, CACHE_ENV.port, CACHE_ENV.password]);

/** `masterKey` is `<release>-master-key-secret` / `master-key`; `env` comes from chartEnv without CHART_REDIS_ENV when `redis` is given. */
export interface LiteLLMChartValuesArgs extends ChartValuesCommon {
    database: {
        host: pulumi.Input<string>;
        port: pulumi.Input<number>;
        name: pulumi.Input<string>;
        /** The URL query of the connection (e.g. `?sslmode=require`); only `sslmode` has a value in this chart. */
        urlQuery: string;
        secretName: string;
        usernameKey: string;
        passwordKey: string;
    };
    /** The cache's Redis: host, port and the Secret with its password (`<release>-redis`). Default: no Redis. */
    redis?: { host: pulumi.Input<string>; port: pulumi.Input<string>; secretName: string; passwordKey: string };
}

/** The image as this chart wants it: the digest has its own key. */
export function litellmChartImage(ref: string): { repository: string; tag: string; digest: string; pullPolicy: string } {
    const parsed = parseImageRef(ref);
    if (!parsed || (!parsed.tag && !parsed.digest)) throw new Error(`litellmChartImage: '${ref}' is not a pinned image reference`);
    return { repository: parsed.repository, tag: parsed.tag ?? "", digest: parsed.digest ?? "", pullPolicy: "IfNotPresent" };
}

/** `database.writer.sslMode` from a connection URL's query; any other parameter has no place in this chart. */
export function writerSslMode(urlQuery: string): string {
    const params = new URLSearchParams(urlQuery.replace(/^\?/, ""));
    const other = [...params.keys()].filter((k) => k !== "sslmode");
    if (other.length > 0) {
        throw new Error(`the official litellm chart builds the database URL itself and takes only sslmode from it; the URL also sets ${other.join(", ")} (databaseUrl). Drop them, or set oke.chart.name litellm-helm, which keeps the URL as written`);
    }
    return params.get("sslmode") ?? "";
}

/** `gateway.extraEnv`: plain variables as values, the rest from their Secrets, sorted by name. */
export function litellmChartExtraEnv(env: ChartEnv): ({ name: string; value: pulumi.Input<string> } | KubernetesEnvVar)[] {
    const plain = Object.entries(env.envVars).map(([name, value]) => ({ name, value }));
    return [...plain, ...env.extraEnvVars].sort((a, b) => a.name.localeCompare(b.name));
}

export function liteLLMChartValues(a: LiteLLMChartValuesArgs): Record<string, unknown> {
    const { spec, oke } = a;
    const { volumes, volumeMounts } = gatewayVolumes(a.ociKey);
    // Scratch space on the read-only root, and no Prisma update check: the same reasons as for litellm-helm (docs/oke.md §3).
    const scratchEnv = [
        { name: "CHECKPOINT_DISABLE", value: "1" },
        { name: "LITELLM_MIGRATION_DIR", value: `${SCRATCH_DIR}/migrations` },
        { name: "TMPDIR", value: SCRATCH_DIR },
    ];
    const { podSecurityContext, securityContext } = gatewaySecurityContexts();
    const serviceAccount = gatewayServiceAccountName(oke.releaseName);
    return {
        nameOverride: CHART_NAME,
        // The monolith Deployment and Service are named after the chart's fullname: the release name, as with litellm-helm.
        fullnameOverride: oke.releaseName,
        image: litellmChartImage(spec.gateway.image),
        monolith: { enabled: true, extraArgs: [] },
        ingress: { enabled: false },
        // Ours, created ahead of the release (the pre-install hook runs before anything the chart creates). The
        // migration hook takes the backend account's name when the chart creates none.
        serviceAccounts: {
            gateway: { create: false, automount: false, name: serviceAccount },
            backend: { create: false, automount: false, name: serviceAccount },
        },
        masterKey: { secretName: a.masterKey.name, secretKey: a.masterKey.key, generate: false },
        database: {
            writer: {
                host: a.database.host,
                port: a.database.port,
                dbname: a.database.name,
                passwordSecret: { name: a.database.secretName, usernameKey: a.database.usernameKey, passwordKey: a.database.passwordKey },
                sslMode: writerSslMode(a.database.urlQuery),
            },
        },
        redis: a.redis ? { cluster: false, host: a.redis.host, port: a.redis.port, passwordSecret: { name: a.redis.secretName, passwordKey: a.redis.passwordKey } } : { host: "" },
        migrationJob: {
            enabled: true,
            hooks: { helm: { enabled: true }, argocd: { enabled: false } },
            backoffLimit: 4,
            ttlSecondsAfterFinished: 600,
            resources: containerResources(oke.resources.migration),
            serviceAccountName: serviceAccount,
            automountServiceAccountToken: false,
            podSecurityContext,
            securityContext,
            volumes: volumes.filter((v) => v.name === "scratch"),
            volumeMounts: volumeMounts.filter((m) => m.name === "scratch"),
            // A failed `prisma migrate deploy` must fail the hook, so Helm and Pulumi see it.
            extraEnv: [...scratchEnv, { name: "ENFORCE_PRISMA_MIGRATION_CHECK", value: "true" }],
        },
        gateway: {
            // LITELLM_LOG comes with the rest of the env; the chart writes it only when logLevel is set.
            logLevel: "",
            numWorkers: spec.gateway.numWorkers,
            extraEnv: [...litellmChartExtraEnv(a.env), ...scratchEnv].sort((x, y) => x.name.localeCompare(y.name)),
            envSecrets: [],
            config: { create: true, proxy_config: buildLiteLLMConfig(spec, { masterKeyEnv: GATEWAY_ENV.masterKey }) },
            service: { type: "ClusterIP", port: spec.gateway.port },
            resources: gatewayResources(spec, oke),
            // The chart has no startup probe by default; the proxy may take minutes to start on a small node.
            startupProbe: { httpGet: { path: "/health/liveliness", port: "http" }, periodSeconds: 10, failureThreshold: 30 },
            replicaCount: oke.replicas,
            // CPU only, like litellm-helm's; 0 leaves the chart's memory target out.
            hpa: { ...oke.autoscaling, targetMemoryUtilizationPercentage: 0 },
            pdb: { enabled: oke.podDisruptionBudget.enabled, minAvailable: oke.podDisruptionBudget.minAvailable },
            podSecurityContext,
            securityContext,
            topologySpreadConstraints: [
                { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: gatewaySelector(oke.releaseName) } },
            ],
            volumes,
            volumeMounts,
        },
    };
}
