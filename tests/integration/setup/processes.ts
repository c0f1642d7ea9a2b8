/**
 * Every process the suite starts, tracked by PID and stopped on every exit path (normal end, failure,
 * SIGINT/SIGTERM): only what this run started, never anything found by name. Each one leads its own process
 * group, and a stop signals that group, so what it spawned goes too (LiteLLM's Prisma engine, Postgres'
 * backends) instead of being orphaned. Output goes to one log file per process in the run directory.
 */
import { ChildProcess, spawn, SpawnOptions } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface StartOptions {
    env: Record<string, string>;
    cwd?: string;
    /** Run as this user (Postgres refuses to run as root). */
    uid?: number;
    gid?: number;
    /** Signal for a clean stop; Postgres wants SIGINT (fast shutdown), not SIGTERM (waits for clients). */
    stopSignal?: NodeJS.Signals;
}

export interface Started {
    name: string;
    pid: number;
    logFile: string;
    child: ChildProcess;
    /** Set once the process has exited. */
    exit?: { code: number | null; signal: NodeJS.Signals | null };
    stopSignal: NodeJS.Signals;
}

export class ProcessGroup {
    private readonly running = new Map<number, Started>();
    /** Every process started, so each group is swept at the end even when its leader exited early. */
    private readonly everStarted: Started[] = [];
    private readonly onSignal = (signal: NodeJS.Signals) => {
        this.killAllNow();
        process.exit(signal === "SIGINT" ? 130 : 143);
    };
    private readonly onExit = () => this.killAllNow();

    constructor(private readonly logDir: string) {
        process.once("SIGINT", this.onSignal);
        process.once("SIGTERM", this.onSignal);
        process.once("exit", this.onExit);
    }

    start(name: string, command: string, args: string[], options: StartOptions): Started {
        const logFile = join(this.logDir, `${name}.log`);
        const fd = openSync(logFile, "a");
        const spawnOptions: SpawnOptions = { env: options.env, cwd: options.cwd, stdio: ["ignore", fd, fd], uid: options.uid, gid: options.gid, detached: true };
        const child = spawn(command, args, spawnOptions);
        closeSync(fd);
        if (child.pid === undefined) throw new Error(`could not start ${name} (${command}): see ${logFile}`);
        const started: Started = { name, pid: child.pid, logFile, child, stopSignal: options.stopSignal ?? "SIGTERM" };
        this.running.set(child.pid, started);
        this.everStarted.push(started);
        child.on("exit", (code, signal) => {
            started.exit = { code, signal };
            this.running.delete(started.pid);
        });
        child.on("error", () => undefined);
        return started;
    }

    /**
     * Stops one process: its stop signal, then SIGKILL after `graceMs`. The group is killed once its leader is
     * gone too: a child that outlives the leader (the Prisma engine a proxy spawns ignores SIGTERM) would
     * otherwise be left running after the suite.
     */
    async stop(p: Started, graceMs = 10_000): Promise<void> {
        if (!p.exit) {
            const exited = new Promise<void>((done) => p.child.once("exit", () => done()));
            signal(p.pid, p.stopSignal);
            const timer = setTimeout(() => signal(p.pid, "SIGKILL"), graceMs);
            await exited;
            clearTimeout(timer);
        }
        signal(p.pid, "SIGKILL");
    }

    /** Stops everything still running, newest first (the proxy before the database it writes to). */
    async stopAll(): Promise<void> {
        const all = [...this.running.values()].reverse();
        for (const p of all) await this.stop(p);
        // Groups whose leader exited on its own may still hold children.
        for (const p of this.everStarted) signal(p.pid, "SIGKILL");
        process.off("SIGINT", this.onSignal);
        process.off("SIGTERM", this.onSignal);
        process.off("exit", this.onExit);
    }

    /** Last resort on exit or a signal: synchronous, so it also runs inside `process.on("exit")`. */
    private killAllNow(): void {
        for (const p of this.everStarted) signal(p.pid, "SIGKILL");
        this.running.clear();
    }
}

/** Signals the process group the started process leads (its PID negated). */
function signal(pid: number, sig: NodeJS.Signals): void {
    try {
        process.kill(-pid, sig);
    } catch {
        // Already gone.
    }
}

/** For waitUntil's `gaveUp`: stop waiting once the process has exited. */
export function exited(p: Started): () => string | undefined {
    return () => (p.exit ? `exited (${p.exit.signal ?? `code ${p.exit.code}`})` : undefined);
}

/** The last `lines` lines of a log, for failure messages (callers redact secrets). */
export function logTail(file: string, lines = 30): string {
    try {
        return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
        return "(no log)";
    }
}
