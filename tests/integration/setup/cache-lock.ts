/**
 * A lock on one cache entry, so two runs sharing the cache (other engineers, CI) never install into the same
 * folder at once. A directory is created atomically; its owner's PID is written inside, and a lock whose
 * owner is dead is taken over.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function ownerAlive(lockDir: string): boolean {
    try {
        const pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
        if (!Number.isInteger(pid) || pid <= 0) return false;
        process.kill(pid, 0);
        return true;
    } catch (err) {
        // EPERM: alive but not ours to signal.
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}

export async function withCacheLock<T>(lockDir: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        try {
            mkdirSync(lockDir);
            writeFileSync(join(lockDir, "pid"), String(process.pid));
            break;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
            // A lock just created may not hold its pid file yet: only a lock older than a few seconds is judged.
            if (!ownerAlive(lockDir) && ageMs(lockDir) > 5000) {
                rmSync(lockDir, { recursive: true, force: true });
                continue;
            }
            if (Date.now() > deadline) throw new Error(`cache entry is locked by another run (${lockDir}); wait for it, or remove the folder if no run is alive`);
            await new Promise((r) => setTimeout(r, 1000));
        }
    }
    try {
        return await fn();
    } finally {
        rmSync(lockDir, { recursive: true, force: true });
    }
}

function ageMs(lockDir: string): number {
    try {
        return Date.now() - statSync(lockDir).mtimeMs;
    } catch {
        return 0;
    }
}
