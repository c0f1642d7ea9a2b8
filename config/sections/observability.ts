/**
 * Config section `observability`: Langfuse traces (issue: Langfuse observability).
 *
 * `GatewaySpec.observability` holds the parsed fields below; `langfuseSettings(spec)` is the one place
 * that applies their defaults (images depend on the major), and `langfuseMode(spec)` decides what actually
 * runs: a self-hosted Langfuse (dev), an external one, or nothing.
 */
import { z } from "zod";
import { ConfigProblem, SECRET_MASK } from "../errors";
import type { SecretKey } from "../keys";
import { fixed, pinnedImage, port, Target } from "../primitives";
import { DEFAULT_IMAGES, OBSERVABILITY_DEFAULTS } from "../defaults";
import { OBSERVABILITY_MODES, otelSchema } from "./otel";

export const observabilitySchema = z
    .object({
        /** Turn tracing on. Default: off (a full Langfuse is heavy for a laptop). */
        enabled: z.boolean().optional(),
        /** Where traces go: `langfuse` (the langfuse_otel callback) or `otel` (the otel callback, any OTLP endpoint). Default langfuse. */
        mode: z.enum(OBSERVABILITY_MODES).optional(),
        /** `mode: otel`: the OTLP endpoint and the names of the headers the `otelHeaders` secret holds. */
        otel: otelSchema.optional(),
        /** false: no prompt or completion text in any trace (`litellm_settings.turn_off_message_logging`). Default true. */
        logPrompts: z.boolean().optional(),
        /** Langfuse server major version: 3 or 4. Picks the dev images. Default 4. */
        langfuseMajor: z.union([z.literal(3), z.literal(4)]).optional(),
        /** External Langfuse base URL (oke, or dev pointing at an existing Langfuse). Default: self-hosted on dev. */
        host: z
            .string()
            .url()
            .regex(/^https?:\/\//, fixed("must be an http:// or https:// URL", "use the Langfuse base URL, e.g. https://cloud.langfuse.com"))
            .optional(),
        /** dev, self-hosted: host port of the Langfuse web UI, bound to 127.0.0.1. Default 3000. */
        uiPort: port.optional(),
        /** dev, self-hosted: e-mail of the user created at first boot (its password is generated). */
        userEmail: z.string().email(fixed("is not an e-mail address", "use an address such as admin@example.com")).optional(),
        /** dev, self-hosted: pinned images, each overridable. Defaults depend on `langfuseMajor`. */
        images: z
            .object({
                web: pinnedImage.optional(),
                worker: pinnedImage.optional(),
                clickhouse: pinnedImage.optional(),
                postgres: pinnedImage.optional(),
                redis: pinnedImage.optional(),
                storage: pinnedImage.optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export type ObservabilityConfig = z.infer<typeof observabilitySchema>;

export interface LangfuseImages {
    web: string;
    worker: string;
    clickhouse: string;
    postgres: string;
    redis: string;
    /** S3-compatible object storage (MinIO). */
    storage: string;
}

/**
 * Pinned images per Langfuse major (langfuse-presidio.md §3). v4 needs ClickHouse ≥ 25.12, Postgres ≥ 15
 * and Redis ≥ 7; v3 accepts ClickHouse ≥ 24.3. The web and worker versions must match each other.
 *
 * The blob store is MinIO from quay.io: `minio/minio` was deleted from Docker Hub (September 2026) and MinIO's
 * community edition is archived, but quay.io/minio/minio still serves the same tags as a frozen snapshot, so
 * the pin and the container's contract (`minio server`, `mc ready local` as the healthcheck) stay as they
 * were. Langfuse's own compose moved to cgr.dev/chainguard/minio, whose free tier serves only `latest`: a
 * floating tag this project refuses to deploy.
 */
const MINIO_IMAGE = "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z";

export const LANGFUSE_IMAGES: Record<3 | 4, LangfuseImages> = {
    4: {
        web: "langfuse/langfuse:4.16.0",
        worker: "langfuse/langfuse-worker:4.16.0",
        clickhouse: "clickhouse/clickhouse-server:25.12.5",
        postgres: DEFAULT_IMAGES.postgres,
        redis: DEFAULT_IMAGES.redis,
        storage: MINIO_IMAGE,
    },
    3: {
        web: "langfuse/langfuse:3.225.4",
        worker: "langfuse/langfuse-worker:3.225.4",
        clickhouse: "clickhouse/clickhouse-server:25.12.5",
        postgres: DEFAULT_IMAGES.postgres,
        redis: DEFAULT_IMAGES.redis,
        storage: MINIO_IMAGE,
    },
};

/** Every observability setting with its default applied. */
export interface LangfuseSettings {
    enabled: boolean;
    major: 3 | 4;
    host?: string;
    uiPort: number;
    userEmail: string;
    images: LangfuseImages;
}

export function langfuseSettings(spec: { observability: ObservabilityConfig }): LangfuseSettings {
    const o = spec.observability;
    const major = o.langfuseMajor ?? OBSERVABILITY_DEFAULTS.langfuseMajor;
    return {
        enabled: o.enabled ?? OBSERVABILITY_DEFAULTS.enabled,
        major,
        host: o.host?.replace(/\/+$/, ""),
        uiPort: o.uiPort ?? OBSERVABILITY_DEFAULTS.uiPort,
        userEmail: o.userEmail ?? OBSERVABILITY_DEFAULTS.userEmail,
        images: { ...LANGFUSE_IMAGES[major], ...o.images },
    };
}

/**
 * What the stack runs for observability:
 * - `off`: disabled;
 * - `self-hosted`: dev without `host`: a Langfuse on the private network, keys generated;
 * - `external`: `host` plus both secret keys;
 * - `missing-keys`: external but a key is absent: tracing stays off and the stack warns (`reason`).
 */
export type LangfuseMode =
    | { kind: "off" }
    | { kind: "self-hosted"; settings: LangfuseSettings }
    | { kind: "external"; settings: LangfuseSettings; host: string; publicKey: string; secretKey: string }
    | { kind: "missing-keys"; settings: LangfuseSettings; reason: string };

/** What `langfuseMode` and the observability rules read from the spec. */
export interface ObservabilityInput {
    observability: ObservabilityConfig;
    target: Target;
    secrets: Partial<Record<SecretKey, string>>;
}

export function langfuseMode(spec: ObservabilityInput): LangfuseMode {
    const settings = langfuseSettings(spec);
    if (!settings.enabled || spec.observability.mode === "otel") return { kind: "off" };
    if (spec.target === "docker" && settings.host === undefined) return { kind: "self-hosted", settings };
    const { langfusePublicKey: publicKey, langfuseSecretKey: secretKey } = spec.secrets;
    const host = settings.host;
    if (host !== undefined && publicKey && secretKey) return { kind: "external", settings, host, publicKey, secretKey };
    const absent = [host === undefined ? "observability.host" : undefined, publicKey ? undefined : "langfusePublicKey", secretKey ? undefined : "langfuseSecretKey"];
    const missing = absent.filter((k): k is string => k !== undefined);
    return {
        kind: "missing-keys",
        settings,
        reason:
            `observability is enabled but ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set, so Langfuse tracing is OFF ` +
            `(the gateway runs without the langfuse_otel callback). Fix: \`pulumi config set --secret langfusePublicKey pk-lf-...\` and ` +
            `\`pulumi config set --secret langfuseSecretKey sk-lf-...\` with the keys of your Langfuse project, or set observability.enabled false.`,
    };
}

/**
 * Cross-field rules of the section. Absent keys are NOT an error (the issue: "when keys are missing,
 * observability is off with a clear note, and the stack still works"); mistakes that can never work are.
 */
export function observabilityRules(spec: ObservabilityInput & { project: string }): ConfigProblem[] {
    const key = (path: string) => `${spec.project}:${path}`;
    const settings = langfuseSettings(spec);
    const problems: ConfigProblem[] = [];
    const { langfusePublicKey: pk, langfuseSecretKey: sk } = spec.secrets;
    if (pk?.startsWith("sk-lf-") || sk?.startsWith("pk-lf-")) {
        problems.push({ key: key("langfusePublicKey"), value: SECRET_MASK, message: "langfusePublicKey and langfuseSecretKey look swapped (pk-lf-… is the public key, sk-lf-… the secret key)", fix: "set each key under its own name with `pulumi config set --secret`" });
    }
    if (!settings.enabled || spec.observability.mode === "otel") return problems;
    if (spec.target === "oke" && settings.host === undefined) {
        problems.push({
            key: key("observability.host"),
            message: "is required on oke: Langfuse is not deployed into the cluster, the gateway exports to an existing one",
            fix: "`pulumi config set --path observability.host https://cloud.langfuse.com` (or your self-hosted Langfuse URL), plus the langfusePublicKey/langfuseSecretKey secrets",
        });
    }
    return problems;
}
