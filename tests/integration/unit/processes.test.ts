/** The suite stops what it started, children included, and a stale cache lock is taken over. */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { withCacheLock } from "../setup/cache-lock";
import { ProcessGroup } from "../setup/processes";
import { waitUntil } from "../setup/wait";

const dir = mkdtempSync(join(tmpdir(), "it-unit-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const alive = (pid: number) => {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
};

describe("ProcessGroup", () => {
    it("stops a process and what it spawned, and logs its output", async () => {
        const group = new ProcessGroup(dir);
        const pidFile = join(dir, "child.pid");
        const p = group.start("parent", "sh", ["-c", `echo started; sleep 60 & echo $! > ${pidFile}; wait`], { env: { PATH: process.env.PATH ?? "" } });
        await waitUntil("child pid", async () => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "", { timeoutMs: 5000, describe: () => "" });
        const child = Number(readFileSync(pidFile, "utf8"));
        assert.ok(alive(child));
        await group.stopAll();
        assert.ok(p.exit, "the started process exited");
        await waitUntil("the spawned child to go", async () => !alive(child), { timeoutMs: 5000, describe: () => `pid ${child} still alive` });
        assert.match(readFileSync(p.logFile, "utf8"), /started/);
    });

    it("kills a child that ignores SIGTERM and outlives its leader, as the Prisma engine a proxy spawns does", async () => {
        for (const leaderExitsFirst of [false, true]) {
            const group = new ProcessGroup(dir);
            const pidFile = join(dir, `stubborn-${leaderExitsFirst}.pid`);
            const tail = leaderExitsFirst ? "exit 0" : "wait";
            const p = group.start("leader", "sh", ["-c", `sh -c 'trap "" TERM; sleep 60' & echo $! > ${pidFile}; ${tail}`], { env: { PATH: process.env.PATH ?? "" } });
            await waitUntil("child pid", async () => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "", { timeoutMs: 5000, describe: () => "" });
            const child = Number(readFileSync(pidFile, "utf8"));
            if (leaderExitsFirst) await waitUntil("the leader to exit", async () => p.exit !== undefined, { timeoutMs: 5000, describe: () => "" });
            assert.ok(alive(child), "the child outlives its leader's stop signal");
            await group.stopAll();
            await waitUntil("the stubborn child to go", async () => !alive(child), { timeoutMs: 5000, describe: () => `pid ${child} still alive (leader exited first: ${leaderExitsFirst})` });
        }
    });

    it("stops waiting on a process that exited", async () => {
        const group = new ProcessGroup(dir);
        const p = group.start("quitter", "sh", ["-c", "exit 3"], { env: { PATH: process.env.PATH ?? "" } });
        await assert.rejects(
            waitUntil("never", async () => false, { timeoutMs: 10_000, describe: () => "log", gaveUp: () => (p.exit ? `exited (code ${p.exit.code})` : undefined) }),
            /never exited \(code 3\)/,
        );
        await group.stopAll();
    });
});

describe("withCacheLock", () => {
    it("takes over a lock whose owner is dead, and releases it", async () => {
        const lock = join(dir, "entry.lock");
        mkdirSync(lock);
        writeFileSync(join(lock, "pid"), "999999999");
        const old = new Date(Date.now() - 60_000);
        utimesSync(lock, old, old);
        assert.equal(await withCacheLock(lock, 5000, async () => "built"), "built");
        assert.equal(existsSync(lock), false);
    });

    it("waits for a live owner until the timeout, naming the lock", async () => {
        const lock = join(dir, "busy.lock");
        mkdirSync(lock);
        writeFileSync(join(lock, "pid"), String(process.pid));
        await assert.rejects(withCacheLock(lock, 1500, async () => "never"), /cache entry is locked by another run/);
        rmSync(lock, { recursive: true });
    });
});
