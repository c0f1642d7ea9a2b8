/**
 * Values for the `litellm-helm` chart (litellm.md §11 A; docs/oke.md), as a pure function of the spec and
 * the names of the Secrets and ServiceAccount the stack created. No resources, no I/O: unit-tested value
 * by value, and held against the chart's values.yaml keys (tests/oke/chart-values-keys.test.ts), so only
 * keys every chart of the 1.82-1.83 line and later has are emitted (no `logLevel`, no probe values).
 *
 * The chart injects the master key as PROXY_MASTER_KEY (not LITELLM_MASTER_KEY), so proxy_config is
 * rendered with `master_key: os.environ/PROXY_MASTER_KEY`; anything else would run the proxy with no
 * auth at all (litellm.md §9 "Helm gotcha").
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../config/spec";
import { parseImageRef } from "../../config/image";
import type { OkeSettings } from "../../config/sections/oke";
import { CHART_NAME, gatewaySelector } from "../k8s/labels";
import type { SecretKeyRef } from "../k8s/gateway-secrets";
import { containerResources } from "../k8s/resources";
import type { EnvVar } from "../shared/docker";
import { GATEWAY_ENV, OCI_KEY_DIR } from "./contract";
import { gatewayServiceAccountName } from "./helm";
import { buildLiteLLMConfig } from "./render-config";

/** The env var the chart fills from `masterkeySecretName`/`masterkeySecretKey`. */
export const CHART_MASTER_KEY_ENV = "PROXY_MASTER_KEY";
/** Where the chart mounts proxy_config. */
export const CHART_CONFIG_PATH = "/etc/litellm/config.yaml";
/**
 * A writable emptyDir for TMPDIR and LITELLM_MIGRATION_DIR. The root filesystem is read-only, and the
 * chart's own emptyDirs (/tmp, /.cache, /.npm) go to the Deployment only: the migration hook Job gets
 * just `volumes`/`volumeMounts`. Not /tmp itself: the chart already mounts that on the Deployment, and a
 * second mount at the same path is invalid.
 */
export const SCRATCH_DIR = "/var/lib/litellm-scratch";
/** `nobody`/`nogroup`: the user litellm-non_root is built for (docker/Dockerfile.non_root `USER nobody`). */
export const GATEWAY_UID = 65534;

/** Env vars the chart sets itself: the master key (PROXY_MASTER_KEY) and DATABASE_URL (from `db.*`). */
const CHART_OWNED_ENV = new Set<string>([GATEWAY_ENV.masterKey, GATEWAY_ENV.databaseUrl]);

export interface KubernetesEnvVar {
    name: string;
    valueFrom: { secretKeyRef: { name: string; key: string } };
}

export interface ChartEnv {
    /** Plain variables (`envVars`). */
    envVars: Record<string, pulumi.Input<string>>;
    /** Secret-backed variables (`extraEnvVars` with secretKeyRef), sorted by name. */
    extraEnvVars: KubernetesEnvVar[];
}

/**
 * The secret variables of `env` that need a home in a Secret: all secret ones except those the chart
 * owns and the salt key (it lives with the master key).
 */
export function secretEnvToStore(env: EnvVar[]): Record<string, pulumi.Input<string>> {
    return Object.fromEntries(env.filter((v) => v.secret && !CHART_OWNED_ENV.has(v.name) && v.name !== GATEWAY_ENV.saltKey).map((v) => [v.name, v.value]));
}

/**
 * Splits the gateway env (gatewayEnv) into chart values. A variable with a Secret reference is read from
 * that Secret even when its value is not secret (the OCI identity lives in `oci-credentials`). A secret
 * variable without a reference is an error: it must never become a plain value.
 */
