/**
 * Every default in one place. Pulumi does not apply Pulumi.yaml defaults under unit-test mocks, and
 * some defaults depend on the target, so the code owns them; a test keeps Pulumi.yaml in agreement.
 */
import { DEFAULTS as ENGINE_DEFAULTS } from "../verify/options";
import { liteLLMImageTag } from "./litellm-release";
import type { Target } from "./primitives";

export const PROJECT = "litellm-gateway";

/**
 * The LiteLLM release this project deploys and tests: the one constant every pin derives from (the
 * gateway image tag and the version the real-gateway suite installs; the chart pins its own, config/sections/oke.ts).
 */
export const LITELLM_VERSION = "1.108.7";

/** The Presidio release of the guardrail's analyzer and anonymizer images. */
export const PRESIDIO_VERSION = "2.2.366";

export const DEFAULT_IMAGES = {
    litellm: `ghcr.io/berriai/litellm:${liteLLMImageTag(LITELLM_VERSION)}`,
    /** The same release built to run as `nobody` (Prisma engines and client generated as that user at build time). */
    litellmNonRoot: `ghcr.io/berriai/litellm-non_root:${liteLLMImageTag(LITELLM_VERSION)}`,
    postgres: "postgres:16.6-alpine",
    redis: "redis:7.4.1-alpine",
    /** The one Node image: the dev stub and the oke verification Job. Node 22 is LTS; Node 20 reached end of life in April 2026. */
    node: "node:22.23.5-alpine",
    /** Presidio's newest release on the package index (2.2.366); the real-gateway suite runs exactly this version. */
    presidioAnalyzer: `ghcr.io/data-privacy-stack/presidio-analyzer:${PRESIDIO_VERSION}`,
    presidioAnonymizer: `ghcr.io/data-privacy-stack/presidio-anonymizer:${PRESIDIO_VERSION}`,
} as const;

/** The stub models: two groups so the fallback chain has somewhere to go, offline. */
export const DEFAULT_MODELS = [
    { name: "chat", upstream: "stub" as const, model: "stub-model" },
    { name: "chat-backup", upstream: "stub" as const, model: "stub-model-backup" },
];
export const DEFAULT_FALLBACKS = [{ model: "chat", to: ["chat-backup"] }];

/**
 * The verification-only model group the `fallback` check calls (components/gateway/fallback-probe.ts):
 * reserved, so no declared model may use the name. The engine owns the name (its `models` check never calls it).
 */
export { FALLBACK_PROBE_MODEL } from "../verify/fallback-probe";

/**
 * The stack's fallbacks. The Pulumi CLI applies the Pulumi.yaml default of `fallbacks` to every stack that
 * does not set the key, even one that declares its own models, so the program cannot tell "unset" from
 * "set to the default". Hence one rule: a list equal to the default chain is the default chain, and it
 * applies only while every model it names is declared; otherwise the stack has no fallbacks. Any other
 * list (including `[]`, which turns the chain off) is the user's and is validated as written.
 */
export function effectiveFallbacks(given: { model: string; to: string[] }[] | undefined, declaredModels: readonly string[]): { model: string; to: string[] }[] {
    const list = given ?? DEFAULT_FALLBACKS;
    if (JSON.stringify(list) !== JSON.stringify(DEFAULT_FALLBACKS)) return list;
    const names = DEFAULT_FALLBACKS.flatMap((f) => [f.model, ...f.to]);
    return names.every((n) => declaredModels.includes(n)) ? DEFAULT_FALLBACKS.map((f) => ({ model: f.model, to: [...f.to] })) : [];
}

/**
 * Stub pricing: the stub is not in LiteLLM's cost map, and an unpriced model records $0 spend, so
 * budgets and spend checks could never trip (peers.md pain #13). These are deliberately high so one
 * tiny request moves spend visibly.
 */
export const STUB_PRICING = { inputCostPerToken: 0.00001, outputCostPerToken: 0.00002 };

/** Host port of the stub's `/stub/last-request` report, on 127.0.0.1. */
export const STUB_REPORT_PORT = 4010;

export const GATEWAY_DEFAULTS = { port: 4000, spendBatchWriteSeconds: 10, logLevel: "INFO" as const, numWorkers: 1, memoryMb: 2048 };

/** `spendLogTimeoutSeconds` has no fixed default: it is derived from the spend batch interval (config/spend-wait.ts). */
export const VERIFICATION_DEFAULTS = { enabled: true, mode: "enforce" as const };
/** The shortest spend-log wait ever derived: a minute, however short the spend batch interval. */
export const MIN_SPEND_LOG_WAIT_SECONDS = 60;
/** The longest spend-log wait the verification accepts: beyond it a run would hold `pulumi up` for too long. */
export const MAX_SPEND_LOG_WAIT_SECONDS = 900;

/**
 * `verification.latency`: the engine's defaults. The SLO has none here: unset, the engine applies its own
 * (verify/options.ts `defaultOverheadP95Ms`), so the stacks and the CLI hold a gateway to the same rule.
 */
export const LATENCY_DEFAULTS = { requests: ENGINE_DEFAULTS.latencyRequests, concurrency: ENGINE_DEFAULTS.latencyConcurrency };

/**
 * The gateway image by target. oke runs it as a non-root user on a read-only root filesystem, which only
 * the `litellm-non_root` variant supports (docs/oke.md); dev keeps the main image.
 */
export function gatewayImageDefault(target: Target): string {
    return target === "oke" ? DEFAULT_IMAGES.litellmNonRoot : DEFAULT_IMAGES.litellm;
}

export function databaseModeDefault(target: Target): "container" | "in-cluster" {
    return target === "docker" ? "container" : "in-cluster";
}
export const DATABASE_DEFAULTS = { name: "litellm", storageGb: 20, port: 5432, user: "litellm" };

export const CACHE_DEFAULTS = { ttlSeconds: 600 };
export function cacheEnabledDefault(target: Target): boolean {
    // On by default where we also run Redis for the user (dev); on oke Redis is a deliberate choice.
    return target === "docker";
}

export const GUARDRAIL_DEFAULTS = {
    enabled: false,
    name: "presidio-pii",
    mode: "pre_call" as const,
    entities: ["US_SSN", "CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER"],
    storePromptsInSpendLogs: true,
};

/** Langfuse: off by default (six containers, several GB: heavy for a laptop); see config/sections/observability.ts. */
export const OBSERVABILITY_DEFAULTS = { enabled: false, langfuseMajor: 4 as const, uiPort: 3000, userEmail: "admin@example.com" };

export const OKE_DEFAULTS = { namespace: "litellm" };
