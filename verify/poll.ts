/**
 * The one place that waits. Spend logs are batch-written and keys expire on the gateway's clock, so
 * several checks poll; they all use `pollUntil` so backoff and deadlines behave the same everywhere.
 */

/** Delays of an exponential backoff, capped. Pure, so it can be unit-tested. */
export function backoffDelays(initialMs: number, factor: number, maxMs: number, count: number): number[] {
    const delays: number[] = [];
    let d = initialMs;
    for (let i = 0; i < count; i++) {
        delays.push(Math.min(Math.round(d), maxMs));
        d *= factor;
    }
    return delays;
}

/** Resolves after `ms`, or rejects at once when `signal` aborts (the check's deadline passed). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, Math.max(0, ms));
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason ?? new Error("aborted"));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

export type PollStep<T> = { done: true; value: T } | { done: false; reason: string };

export type PollResult<T> = { done: true; value: T; attempts: number } | { done: false; reason: string; attempts: number };

export interface PollOptions {
    /** Epoch ms after which no new attempt starts. */
    deadline: number;
    signal?: AbortSignal;
    initialDelayMs?: number;
    factor?: number;
    maxDelayMs?: number;
    /** Called before each wait, for progress lines. */
    onWait?(info: { attempt: number; reason: string; waitMs: number; remainingMs: number }): void;
    now?: () => number;
}

/**
 * Calls `attempt` until it reports done or the deadline passes; waits with capped exponential backoff in
 * between, never past the deadline. The last attempt runs at (or just before) the deadline, so a row that
 * lands late is still seen.
 */
export async function pollUntil<T>(attempt: () => Promise<PollStep<T>>, options: PollOptions): Promise<PollResult<T>> {
    const now = options.now ?? Date.now;
    const factor = options.factor ?? 1.6;
    const maxDelay = options.maxDelayMs ?? 4000;
    let delay = options.initialDelayMs ?? 250;
    let attempts = 0;
    for (;;) {
        attempts++;
        const step = await attempt();
        if (step.done) return { done: true, value: step.value, attempts };
        const remaining = options.deadline - now();
        if (remaining <= 0) return { done: false, reason: step.reason, attempts };
        const waitMs = Math.min(Math.round(delay), maxDelay, remaining);
        options.onWait?.({ attempt: attempts, reason: step.reason, waitMs, remainingMs: remaining });
        await sleep(waitMs, options.signal);
        delay *= factor;
    }
}
