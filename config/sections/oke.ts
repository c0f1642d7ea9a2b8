/**
 * Config section `oke`: the Oracle Kubernetes Engine target (issue: the oke stack).
 *
 * `GatewaySpec.oke` holds the parsed fields below; `okeSettings(spec)` is the one place that applies
 * their defaults, so components receive a complete, typed `OkeSettings`.
 */
import { z } from "zod";
import { DEFAULT_IMAGES } from "../defaults";
import { withDigest } from "../image";
import { fixed, imageDigest, ocid, pinnedImage } from "../primitives";

/** A Kubernetes label key (optionally prefixed) and value. */
const labelKey = z.string().regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/, fixed("is not a Kubernetes label key", "use a key such as app or app.kubernetes.io/name"));
const labelValue = z.string().regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/, fixed("is not a Kubernetes label value", "use at most 63 letters, digits, - _ ."));
const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, fixed("is not a DNS-1123 label", "use lower-case letters, digits and -")).max(63);
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, fixed("is not a Kubernetes quantity", "use e.g. 500m, 1, 2Gi"));
const memory = z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, fixed("is not a Kubernetes memory quantity", "use e.g. 256Mi, 1Gi (m means milli-bytes)"));

/** One container's requests and limits; unset fields take OKE_RESOURCE_DEFAULTS. */
const workloadResources = z.object({ cpuRequest: quantity.optional(), cpuLimit: quantity.optional(), memoryRequest: memory.optional(), memoryLimit: memory.optional() }).strict();

/** The in-cluster workloads besides the gateway pods (which keep oke.cpuRequest / oke.cpuLimit / gateway.memoryMb). */
export const OKE_WORKLOADS = ["presidioAnalyzer", "presidioAnonymizer", "postgres", "redis", "verification", "migration"] as const;
export type OkeWorkload = (typeof OKE_WORKLOADS)[number];

/**
 * The LiteLLM charts the stack can install, where each is published and the version it pins. Each pin was
 * checked against its publisher's records (docs/oke.md#chart-version says which and how):
 * - `litellm-helm`: the publisher's deploy docs name `1.90.2` as a published chart version ("the published chart
 *   versions carry LiteLLM release numbers (for example `1.90.2`)"); the release workflow that was readable sets
 *   the version from a `chartVersion` input or a patch bump, so a chart equal to any other release is not proven;
 * - `litellm`: `helm/litellm/Chart.yaml` @ 5cf956f (the read that has monolith mode) says `version: 1.0.0`,
 *   appVersion 1.104.0, the version LiteLLM's deployment docs install.
 */
export const CHART_NAMES = ["litellm-helm", "litellm"] as const;
export type ChartName = (typeof CHART_NAMES)[number];
export const OKE_CHARTS: Record<ChartName, { repository: string; version: string }> = {
    "litellm-helm": { repository: "oci://ghcr.io/berriai/litellm-helm", version: "1.90.2" },
    litellm: { repository: "oci://ghcr.io/berriai/litellm/chart/litellm", version: "1.0.0" },
};
/** The default chart (docs/oke.md says why this one). */
export const DEFAULT_CHART: ChartName = "litellm-helm";

/** OKE kubeconfig endpoint types (oci.containerengine.getClusterKubeConfig `endpoint`). */
export const KUBECONFIG_ENDPOINTS = ["PUBLIC_ENDPOINT", "PRIVATE_ENDPOINT", "VCN_HOSTNAME", "LEGACY_KUBERNETES"] as const;

