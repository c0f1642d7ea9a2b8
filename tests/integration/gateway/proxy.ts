/**
 * One real LiteLLM proxy process: its own folder (config.yaml, log), a free loopback port, the rendered
 * config and the suite's env, in database mode through prisma-offline with the schema step off (the schema
 * was applied with psql). Ready when `/health/readiness` reports the database connected.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
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

export async function startProxy(group: ProcessGroup, launch: ProxyLaunch): Promise<Proxy> {
    const started = Date.now();
    const dir = join(launch.runDir, launch.name);
    mkdirSync(dir, { recursive: true });
    const config = join(dir, "config.yaml");
    writeFileSync(config, launch.configYaml, { mode: 0o600 });
    for (const [file, text] of Object.entries(launch.files)) writeFileSync(join(dir, file), text, { mode: 0o600 });
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
    const p = group.start(launch.name, join(bin, "litellm"), ["--config", config, "--host", "127.0.0.1", "--port", String(port)], { env, cwd: dir });
    const url = `http://127.0.0.1:${port}`;
    let readiness: Record<string, unknown> = {};
    const tail = () => redactSecrets(p.exit ? `exited ${JSON.stringify(p.exit)}\n${logTail(p.logFile)}` : logTail(p.logFile), launch.secrets);
    await waitUntil(
        `LiteLLM proxy "${launch.name}"`,
        async () => {
            const res = await fetch(`${url}/health/readiness`, { signal: AbortSignal.timeout(3000) });
            if (!res.ok) return false;
            readiness = (await res.json()) as Record<string, unknown>;
            return readiness.db === "connected";
        },
        { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 500, describe: tail, gaveUp: () => (p.exit ? "exited during startup" : undefined) },
    );
    return { name: launch.name, url, process: p, startSeconds: (Date.now() - started) / 1000, readiness };
}
