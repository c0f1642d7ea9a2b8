/**
 * What the tests know about the real `litellm-helm` chart, read from BerriAI/litellm through the code index
 * (the index stores single file versions by commit, not by release tag):
 * - the keys of its values.yaml at three commits, embedded below with where each was read;
 * - how its migration hook Job template consumes the values (migrationHookPod), so a test can show what
 *   the hook pod of a first install would look like.
 *
 * The exact values.yaml of the 1.83.10-stable chart could not be read by tag. Two reads bracket it:
 * fba16f9 is older than the 1.82-1.83 line (it lacks keys the 1.82.1 source already had: keda, lifecycle,
 * probe values) and 00eb60c is newer (it has `logLevel`, added after 1.83.10: litellm-current.md §4). A key
 * in both is taken to be in every chart between them. helm/litellm-helm @ 41d0edf is the newest read, for
 * the 1.84+ line, where the chart version equals the LiteLLM version. Values the stack emits must be keys
 * of all three, so they hold for the pin today (1.83.10) and after it moves to the 1.108 line.
 */

/** A key path of values.yaml; `x.*` means everything below `x` is free-form (a map or list the chart renders as given). */
export type ChartKey = string;

export interface ChartKeyList {
    /** Where it was read: repository, path and commit. */
    source: string;
    /** Which charts it stands for. */
    covers: string;
    keys: readonly ChartKey[];
}

/** Keys every read below shares, except where a list says otherwise. */
const SHARED: readonly ChartKey[] = [
    "replicaCount", "image.repository", "image.pullPolicy", "image.tag", "imagePullSecrets.*", "nameOverride", "fullnameOverride",
    "serviceAccount.create", "serviceAccount.automount", "serviceAccount.annotations.*", "serviceAccount.name",
    "deploymentAnnotations.*", "deploymentLabels.*", "podAnnotations.*", "podLabels.*", "terminationGracePeriodSeconds", "topologySpreadConstraints.*",
    "podSecurityContext.*", "securityContext.*", "environmentSecrets.*", "environmentConfigMaps.*", "service.type", "service.port",
    "ingress.enabled", "ingress.className", "ingress.labels.*", "ingress.annotations.*", "ingress.hosts.*", "ingress.tls.*",
    "masterkeySecretName", "masterkeySecretKey", "proxyConfigMap.create", "proxy_config.*", "resources.*",
    "autoscaling.enabled", "autoscaling.minReplicas", "autoscaling.maxReplicas", "autoscaling.targetCPUUtilizationPercentage",
    "volumes.*", "volumeMounts.*", "nodeSelector.*", "tolerations.*", "affinity.*",
    "db.useExisting", "db.endpoint", "db.database", "db.url", "db.secret.name", "db.secret.usernameKey", "db.secret.passwordKey", "db.secret.endpointKey", "db.useStackgresOperator", "db.deployStandalone",
    "postgresql.architecture", "postgresql.auth.username", "postgresql.auth.database", "postgresql.auth.password", "postgresql.auth.postgres-password",
    "redis.enabled", "redis.architecture",
    "migrationJob.enabled", "migrationJob.retries", "migrationJob.backoffLimit", "migrationJob.disableSchemaUpdate", "migrationJob.annotations.*", "migrationJob.ttlSecondsAfterFinished",
    "migrationJob.resources.*", "migrationJob.extraContainers.*", "migrationJob.hooks.argocd.enabled", "migrationJob.hooks.helm.enabled",
    "envVars.*", "extraEnvVars.*", "command.*", "args.*", "extraResources.*",
    "pdb.enabled", "pdb.minAvailable", "pdb.maxUnavailable", "pdb.annotations.*", "pdb.labels.*",
    "serviceMonitor.enabled", "serviceMonitor.labels.*", "serviceMonitor.annotations.*", "serviceMonitor.interval", "serviceMonitor.scrapeTimeout", "serviceMonitor.relabelings.*", "serviceMonitor.namespaceSelector.matchNames.*",
];

