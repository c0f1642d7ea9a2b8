/**
 * One real LiteLLM proxy process: its own folder (config.yaml, log), a free loopback port, the rendered
 * config and the suite's env, in database mode through prisma-offline with the schema step off (the schema
 * was applied with psql). Ready when `/health/readiness` reports the database connected AND the proxy's own log
 * says uvicorn bound the port: on a machine where other suites run, another proxy can take the free port while
 * this one still imports (over a minute under load), and answer the readiness probe in its place (measured: a
 * control's checks met another suite's proxy, 401 `token_not_found_in_db` for this run's master key).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { redactSecrets } from "../../../verify/redact";
import { freePort } from "../setup/ports";
import { logTail, ProcessGroup, Started } from "../setup/processes";
import { waitUntil } from "../setup/wait";

/** 1.104+ refuses weak master keys: `sk-` + 48 hex characters. */
export function newMasterKey(): string {
    return `sk-${randomBytes(24).toString("hex")}`;
}

export interface ProxyLaunch {
    name: string;
    venv: string;
    configYaml: string;
    /** Files beside config.yaml, by name (LiteLLM imports a callback module named in the config from there). */
    files: Readonly<Record<string, string>>;
    /** The gateway env (suiteEnv), possibly changed by a negative control. */
    env: Record<string, string>;
    /** PRISMA_* variables pointing at prisma-offline (prismaEnv). */
    prisma: Record<string, string>;
    runDir: string;
    /** Secrets to scrub from any log tail an error quotes. */
    secrets: string[];
}

export interface Proxy {
    name: string;
    url: string;
    process: Started;
    startSeconds: number;
    readiness: Record<string, unknown>;
}

const STARTUP_TIMEOUT_MS = 240_000;
const PORT_TAKEN = "could not bind: another process took its free port first (a shared machine)";
/** Startups tried, each on a fresh free port, when another process takes the port first. */
const PORT_ATTEMPTS = 3;

export async function startProxy(group: ProcessGroup, launch: ProxyLaunch): Promise<Proxy> {
    const started = Date.now();
    const dir = join(launch.runDir, launch.name);
    mkdirSync(dir, { recursive: true });
    const config = join(dir, "config.yaml");
    writeFileSync(config, launch.configYaml, { mode: 0o600 });
    for (const [file, text] of Object.entries(launch.files)) writeFileSync(join(dir, file), text, { mode: 0o600 });
    for (let attempt = 1; ; attempt++) {
        try {
            return await startOnFreePort(group, launch, config, dir, started, attempt);
        } catch (err) {
            if (attempt >= PORT_ATTEMPTS || !(err instanceof Error) || !err.message.includes(PORT_TAKEN)) throw err;
        }
    }
}

async function startOnFreePort(group: ProcessGroup, launch: ProxyLaunch, config: string, dir: string, started: number, attempt: number): Promise<Proxy> {
    const port = await freePort();
    const bin = join(launch.venv, "bin");
    const env: Record<string, string> = {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        HOME: process.env.HOME ?? dir,
        LANG: "C.UTF-8",
        ...launch.prisma,
        // The schema is applied with psql: prisma-offline cannot migrate.
        DISABLE_SCHEMA_UPDATE: "true",
        ...launch.env,
    };
    // A log of its own per attempt: a retry must not read the last attempt's "address already in use".
    const p = group.start(attempt === 1 ? launch.name : `${launch.name}-attempt${attempt}`, join(bin, "litellm"), ["--config", config, "--host", "127.0.0.1", "--port", String(port)], { env, cwd: dir });
    const url = `http://127.0.0.1:${port}`;
    let readiness: Record<string, unknown> = {};
    const tail = () => redactSecrets(p.exit ? `exited ${JSON.stringify(p.exit)}\n${logTail(p.logFile)}` : logTail(p.logFile), launch.secrets);
    await waitUntil(
        `LiteLLM proxy "${launch.name}"`,
        async () => {
            const res = await fetch(`${url}/health/readiness`, { signal: AbortSignal.timeout(3000) });
            if (!res.ok) return false;
            readiness = (await res.json()) as Record<string, unknown>;
            return readiness.db === "connected" && boundByThisProxy(p.logFile, port);
        },
        { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 500, describe: tail, gaveUp: () => portTakenNote(p.logFile) ?? (p.exit ? "exited during startup" : undefined) },
    ).catch(async (err: unknown) => {
        await group.stop(p);
        throw err;
    });
    return { name: launch.name, url, process: p, startSeconds: (Date.now() - started) / 1000, readiness };
}

/** True once the proxy's log says uvicorn serves on `port`: the readiness answer is this process's own. */
export function boundByThisProxy(logFile: string, port: number): boolean {
    return readLog(logFile).includes(`Uvicorn running on http://127.0.0.1:${port} `);
}

/** A reason to stop waiting when the proxy could not bind its port (another process took it first). */
function portTakenNote(logFile: string): string | undefined {
    return /address already in use/i.test(readLog(logFile)) ? PORT_TAKEN : undefined;
}

function readLog(logFile: string): string {
    try {
        return readFileSync(logFile, "utf8");
    } catch {
        return "";
    }
}
