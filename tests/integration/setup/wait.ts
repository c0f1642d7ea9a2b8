/** The one wait of the harness: a readiness probe polled under a deadline, at a fixed interval (verify/poll.ts). */
import { pollUntil } from "../../../verify/poll";

export interface WaitOptions {
    timeoutMs: number;
    intervalMs?: number;
    /** What to print when it never got ready (a log tail). */
    describe: () => string;
    /** Checked before each probe: a reason to stop waiting at once (the process exited). */
    gaveUp?: () => string | undefined;
}

/** Polls `probe` until it resolves true; a probe that throws counts as "not yet". */
export async function waitUntil(what: string, probe: () => Promise<boolean>, options: WaitOptions): Promise<void> {
    const intervalMs = options.intervalMs ?? 300;
    const result = await pollUntil(
        async () => {
            const reason = options.gaveUp?.();
            if (reason !== undefined) throw new Error(`${what} ${reason}\n${options.describe()}`);
            return (await probe().catch(() => false)) ? { done: true, value: undefined } : { done: false, reason: "not ready" };
        },
        { deadline: Date.now() + options.timeoutMs, initialDelayMs: intervalMs, factor: 1, maxDelayMs: intervalMs },
    );
    if (!result.done) throw new Error(`${what} not ready within ${Math.round(options.timeoutMs / 1000)} s\n${options.describe()}`);
}
