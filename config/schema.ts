/**
 * The stack configuration schema (zod). Shapes and per-field rules live here; rules that span fields
 * (fallbacks name declared models, OCI needs credentials, target-specific modes) live in rules.ts.
 *
 * Every object is `.strict()`: a misspelt key is an error, not a silently ignored setting.
 */
import { z } from "zod";
import { MAX_SPEND_LOG_WAIT_SECONDS } from "./defaults";
import { costPerToken, fixed, imageDigest, liteLLMDuration, liteLLMImage, modelName, ocid, pinnedImage, port, positiveUsd, runAsId } from "./primitives";
import { latencySchema } from "./sections/latency";
import { API_KEY_NAME } from "./sections/upstreams";
import { acceptedAdvisorySchema } from "./sections/accepted-advisories";

export { TARGETS, type Target } from "./primitives";

export const modelSchema = z
    .object({
        /** The public model group clients call. */
        name: modelName,
        /** Where the model runs: the built-in stub (offline), OCI Generative AI, or any OpenAI-compatible endpoint. */
        upstream: z.enum(["stub", "oci", "openai"]),
        /** The upstream's model id, e.g. `stub-model` or `meta.llama-3.3-70b-instruct`. */
        model: z.string().min(1, fixed("must not be empty", "set the upstream model id")),
        inputCostPerToken: costPerToken.optional(),
        outputCostPerToken: costPerToken.optional(),
        /** OCI only: ON_DEMAND (default) or DEDICATED (needs ociEndpointId). */
        ociServingMode: z.enum(["ON_DEMAND", "DEDICATED"]).optional(),
        ociEndpointId: ocid("endpoint").optional(),
        /** openai only: the endpoint's base URL, e.g. `http://vllm.ml.svc.cluster.local:8000/v1` (config/sections/upstreams.ts). */
        apiBase: z.string().optional(),
        /** openai only: the name of its key in the `upstreamApiKeys` secret. Default: no key. */
        apiKeySecret: z.string().regex(API_KEY_NAME, fixed("is not a key name", "use lower-case letters, digits and - (at most 40), the name of a key in the upstreamApiKeys secret")).optional(),
    })
    .strict();

export const fallbackSchema = z
    .object({
        model: modelName,
        to: z.array(modelName).min(1, fixed("must name at least one fallback model", "list the model groups to try, in order")),
    })
    .strict();

export const gatewaySchema = z
    .object({
        image: liteLLMImage.optional(),
        /** Host port on 127.0.0.1 (docker) / Service port (oke). */
        port: port.optional(),
        /** How often LiteLLM flushes spend to Postgres (general_settings.proxy_batch_write_at). */
        spendBatchWriteSeconds: z.number().int().min(1, fixed("must be at least 1 second", "use 10 (LiteLLM's default) or more")).max(600).optional(),
        logLevel: z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]).optional(),
        numWorkers: z.number().int().min(1).max(64).optional(),
        memoryMb: z.number().int().min(512, fixed("is too small for LiteLLM", "give the gateway at least 512 MB; 2048 is a sane default")).optional(),
        /** Advisories `image` may run with, each with a reason and an expiry (docs/litellm-versions.md). Default none. */
        acceptedAdvisories: z.array(acceptedAdvisorySchema).optional(),
    })
    .strict();

export const keysSchema = z
    .object({
        /** max_budget given to keys created without one (litellm_settings.default_key_generate_params). */
        defaultMaxBudgetUsd: positiveUsd.optional(),
        /** Highest max_budget any key may be created with (litellm_settings.upperbound_key_generate_params). */
        maxBudgetUpperBoundUsd: positiveUsd.optional(),
        /** Default key lifetime, LiteLLM duration format (30s, 30m, 30h, 30d). */
        defaultDuration: liteLLMDuration.optional(),
    })
    .strict();

export const DATABASE_MODES = ["container", "in-cluster", "oci-psql", "external"] as const;
export const databaseSchema = z
    .object({
        mode: z.string().optional(),
        /** Postgres image for the container and in-cluster modes. */
        image: pinnedImage.optional(),
        /** Database name. */
        name: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, fixed("is not a valid Postgres database name", "use lower-case letters, digits and _")).optional(),
        /** in-cluster mode: PVC size in GiB. */
        storageGb: z.number().int().min(1).optional(),
        /** in-cluster mode: uid and gid of the server (config/image-user.ts). Default: the image's `postgres` user, by flavour. */
        runAsUser: runAsId.optional(),
        runAsGroup: runAsId.optional(),
        /** oci-psql mode settings. */
        oci: z
            .object({
                subnetId: ocid("subnet"),
                shape: z.string().min(1).optional(),
                dbVersion: z.string().regex(/^\d+$/, fixed("is not a PostgreSQL major version", "use the major version alone, e.g. 16")).optional(),
                instanceOcpuCount: z.number().int().min(1).optional(),
                instanceMemorySizeInGbs: z.number().int().min(1).optional(),
                nsgIds: z.array(ocid("network security group")).optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export const verificationSchema = z
    .object({
        enabled: z.boolean().optional(),
        /** enforce: a failing check fails the update; warn: it only warns. */
        mode: z.enum(["enforce", "warn"]).optional(),
        /** Run only these check ids (default: all whose inputs exist). */
        checks: z.array(z.string().min(1)).optional(),
        /** Deadline for spend-log rows to appear. Default: derived from gateway.spendBatchWriteSeconds (spend-wait.ts). */
        spendLogTimeoutSeconds: z.number().int().min(5).max(MAX_SPEND_LOG_WAIT_SECONDS).optional(),
        /** The `latency` check: its SLO on the gateway's overhead, and its sample. */
        latency: latencySchema.optional(),
    })
    .strict();

export const ociSchema = z
    .object({
        region: z.string().regex(/^[a-z]+-[a-z]+-\d+$/, fixed("is not an OCI region identifier", "use a region identifier such as us-chicago-1")).optional(),
        compartmentId: ocid("compartment").optional(),
        tenancyOcid: ocid("tenancy").optional(),
        userOcid: ocid("user").optional(),
        fingerprint: z
            .string()
            .regex(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/, fixed("is not an API key fingerprint", "copy the fingerprint shown next to the API key in the OCI console (aa:bb:...:ff)"))
            .optional(),
    })
    .strict();

export const stubSchema = z
    .object({
        image: pinnedImage.optional(),
        /** Content digest appended to `image` (`node:22.23.5-alpine@sha256:…`). Default: tag only. */
        imageDigest: imageDigest.optional(),
        /** Host port (127.0.0.1) of the stub's report endpoint, which checks read to see what reached the model. */
        reportPort: port.optional(),
    })
    .strict();

/**
 * Feature sections that later capabilities own (cache, guardrails, observability, oke) are declared
 * in their own files and merged here, so each capability extends the schema without editing this one.
 */
export { cacheSchema } from "./sections/cache";
export { guardrailsSchema } from "./sections/guardrails";
export { observabilitySchema } from "./sections/observability";
export { okeSchema } from "./sections/oke";
export { accessSchema } from "./sections/access";
