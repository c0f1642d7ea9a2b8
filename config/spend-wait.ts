/**
 * How long the verification waits for spend-log rows, against how often LiteLLM writes them.
 *
 * LiteLLM flushes spend to Postgres every `proxy_batch_write_at` seconds (`gateway.spendBatchWriteSeconds`)
 * plus 0–5 s of random jitter, so a request's row can take a full interval plus the jitter to appear, and
 * the spend checks then read the key's and the model's global spend, which can land a batch later
 * (litellm.md §4: poll for at least 2 × (interval + 5 s)).
 *
 * Decision: the wait is DERIVED from the interval when `verification.spendLogTimeoutSeconds` is unset, and
 * an explicit wait shorter than that minimum is REJECTED. Deriving means raising the interval (LiteLLM's
 * production docs suggest 60 s) just works; rejecting means an explicit choice is never silently replaced,
 * and a wait that could only fail the spend checks is refused before anything is deployed.
 */
import { displayValue, type ConfigProblem } from "./errors";
import { MAX_SPEND_LOG_WAIT_SECONDS, MIN_SPEND_LOG_WAIT_SECONDS } from "./defaults";

/** LiteLLM's jitter on every spend batch: `proxy_batch_write_at + random.randint(0, 5)` seconds. */
export const LITELLM_BATCH_JITTER_SECONDS = 5;

/** The shortest wait that covers two batches with their jitter. */
export function requiredSpendLogWaitSeconds(batchSeconds: number): number {
    return 2 * (batchSeconds + LITELLM_BATCH_JITTER_SECONDS);
}

/** The wait used when `verification.spendLogTimeoutSeconds` is unset: the minimum, but never under a minute. */
export function derivedSpendLogWaitSeconds(batchSeconds: number): number {
    return Math.max(MIN_SPEND_LOG_WAIT_SECONDS, requiredSpendLogWaitSeconds(batchSeconds));
}

/** What the rule reads from the spec. */
export interface SpendWaitInput {
    project: string;
    gateway: { spendBatchWriteSeconds: number };
    verification: { enabled: boolean; spendLogTimeoutSeconds: number };
}

export function spendWaitRules(spec: SpendWaitInput): ConfigProblem[] {
    if (!spec.verification.enabled) return [];
    const batch = spec.gateway.spendBatchWriteSeconds;
    const need = requiredSpendLogWaitSeconds(batch);
    const why = `LiteLLM writes spend every ${batch} s plus up to ${LITELLM_BATCH_JITTER_SECONDS} s of jitter, and the spend checks wait for 2 × (${batch} + ${LITELLM_BATCH_JITTER_SECONDS}) = ${need} s`;
    if (need > MAX_SPEND_LOG_WAIT_SECONDS) {
        const longest = MAX_SPEND_LOG_WAIT_SECONDS / 2 - LITELLM_BATCH_JITTER_SECONDS;
        return [{
            key: `${spec.project}:gateway.spendBatchWriteSeconds`,
            value: displayValue(batch),
            message: `is too long for the verification: ${why}, more than its ${MAX_SPEND_LOG_WAIT_SECONDS} s limit`,
            fix: `use at most ${longest} (\`pulumi config set --path gateway.spendBatchWriteSeconds ${longest}\`), or turn the checks off with \`pulumi config set --path verification.enabled false\``,
        }];
    }
    const wait = spec.verification.spendLogTimeoutSeconds;
    if (wait >= need) return [];
    return [{
        key: `${spec.project}:verification.spendLogTimeoutSeconds`,
        value: displayValue(wait),
        message: `is shorter than the spend batch needs: ${why}`,
        fix: `set it to at least ${need} (\`pulumi config set --path verification.spendLogTimeoutSeconds ${need}\`), or remove it to have it derived from the interval (\`pulumi config rm --path verification.spendLogTimeoutSeconds\`)`,
    }];
}