export function chartEnv(env: EnvVar[], refs: Record<string, SecretKeyRef>): ChartEnv {
    const envVars: Record<string, pulumi.Input<string>> = {};
    const extraEnvVars: KubernetesEnvVar[] = [];
    for (const v of [...env].sort((a, b) => a.name.localeCompare(b.name))) {
        if (CHART_OWNED_ENV.has(v.name)) continue;
        const ref = refs[v.name];
        if (ref) extraEnvVars.push({ name: v.name, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } });
        else if (v.secret) throw new Error(`chartEnv: secret variable ${v.name} has no Secret to be read from`);
        else envVars[v.name] = v.value;
    }
    return { envVars, extraEnvVars };
}

/** `db.url`: the chart expands `$(VAR)` from the env it builds out of `db.secret` and `db.endpoint`. */
export function chartDatabaseUrl(port: number, query = ""): string {
    return `postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@$(DATABASE_HOST):${port}/$(DATABASE_NAME)${query}`;
}

/** What both charts' values are built from, besides the database (each chart takes it its own way). */
export interface ChartValuesCommon {
    spec: GatewaySpec;
    oke: OkeSettings;
    /** Secret and key of the master key. */
    masterKey: SecretKeyRef;
    env: ChartEnv;
    /** Secret holding the OCI API key as `item`; mounted read-only at OCI_KEY_DIR. Default: no mount. */
    ociKey?: { secretName: string; item: string };
}

export interface LiteLLMHelmValuesArgs extends ChartValuesCommon {
    database: {
        /** Host as seen from the pods. */
        host: pulumi.Input<string>;
        name: pulumi.Input<string>;
        /** From chartDatabaseUrl. */
        url: pulumi.Input<string>;
        secretName: string;
        usernameKey: string;
        passwordKey: string;
    };
}

/** The pod's writable scratch emptyDir and, when given, the OCI key Secret mounted read-only. */
export function gatewayVolumes(ociKey: ChartValuesCommon["ociKey"]): { volumes: Record<string, unknown>[]; volumeMounts: Record<string, unknown>[] } {
    const volumes: Record<string, unknown>[] = [{ name: "scratch", emptyDir: { sizeLimit: "1Gi" } }];
    const volumeMounts: Record<string, unknown>[] = [{ name: "scratch", mountPath: SCRATCH_DIR }];
    if (ociKey) {
        // Only the PEM item is projected: the rest of oci-credentials reaches the pod as env, not as files.
        volumes.push({ name: "oci-api-key", secret: { secretName: ociKey.secretName, items: [{ key: ociKey.item, path: ociKey.item }], defaultMode: 0o440 } });
        volumeMounts.push({ name: "oci-api-key", mountPath: OCI_KEY_DIR, readOnly: true });
    }
    return { volumes, volumeMounts };
}

/** The gateway container's resources: oke.cpuRequest / oke.cpuLimit, gateway.memoryMb as request and limit. */
export function gatewayResources(spec: GatewaySpec, oke: OkeSettings): Record<string, unknown> {
    const memory = `${spec.gateway.memoryMb}Mi`;
    return { requests: { cpu: oke.cpuRequest, memory }, limits: { memory, ...(oke.cpuLimit ? { cpu: oke.cpuLimit } : {}) } };
}

/** The image as the chart wants it: `repository` and `tag` (a digest rides in the tag, §11 A). */
export function chartImage(ref: string): { repository: string; tag: string; pullPolicy: string } {
    const parsed = parseImageRef(ref);
    if (!parsed || (!parsed.tag && !parsed.digest)) throw new Error(`chartImage: '${ref}' is not a pinned image reference`);
    const tag = [parsed.tag, parsed.digest].filter(Boolean).join("@");
    // IfNotPresent: the reference is pinned, so a re-pull could only bring surprises.
    return { repository: parsed.repository, tag, pullPolicy: "IfNotPresent" };
}

/**
 * Pod and container securityContext. The hook Job template has no pod securityContext, only the
 * container one (`securityContext`), so everything that matters to it is on the container as well;
 * `fsGroup` (pod only) just makes the OCI key Secret readable by the gateway's group.
 */
