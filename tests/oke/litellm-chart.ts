/**
 * What the tests know about the official `litellm` chart (BerriAI/litellm `helm/litellm`), read through the code
 * index (single file versions by commit, not by release tag):
 * - the keys of its values.yaml @ 5cf956f, the read whose Chart.yaml says `version: 1.0.0`, appVersion 1.104.0,
 *   and whose values document monolith mode and the single `ghcr.io/berriai/litellm` image. Every key of the
 *   gateway, backend, migration, database, Redis and top-level blocks is listed (the `ui` block's are not: the
 *   stack sets none, and monolith mode ignores it);
 * - for contrast, the older layout @ 6778471 (componentized only, four images, no monolith, no securityContext,
 *   no volumes): values for the pinned chart must NOT fit it, which shows the check can fail.
 * Monolith naming and labels were read in helm/litellm/tests/monolith_tests.yaml @ 18b6660: Deployment and
 * Service `<fullname>` (`RELEASE-NAME-litellm` by default), selector name + instance + `component: proxy`.
 */
import type { ChartKey, ChartKeyList } from "./litellm-helm-chart";

const SERVICE_ACCOUNT = ["create", "automount", "annotations.*", "name"];
const PDB = ["pdb.enabled", "pdb.minAvailable", "pdb.maxUnavailable"];
const POD = [
    "deploymentAnnotations.*", "deploymentLabels.*", "minReadySeconds", "podAnnotations.*", "podLabels.*", "podSecurityContext.*", "securityContext.*",
    "extraContainers.*", "extraInitContainers.*", "lifecycle.*", "terminationGracePeriodSeconds", "nodeSelector.*", "tolerations.*", "affinity.*", "topologySpreadConstraints.*",
];
const COMPONENT = [
    "enabled", "logLevel", "extraEnv.*", "envConfigMaps.*", "envSecrets.*", "volumes.*", "volumeMounts.*",
    "service.type", "service.port", "service.annotations.*", "service.loadBalancerClass", "resources.*", "livenessProbe.*", "readinessProbe.*", "strategy.*", "startupProbe.*", "replicaCount",
    ...PDB, ...POD,
];
const GATEWAY = [
    ...COMPONENT, "numWorkers", "config.create", "config.proxy_config.*",
    "metricsServer.enabled", "metricsServer.port", "metricsServer.resources.*",
    "serviceMonitor.enabled", "serviceMonitor.labels.*", "serviceMonitor.annotations.*", "serviceMonitor.interval", "serviceMonitor.scrapeTimeout", "serviceMonitor.relabelings.*", "serviceMonitor.namespaceSelector.matchNames.*",
    "collector.enabled", "collector.address", "collector.bufferSize", "collector.onUnavailable", "collector.drainTimeoutSeconds", "collector.resources.*", "collector.scaleOnGatewayContainerCpu",
    "hpa.enabled", "hpa.minReplicas", "hpa.maxReplicas", "hpa.targetCPUUtilizationPercentage", "hpa.targetMemoryUtilizationPercentage", "hpa.behavior.*", "hpa.targetRequestsPerSecond", "hpa.targetTokensPerSecond",
    "keda.enabled", "keda.minReplicaCount", "keda.maxReplicaCount", "keda.pollingInterval", "keda.cooldownPeriod", "keda.scaledObject.annotations.*", "keda.advanced.*", "keda.fallback.*", "keda.triggers.*",
    "keda.prometheus.serverAddress", "keda.prometheus.targetRequestsPerSecond", "keda.prometheus.targetTokensPerSecond",
].map((k) => `gateway.${k}`);
const BACKEND = [...COMPONENT, "hpa.enabled", "hpa.minReplicas", "hpa.maxReplicas", "hpa.targetCPUUtilizationPercentage", "hpa.behavior.*"].map((k) => `backend.${k}`);
const PASSWORD_SECRET = ["passwordSecret.name", "passwordSecret.usernameKey", "passwordSecret.passwordKey"];
const DB_ENDPOINT = ["host", "port", "dbname", "schema", "useIAMAuth", "useAzureEntraAuth", ...PASSWORD_SECRET];
const MIGRATION = [
    "enabled", "hooks.helm.enabled", "hooks.helm.weight", "hooks.argocd.enabled", "backoffLimit", "ttlSecondsAfterFinished", "activeDeadlineSeconds", "resources.*",
    "serviceAccountName", "automountServiceAccountToken", "podSecurityContext.*", "securityContext.*", "jobLabels.*", "jobAnnotations.*", "podLabels.*", "annotations.*",
    "command.*", "args.*", "volumes.*", "volumeMounts.*", "nodeSelector.*", "tolerations.*", "affinity.*", "extraInitContainers.*", "extraContainers.*", "extraEnv.*",
].map((k) => `migrationJob.${k}`);