export const okeSchema = z
    .object({
        /** OKE cluster OCID; its kubeconfig is fetched with oci.containerengine.getClusterKubeConfig. */
        clusterId: ocid("cluster").optional(),
        /** Namespace for every resource. Default `litellm`. */
        namespace: dnsLabel.optional(),
        /** Which cluster endpoint the fetched kubeconfig points at. Default: the OCI API's default. */
        kubeconfigEndpoint: z.enum(KUBECONFIG_ENDPOINTS).optional(),
        /** Create the namespace (false: it must exist). Default true. */
        createNamespace: z.boolean().optional(),
        /** Which LiteLLM chart (`litellm-helm` or the official `litellm`), its OCI reference and pinned version, or a copy on disk (`path`). */
        chart: z
            .object({
                name: z.enum(CHART_NAMES).optional(),
                repository: z.string().regex(/^oci:\/\/[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)+$/, fixed("is not an oci:// chart reference", "use e.g. oci://ghcr.io/berriai/litellm-helm")).optional(),
                version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, fixed("is not an exact chart version", `pin an exact version such as ${OKE_CHARTS[DEFAULT_CHART].version} (ranges and 'latest' are refused)`)).optional(),
                /** A chart directory or packaged `.tgz` on disk (air-gapped installs, offline previews); relative to the project directory. Checked by oke-rules.ts. */
                path: z.string().min(1, fixed("is empty", "set the path of a chart directory or .tgz, or remove the key")).optional(),
            })
            .strict()
            .optional(),
        /** Helm release name, also the chart's fullnameOverride, so the Service is `<releaseName>.<namespace>.svc`. Default `litellm`. */
        releaseName: dnsLabel.optional(),
        /** Gateway pods (ignored while autoscaling is on). Default 2. */
        replicas: z.number().int().min(1).max(100).optional(),
        /** CPU request per gateway pod. Default `500m`. */
        cpuRequest: quantity.optional(),
        /** CPU limit per gateway pod. Default: none (no throttling). */
        cpuLimit: quantity.optional(),
        /** PodDisruptionBudget for the gateway. Default: on with minAvailable 1 when replicas > 1. */
        podDisruptionBudget: z.object({ enabled: z.boolean().optional(), minAvailable: z.number().int().min(0).optional() }).strict().optional(),
        /** HorizontalPodAutoscaler for the gateway (CPU based). Default off. */
        autoscaling: z
            .object({
                enabled: z.boolean().optional(),
                minReplicas: z.number().int().min(1).optional(),
                maxReplicas: z.number().int().min(1).optional(),
                targetCPUUtilizationPercentage: z.number().int().min(1).max(100).optional(),
            })
            .strict()
            .optional(),
        /** Namespaces whose pods may reach the gateway (NetworkPolicy). Default: none. */
        allowedNamespaces: z.array(dnsLabel).optional(),
        /** Label sets: pods in the gateway's namespace matching any one set may reach the gateway. Default: none. */
        allowedPodLabels: z.array(z.record(labelKey, labelValue).refine((m) => Object.keys(m).length > 0, fixed("is an empty label set, which would match every pod", "list at least one label"))).optional(),
        /** Create the NetworkPolicies. Default true. */
        networkPolicies: z.boolean().optional(),
        /** StorageClass of the in-cluster Postgres volume. Default: the cluster default (OKE: oci-bv). */
        storageClassName: dnsLabel.optional(),
        /** Pinned Node image that runs the in-cluster verification Job. Default: DEFAULT_IMAGES.node. */
        verificationImage: pinnedImage.optional(),
        /** Content digest appended to `verificationImage`. Default: tag only. */
        verificationImageDigest: imageDigest.optional(),
        /** Requests and limits per workload (`oke.resources.<workload>.cpuRequest` ...). Default: OKE_RESOURCE_DEFAULTS. */
        resources: z.object(Object.fromEntries(OKE_WORKLOADS.map((w) => [w, workloadResources.optional()])) as Record<OkeWorkload, z.ZodOptional<typeof workloadResources>>).strict().optional(),
        /** Allocatable CPU of the smallest node the stack should fit on (the preview warns beyond it). Default `2`. */
        nodeCpu: quantity.optional(),
        /** Allocatable memory of that node. Default `8Gi`. */
        nodeMemory: memory.optional(),
        /** Seconds Helm waits for the release (migrations hook + rollout). Default 900. */
        helmTimeoutSeconds: z.number().int().min(60).max(3600).optional(),
    })
    .strict();

export type OkeConfig = z.infer<typeof okeSchema>;

/** The chart a stack without `oke.chart` installs: name, registry and pinned version. */
export const OKE_CHART = { name: DEFAULT_CHART, ...OKE_CHARTS[DEFAULT_CHART] } as const;

/** A container's requests and limits as written in config (components canonicalize them). */
export interface WorkloadResources {
    cpuRequest: string;
    /** Unset: no CPU limit, so start-up (model load, migrations) is not throttled. */
    cpuLimit?: string;
    memoryRequest: string;
    memoryLimit: string;
}