export function gatewaySecurityContexts(): { podSecurityContext: Record<string, unknown>; securityContext: Record<string, unknown> } {
    const identity = { runAsNonRoot: true, runAsUser: GATEWAY_UID, runAsGroup: GATEWAY_UID, seccompProfile: { type: "RuntimeDefault" } };
    return {
        podSecurityContext: { ...identity, fsGroup: GATEWAY_UID },
        securityContext: { ...identity, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
    };
}

export function liteLLMHelmValues(a: LiteLLMHelmValuesArgs): Record<string, unknown> {
    const { spec, oke } = a;
    const { volumes, volumeMounts } = gatewayVolumes(a.ociKey);
    return {
        nameOverride: CHART_NAME,
        fullnameOverride: oke.releaseName,
        replicaCount: oke.replicas,
        image: chartImage(spec.gateway.image),
        masterkeySecretName: a.masterKey.name,
        masterkeySecretKey: a.masterKey.key,
        proxy_config: buildLiteLLMConfig(spec, { masterKeyEnv: CHART_MASTER_KEY_ENV }),
        service: { type: "ClusterIP", port: spec.gateway.port },
        ingress: { enabled: false },
        db: {
            useExisting: true,
            // Never the bundled Bitnami Postgres: its images are archived and unpatched (§11 A).
            deployStandalone: false,
            endpoint: a.database.host,
            database: a.database.name,
            url: a.database.url,
            secret: { name: a.database.secretName, usernameKey: a.database.usernameKey, passwordKey: a.database.passwordKey },
        },
        redis: { enabled: false },
        migrationJob: {
            enabled: true,
            backoffLimit: 4,
            ttlSecondsAfterFinished: 600,
            // pre-install/pre-upgrade: the schema is migrated before any new pod starts (Argo CD hooks mean nothing here).
            hooks: { helm: { enabled: true }, argocd: { enabled: false } },
            resources: containerResources(oke.resources.migration),
        },
        // envVars reach the migration hook too (its template renders them before its own DISABLE_SCHEMA_UPDATE=false).
        envVars: {
            ...a.env.envVars,
            // The migration hook owns the schema; app pods only check it.
            DISABLE_SCHEMA_UPDATE: "true",
            // 1.83's proxy_cli only warns and exits 0 when `prisma migrate deploy` fails; this makes the hook fail, so Helm and Pulumi see it.
            ENFORCE_PRISMA_MIGRATION_CHECK: "true",
            // No Prisma update check: nothing to write under the read-only HOME, nothing to call out of an air-gapped cluster.
            CHECKPOINT_DISABLE: "1",
            LITELLM_MIGRATION_DIR: `${SCRATCH_DIR}/migrations`,
            TMPDIR: SCRATCH_DIR,
        },
        extraEnvVars: a.env.extraEnvVars,
        environmentSecrets: [],
        // `args` replaces the chart's default (which would read `numWorkers`), so the worker count rides here.
        args: ["--config", CHART_CONFIG_PATH, "--num_workers", String(spec.gateway.numWorkers)],
        // Ours (HelmLiteLLMGateway creates it ahead of the release): a chart-created account would not exist yet
        // when the pre-install hook starts (upstream issue #20571).
        serviceAccount: { create: false, name: gatewayServiceAccountName(oke.releaseName) },
        ...gatewaySecurityContexts(),
        resources: gatewayResources(spec, oke),
        // Probes: the chart's own (liveness /health/liveliness, readiness /health/readiness, a startup probe
        // allowing 30 x 10 s). Probe values are not keys of every chart in the line, so none are set.
        pdb: { enabled: oke.podDisruptionBudget.enabled, minAvailable: oke.podDisruptionBudget.minAvailable },
        autoscaling: { ...oke.autoscaling },
        topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: gatewaySelector(oke.releaseName) } },
        ],
        volumes,
        volumeMounts,
    };
}
