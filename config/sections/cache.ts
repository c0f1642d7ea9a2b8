/** Config section `cache`: the Redis response cache (issue: Redis response cache). */
import { z } from "zod";
import { ConfigProblem, displayValue, SECRET_MASK } from "../errors";
import type { SecretKey } from "../keys";
import { fixed, ocid, pinnedImage, port, runAsId, Target } from "../primitives";

export const CACHE_MODES = ["container", "in-cluster", "oci-cache", "external"] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/**
 * Where each mode can run. `external` is oke-only for now: the dev stack's cache feature always starts its
 * own Redis container, so accepting `external` there would silently ignore `cache.host`.
 */
export const CACHE_MODES_BY_TARGET: Record<Target, readonly CacheMode[]> = {
    docker: ["container"],
    oke: ["in-cluster", "oci-cache", "external"],
};

/** A DNS name or IPv4 address, without scheme or port. */
const redisHost = z
    .string()
    .regex(
        /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/,
        fixed("is not a host name", "give the bare host name, e.g. redis.example.internal (no redis:// and no port: use cache.port)"),
    );

export const cacheSchema = z
    .object({
        /** Turn the exact-match response cache on. Default: on for docker, off for oke. */
        enabled: z.boolean().optional(),
        /** How long a cached response is served, in seconds (cache_params.ttl). Default 600. */
        ttlSeconds: z.number().int().min(1).max(30 * 24 * 3600).optional(),
        /** Where Redis runs. Default: container (docker), in-cluster (oke). */
        mode: z.enum(CACHE_MODES).optional(),
        /** Redis/Valkey image for the container and in-cluster modes. */
        image: pinnedImage.optional(),
        /** in-cluster mode: uid and gid of redis-server (config/image-user.ts). Default: the image's `redis` user, by flavour. */
        runAsUser: runAsId.optional(),
        runAsGroup: runAsId.optional(),
        /** external: host name of the Redis server (its password is the `redisPassword` secret). */
        host: redisHost.optional(),
        /** external: Redis port. Default 6379. */
        port: port.optional(),
        /** external: connect with TLS (REDIS_SSL). Default false. OCI Cache always uses TLS. */
        tls: z.boolean().optional(),
        /** oci-cache: the OCI Cache cluster (`oci.redis.RedisCluster`), placed in `oci.compartmentId`. */
        oci: z
            .object({
                /** Private subnet of the cluster; the OKE pods must reach it on 6379. */
                subnetId: ocid("subnet"),
                /** Network security groups of the cluster (allow 6379 from the OKE pod/worker subnets). */
                nsgIds: z.array(ocid("network security group")).optional(),
                /** Nodes: one primary plus replicas. Default 1. */
                nodeCount: z.number().int().min(1).max(5).optional(),
                /** Memory per node in GB. Default 2. */
                nodeMemoryInGbs: z.number().min(2).optional(),
                /** Engine and version, e.g. VALKEY_7_2 or REDIS_7_0. Default VALKEY_7_2. */
                softwareVersion: z.string().regex(/^(REDIS|VALKEY)_\d+_\d+$/, fixed("is not an OCI Cache software version", "use e.g. VALKEY_7_2 or REDIS_7_0")).optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export type CacheConfig = z.infer<typeof cacheSchema>;

/** The cache section with its common defaults applied (`GatewaySpec.cache`). */
export type CacheSettings = CacheConfig & { enabled: boolean; ttlSeconds: number; mode: CacheMode; image: string };

/** What the cache rules read from the spec. */
export interface CacheRuleInput {
    project: string;
    target: Target;
    cache: CacheSettings;
    secrets: Partial<Record<SecretKey, string>>;
    oci: { compartmentId?: string };
}

/** Fields that belong to one mode only: setting them under another mode is almost always a forgotten `cache.mode`. */
const MODE_FIELDS: { field: "host" | "port" | "tls" | "oci"; mode: CacheMode }[] = [
    { field: "host", mode: "external" },
    { field: "port", mode: "external" },
    { field: "tls", mode: "external" },
    { field: "oci", mode: "oci-cache" },
];

/**
 * Cross-field rules of the section: the mode must exist on the target; an enabled cache must have what its
 * mode needs (external: host + `redisPassword`; oci-cache: subnet + compartment) and nothing another mode uses.
 */
export function cacheRules(spec: CacheRuleInput): ConfigProblem[] {
    const key = (path: string) => `${spec.project}:${path}`;
    const c = spec.cache;
    const allowed = CACHE_MODES_BY_TARGET[spec.target];
    if (!allowed.includes(c.mode)) {
        return [{ key: key("cache.mode"), value: displayValue(c.mode), message: `'${c.mode}' is not available on target ${spec.target}`, fix: `use one of: ${allowed.join(", ")}` }];
    }
    if (!c.enabled) return [];
    const problems: ConfigProblem[] = [];
    for (const { field, mode } of MODE_FIELDS) {
        if (c[field] !== undefined && c.mode !== mode) {
            problems.push({ key: key(`cache.${field}`), value: displayValue(c[field]), message: `is only used by cache.mode ${mode}, but the mode is ${c.mode}`, fix: `set cache.mode ${mode}, or remove it with \`pulumi config rm --path cache.${field}\`` });
        }
    }
    if (spec.secrets.redisPassword !== undefined && c.mode !== "external") {
        const why = c.mode === "oci-cache" ? "OCI Cache has no password: its subnet and NSGs decide who connects, and traffic is TLS" : `${c.mode} Redis gets a generated password`;
        problems.push({ key: key("redisPassword"), value: SECRET_MASK, message: `is only used by cache.mode external (${why})`, fix: "remove it with `pulumi config rm redisPassword`, or set cache.mode external" });
    }
    if (c.mode === "external") {
        if (!c.host) problems.push({ key: key("cache.host"), message: "is required when cache.mode is external", fix: "`pulumi config set --path cache.host redis.example.internal` (plus cache.port and cache.tls if needed)" });
        if (!spec.secrets.redisPassword) problems.push({ key: key("redisPassword"), message: "is required when cache.mode is external", fix: "`pulumi config set --secret redisPassword <password of the Redis server>`" });
    }
    if (c.mode === "oci-cache") {
        if (!c.oci) problems.push({ key: key("cache.oci.subnetId"), message: "is required when cache.mode is oci-cache", fix: "set the private subnet OCID the OCI Cache cluster is placed in, e.g. `pulumi config set --path cache.oci.subnetId ocid1.subnet...`" });
        if (!spec.oci.compartmentId) problems.push({ key: key("oci.compartmentId"), message: "is required when cache.mode is oci-cache", fix: "set the compartment that will hold the OCI Cache cluster" });
    }
    return problems;
}
