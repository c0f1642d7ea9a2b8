/** The one wait of the harness: a readiness probe polled under a deadline. */

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
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
        const reason = options.gaveUp?.();
        if (reason !== undefined) throw new Error(`${what} ${reason}\n${options.describe()}`);
        if (await probe().catch(() => false)) return;
        if (Date.now() > deadline) throw new Error(`${what} not ready within ${Math.round(options.timeoutMs / 1000)} s\n${options.describe()}`);
        await new Promise((r) => setTimeout(r, options.intervalMs ?? 300));
    }
}