const PROBE_FIELDS = ["path", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold"];
const PROBES: ChartKey[] = ["livenessProbe", "readinessProbe", "startupProbe"].flatMap((p) => PROBE_FIELDS.map((f) => `${p}.${f}`));
const KEDA: ChartKey[] = ["enabled", "minReplicas", "maxReplicas", "pollingInterval", "cooldownPeriod", "restoreToOriginalReplicaCount", "scaledObject.annotations.*", "triggers.*", "behavior.*"].map((k) => `keda.${k}`);
/** Added after fba16f9 and present in both later reads. */
const LATER: ChartKey[] = [
    "deploymentMinReadySeconds", "strategy.*", ...PROBES, ...KEDA, "lifecycle.*",
    "migrationJob.serviceAccountName", "migrationJob.extraInitContainers.*", "logLevel",
];

export const LITELLM_HELM_KEY_LISTS: readonly ChartKeyList[] = [
    {
        source: "BerriAI/litellm deploy/charts/litellm-helm/values.yaml @ fba16f9a2c554d0c11b234dea99fffc761c4d634",
        covers: "older than the 1.82-1.83 line (the lower bracket of 1.83.10-stable)",
        keys: [...SHARED, "separateHealthApp", "separateHealthPort"],
    },
    {
        source: "BerriAI/litellm deploy/charts/litellm-helm/values.yaml @ 00eb60c0ceb9f1fd1737523db55bbaf5a65e0856",
        covers: "newer than 1.83.10 (has logLevel), still under deploy/charts (the upper bracket of 1.83.10-stable)",
        keys: [...SHARED, "separateHealthApp", "separateHealthPort", ...LATER],
    },
    {
        source: "BerriAI/litellm helm/litellm-helm/values.yaml @ 41d0edf856edb376189a56ba4862501a21539b72",
        covers: "the chart after its move to helm/litellm-helm (1.84+ line, chart version = LiteLLM version); newest read",
        keys: [
            ...SHARED, ...LATER,
            "billingMetrics.enabled", "billingMetrics.endpoint", "billingMetrics.secretName", "billingMetrics.caSecretName", "billingMetrics.exportIntervalMs",
            "db.secret.readReplicaUrlKey", "db.readReplicaUrl", "redis.coordination.enabled",
            "serviceMonitor.authSecret.enabled", "serviceMonitor.authSecret.name", "serviceMonitor.authSecret.key",
        ],
    },
];

/** Paths of `values` that are not keys of `keys` (descending into maps until a free-form key is reached). */
export function keysMissingFromChart(values: Record<string, unknown>, keys: readonly ChartKey[]): string[] {
    const known = new Set(keys);
    const missing: string[] = [];
    const walk = (value: unknown, at: string): void => {
        if (known.has(`${at}.*`)) return;
        const isMap = value !== null && typeof value === "object" && !Array.isArray(value);
        if (isMap && !known.has(at) && Object.keys(value as object).length > 0) {
            for (const [k, v] of Object.entries(value as object)) walk(v, `${at}.${k}`);
        } else if (!known.has(at)) missing.push(at);
    };
    for (const [k, v] of Object.entries(values)) walk(v, k);
    return missing;
}

export interface HookPod {
    annotations: Record<string, string>;
    serviceAccountName: string;
    image: string;
    securityContext: Record<string, unknown>;
    env: { name: string; value?: string }[];
    volumeMounts: { name: string; mountPath: string }[];
    volumes: { name: string; emptyDir?: unknown }[];
}

/**
 * The migration hook pod the chart renders from `values`, as its template consumes them
 * (deploy/charts/litellm-helm/templates/migrations-job.yaml @ 3dd55a7, helm/litellm-helm @ c71d7b4):
 * - ServiceAccount: `litellm.serviceAccountName`: create ? (name || fullname) : (name || "default");
 * - container securityContext only (no pod securityContext), the same image as the Deployment;
 * - env: the db.* variables, `envVars`, `extraEnvVars`, then DISABLE_SCHEMA_UPDATE=false;
 * - `volumes`/`volumeMounts` as given (none of the emptyDirs the chart adds to the Deployment).
 */
export function migrationHookPod(values: any, fullname: string): HookPod {
    const sa = values.serviceAccount ?? {};
    const helmHook = values.migrationJob?.hooks?.helm?.enabled === true;
    return {
        annotations: helmHook ? { "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-delete-policy": "before-hook-creation" } : {},
        serviceAccountName: sa.create ? sa.name || fullname : sa.name || "default",
        image: `${values.image.repository}:${values.image.tag}`,
        securityContext: values.securityContext ?? {},
        env: [
            ...Object.entries(values.envVars ?? {}).map(([name, value]) => ({ name, value: String(value) })),
            ...((values.extraEnvVars as { name: string }[]) ?? []),
            { name: "DISABLE_SCHEMA_UPDATE", value: "false" },
        ],
        volumeMounts: values.volumeMounts ?? [],
        volumes: values.volumes ?? [],
    };
}

/** The last value of an env var, as Kubernetes resolves duplicates. */
export function envValue(pod: HookPod, name: string): string | undefined {
    return [...pod.env].reverse().find((e) => e.name === name)?.value;
}

/** Whether `dir` lies on a writable emptyDir mount of `pod`. */
export function isOnWritableMount(pod: HookPod, dir: string): boolean {
    const emptyDirs = new Set(pod.volumes.filter((v) => v.emptyDir !== undefined).map((v) => v.name));
    return pod.volumeMounts.some((m) => emptyDirs.has(m.name) && (dir === m.mountPath || dir.startsWith(`${m.mountPath}/`)));
}