/**
 * Defaults, and why (docs/oke.md#sizes-and-scheduling has the measurements):
 * - presidioAnalyzer: measured idle and under the checks' load (0 and 0.2 cores); memory is the measured 186 MiB
 *   with the small spaCy model plus en_core_web_lg's ~0.6 GB of vectors, with headroom (en_core_web_lg itself is
 *   not in the package index here, so that part is an estimate);
 * - presidioAnonymizer: Presidio's own k8s sample;
 * - postgres, redis: one small instance each (Redis `maxmemory` is its memory request);
 * - verification: one Node process sending a few requests at a time;
 * - migration: the chart's hook running `prisma migrate deploy`.
 */
export const OKE_RESOURCE_DEFAULTS: Record<OkeWorkload, WorkloadResources> = {
    presidioAnalyzer: { cpuRequest: "250m", memoryRequest: "1Gi", memoryLimit: "2Gi" },
    presidioAnonymizer: { cpuRequest: "125m", memoryRequest: "128Mi", memoryLimit: "512Mi" },
    postgres: { cpuRequest: "250m", memoryRequest: "256Mi", memoryLimit: "1Gi" },
    redis: { cpuRequest: "100m", memoryRequest: "256Mi", memoryLimit: "320Mi" },
    verification: { cpuRequest: "50m", memoryRequest: "128Mi", memoryLimit: "256Mi" },
    migration: { cpuRequest: "100m", memoryRequest: "512Mi", memoryLimit: "1Gi" },
};

/** Every oke setting with its default applied. */
export interface OkeSettings {
    clusterId?: string;
    namespace: string;
    kubeconfigEndpoint?: (typeof KUBECONFIG_ENDPOINTS)[number];
    createNamespace: boolean;
    /** `path` set: the chart comes from disk and `repository` is unused. */
    chart: { name: ChartName; repository: string; version: string; path?: string };
    releaseName: string;
    replicas: number;
    cpuRequest: string;
    cpuLimit?: string;
    podDisruptionBudget: { enabled: boolean; minAvailable: number };
    autoscaling: { enabled: boolean; minReplicas: number; maxReplicas: number; targetCPUUtilizationPercentage: number };
    allowedNamespaces: string[];
    allowedPodLabels: Record<string, string>[];
    networkPolicies: boolean;
    storageClassName?: string;
    verificationImage: string;
    helmTimeoutSeconds: number;
    resources: Record<OkeWorkload, WorkloadResources>;
    nodeCpu: string;
    nodeMemory: string;
}

export function okeSettings(spec: { oke: OkeConfig }): OkeSettings {
    const o = spec.oke;
    const replicas = o.replicas ?? 2;
    return {
        clusterId: o.clusterId,
        namespace: o.namespace ?? "litellm",
        kubeconfigEndpoint: o.kubeconfigEndpoint,
        createNamespace: o.createNamespace ?? true,
        chart: { ...OKE_CHARTS[o.chart?.name ?? DEFAULT_CHART], ...o.chart, name: o.chart?.name ?? DEFAULT_CHART },
        releaseName: o.releaseName ?? "litellm",
        replicas,
        cpuRequest: o.cpuRequest ?? "500m",
        cpuLimit: o.cpuLimit,
        // A PDB with minAvailable 1 on a single replica would block every node drain.
        podDisruptionBudget: { enabled: o.podDisruptionBudget?.enabled ?? replicas > 1, minAvailable: o.podDisruptionBudget?.minAvailable ?? 1 },
        autoscaling: {
            enabled: o.autoscaling?.enabled ?? false,
            minReplicas: o.autoscaling?.minReplicas ?? replicas,
            maxReplicas: o.autoscaling?.maxReplicas ?? Math.max(replicas, 6),
            targetCPUUtilizationPercentage: o.autoscaling?.targetCPUUtilizationPercentage ?? 80,
        },
        allowedNamespaces: [...(o.allowedNamespaces ?? [])],
        allowedPodLabels: (o.allowedPodLabels ?? []).map((m) => ({ ...m })),
        networkPolicies: o.networkPolicies ?? true,
        storageClassName: o.storageClassName,
        verificationImage: withDigest(o.verificationImage ?? DEFAULT_IMAGES.node, o.verificationImageDigest),
        helmTimeoutSeconds: o.helmTimeoutSeconds ?? 900,
        resources: Object.fromEntries(OKE_WORKLOADS.map((w) => [w, { ...OKE_RESOURCE_DEFAULTS[w], ...o.resources?.[w] }])) as Record<OkeWorkload, WorkloadResources>,
        nodeCpu: o.nodeCpu ?? "2",
        nodeMemory: o.nodeMemory ?? "8Gi",
    };
}
