/**
 * The check registry. Order is report order. To add a capability check, write it in its own file and add
 * ONE line to CAPABILITY_CHECKS (e.g. `cacheCheck,`); the engine, the CLI's `--only`/`--help` and the
 * Pulumi resource pick it up. A capability check skips itself when its inputs are absent (skipReason).
 */
import type { CheckDefinition } from "../types";
import { accessCheck } from "./access";
import { authRequiredCheck } from "./auth-required";
import { budgetCheck } from "./budget";
import { cacheCheck } from "./cache";
import { completionCheck } from "./completion";
import { fallbackCheck } from "./fallback";
import { guardrailPiiCheck } from "./guardrail-pii";
import { healthCheck } from "./health";
import { keyAllowlistCheck } from "./key-allowlist";
import { keyExpiryCheck } from "./key-expiry";
import { langfuseTraceCheck } from "./langfuse-trace";
import { otelTraceCheck } from "./otel-trace";
import { latencyCheck } from "./latency";
import { modelsCheck } from "./models";
import { securityCheck } from "./security";
import { spendLogsCheck } from "./spend-logs";

/** The base suite every gateway gets (issue #3); ids are fixed. */
export const BASE_CHECKS: readonly CheckDefinition[] = [
    healthCheck,
    authRequiredCheck,
    completionCheck,
    keyAllowlistCheck,
    keyExpiryCheck,
    budgetCheck,
    spendLogsCheck,
    fallbackCheck,
];

/**
 * Checks added after the base suite, one line each: optional capabilities (cache, guardrails, observability,
 * access), which skip without their inputs, the whole-gateway checks of issue #16 (every model group
 * answers; the gateway's overhead within its SLO), and `security` (the running release against the advisories).
 */
export const CAPABILITY_CHECKS: readonly CheckDefinition[] = [cacheCheck, guardrailPiiCheck, langfuseTraceCheck, otelTraceCheck, accessCheck, modelsCheck, latencyCheck, securityCheck];

/** What a run executes by default. */
export const ALL_CHECKS: readonly CheckDefinition[] = [...BASE_CHECKS, ...CAPABILITY_CHECKS];

export const CHECK_IDS: readonly string[] = ALL_CHECKS.map((c) => c.id);
export const BASE_CHECK_IDS: readonly string[] = BASE_CHECKS.map((c) => c.id);