export const LITELLM_CHART_KEYS: ChartKeyList = {
    source: "BerriAI/litellm helm/litellm/values.yaml @ 5cf956f7a83c1679899d4ae320ca7549ce39a5ec",
    covers: "the official chart with monolith mode (Chart.yaml @ 5cf956f: version 1.0.0, appVersion 1.104.0), the version the stack pins",
    keys: [
        "nameOverride", "fullnameOverride", "image.repository", "image.tag", "image.pullPolicy", "image.digest", "imagePullSecrets.*",
        "monolith.enabled", "monolith.extraArgs.*",
        "ingress.enabled", "ingress.className", "ingress.controller", "ingress.annotations.*", "ingress.host", "ingress.tls.*", "ingress.extraPaths.*",
        ...["gateway", "backend", "ui"].flatMap((c) => SERVICE_ACCOUNT.map((k) => `serviceAccounts.${c}.${k}`)),
        ...MIGRATION,
        "masterKey.secretName", "masterKey.secretKey", "masterKey.generate",
        "billingMetrics.enabled", "billingMetrics.endpoint", "billingMetrics.secretName", "billingMetrics.caSecretName", "billingMetrics.exportIntervalMs",
        ...[...DB_ENDPOINT, "sslMode", "sslRootCert"].map((k) => `database.writer.${k}`),
        ...DB_ENDPOINT.map((k) => `database.reader.${k}`),
        "database.connectionPool.enabled", "database.connectionPool.maxDbConnections", "database.connectionPool.maxClientConn",
        "redis.cluster", "redis.host", "redis.port", "redis.passwordSecret.name", "redis.passwordSecret.passwordKey",
        "extraResources.*",
        ...GATEWAY,
        ...BACKEND,
    ] as ChartKey[],
};

/** The componentized-only layout before monolith mode: what the stack's values must not be mistaken for. */
export const LITELLM_CHART_OLDER_KEYS: ChartKeyList = {
    source: "BerriAI/litellm helm/litellm/values.yaml @ 6778471181437da9e7cdbaaf1014fc03d5ca1676",
    covers: "an older layout: gateway, backend and ui images of their own, no monolith mode",
    keys: [
        "nameOverride", "fullnameOverride", "imagePullSecrets.*", "ingress.enabled", "ingress.className", "ingress.annotations.*", "ingress.host", "ingress.tls.*",
        ...SERVICE_ACCOUNT.map((k) => `serviceAccount.${k}`),
        "migrationJob.enabled", "migrationJob.backoffLimit", "migrationJob.ttlSecondsAfterFinished", "migrationJob.resources.*",
        "migrationJob.image.repository", "migrationJob.image.tag", "migrationJob.image.pullPolicy", "migrationJob.extraEnv.*",
        "masterKey.secretName", "masterKey.secretKey",
        ...DB_ENDPOINT.map((k) => `database.writer.${k}`), ...DB_ENDPOINT.map((k) => `database.reader.${k}`),
        "redis.cluster", "redis.host", "redis.port", "redis.passwordSecret.name", "redis.passwordSecret.passwordKey",
        ...["enabled", "logLevel", "numWorkers", "extraEnv.*", "envConfigMaps.*", "envSecrets.*", "config.create", "config.proxy_config.*", "image.repository", "image.tag", "image.pullPolicy",
            "service.type", "service.port", "resources.*", "livenessProbe.*", "readinessProbe.*", "hpa.enabled", "hpa.minReplicas", "hpa.maxReplicas", "hpa.targetCPUUtilizationPercentage",
            "hpa.targetMemoryUtilizationPercentage", "podAnnotations.*", "nodeSelector.*", "tolerations.*", "affinity.*"].map((k) => `gateway.${k}`),
    ] as ChartKey[],
};
