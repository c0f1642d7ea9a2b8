/**
 * A throwaway PostgreSQL server on loopback with passwords: initdb into the run folder, the server on a free
 * port, LiteLLM's schema applied once to a template database with litellm-proxy-extras' own SQL migrations
 * (prisma-offline cannot migrate), checked against the tables of LiteLLM's schema.prisma, and one database
 * per proxy copied from it, so each negative control writes to its own.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { mustRun, runCommand } from "./commands";
import { freePort } from "./ports";
import { exited, logTail, ProcessGroup, Started } from "./processes";
import { prismaTables } from "./schema-tables";
import { waitUntil } from "./wait";

const APP_USER = "litellm";
const TEMPLATE_DB = "litellm_template";

export interface Postgres {
    port: number;
    version: string;
    /** `postgresql://litellm:<password>@127.0.0.1:<port>/<db>` for a database created by `createDatabase`. */
    urlOf(database: string): string;
    createDatabase(name: string): Promise<string>;
    /** One value of a query on database `database`, as text. */
    scalar(database: string, sql: string): Promise<string>;
    migrationCount: number;
    tableCount: number;
    /** Stops the server (fast shutdown) and starts it again on the same port and data, ready: a mid-run restart. */
    restart(): Promise<void>;
}

/** Postgres refuses to run as root: as root, it runs as Debian's `postgres` user. */
function runAs(): { uid?: number; gid?: number } {
    if (process.getuid?.() !== 0) return {};
    const out = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
    if (!out) throw new Error("running as root but there is no `postgres` user to run PostgreSQL as (Debian's postgresql package creates it)");
    const [, , uid, gid] = out.split(":");
    return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(group: ProcessGroup, bin: string, runDir: string, migrationsDir: string, schemaPrisma: string, name = "postgres"): Promise<Postgres> {
    const as = runAs();
    const dir = join(runDir, name);
    mkdirSync(dir, { recursive: true });
    const superPassword = randomBytes(18).toString("hex");
    const appPassword = randomBytes(18).toString("hex");
    const pwFile = join(dir, "pw");
    writeFileSync(pwFile, superPassword, { mode: 0o600 });
    if (as.uid !== undefined) {
        chownSync(dir, as.uid, as.gid as number);
        chownSync(pwFile, as.uid, as.gid as number);
    }
    const data = join(dir, "data");
    await mustRun("initdb", join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=scram-sha-256", `--pwfile=${pwFile}`, "-E", "UTF8", "--no-sync"], { ...as, env: { PATH: process.env.PATH, LANG: "C.UTF-8" } });
    chmodSync(pwFile, 0o600);
    const port = await freePort();
    const launch = (): Started =>
        group.start(name, join(bin, "postgres"), ["-D", data, "-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "fsync=off", "-c", "max_connections=200"], {
            ...as,
            env: { PATH: process.env.PATH ?? "", LANG: "C.UTF-8" },
            stopSignal: "SIGINT",
        });
    let server = launch();
    const psql = (database: string, user: string, password: string, args: string[], input?: string) =>
        runCommand(join(bin, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-X", ...args], {
            env: { PATH: process.env.PATH, PGPASSWORD: password, PGCONNECT_TIMEOUT: "5" },
            input,
        });
    const ready = () => waitUntil("PostgreSQL", async () => (await psql("postgres", "postgres", superPassword, ["-c", "select 1"])).code === 0, { timeoutMs: 30_000, describe: () => logTail(server.logFile), gaveUp: exited(server) });
    await ready();
    const asSuper = async (sql: string) => {
        const r = await psql("postgres", "postgres", superPassword, ["-c", sql]);
        if (r.code !== 0) throw new Error(`PostgreSQL: \`${sql.replace(appPassword, "***")}\` failed: ${r.output.trim()}`);
    };
    await asSuper(`create role ${APP_USER} login password '${appPassword}'`);
    await asSuper(`create database ${TEMPLATE_DB} owner ${APP_USER}`);

    // All migrations in order, in one session: one psql instead of one per file.
    const migrations = readdirSync(migrationsDir).filter((d) => existsSync(join(migrationsDir, d, "migration.sql"))).sort();
    const sql = migrations.map((d) => readFileSync(join(migrationsDir, d, "migration.sql"), "utf8")).join("\n;\n");
    const migrated = await psql(TEMPLATE_DB, APP_USER, appPassword, ["-f", "-"], sql);
    if (migrated.code !== 0) throw new Error(`applying ${migrations.length} migrations from ${migrationsDir} failed: ${migrated.output.split("\n").filter((l) => !/NOTICE/.test(l)).slice(-10).join("\n")}`);
    const listed = await psql(TEMPLATE_DB, APP_USER, appPassword, ["-At", "-c", "select table_name from information_schema.tables where table_schema = 'public'"]);
    const tables = new Set(listed.output.split("\n").map((l) => l.trim()).filter((l) => l.length > 0));
    const expected = prismaTables(readFileSync(schemaPrisma, "utf8"));
    const absent = expected.filter((t) => !tables.has(t));
    if (absent.length > 0) {
        throw new Error(`after ${migrations.length} migrations the database lacks ${absent.length} table(s) of ${schemaPrisma}: ${absent.join(", ")} (litellm-proxy-extras lags the proxy's schema; see prisma-offline's README)`);
    }
    const version = (await mustRun("postgres --version", join(bin, "postgres"), ["--version"])).trim();
    return {
        port,
        version,
        migrationCount: migrations.length,
        tableCount: expected.length,
        urlOf: (database) => `postgresql://${APP_USER}:${appPassword}@127.0.0.1:${port}/${database}`,
        async createDatabase(name) {
            if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`database name "${name}" must be lower-case letters, digits and _`);
            await asSuper(`create database ${name} template ${TEMPLATE_DB} owner ${APP_USER}`);
            return `postgresql://${APP_USER}:${appPassword}@127.0.0.1:${port}/${name}`;
        },
        async restart() {
            await group.stop(server);
            server = launch();
            await ready();
        },
        async scalar(database, sql) {
            const r = await psql(database, APP_USER, appPassword, ["-At", "-c", sql]);
            if (r.code !== 0) throw new Error(`PostgreSQL: \`${sql}\` on ${database} failed: ${r.output.trim()}`);
            return r.output.trim();
        },
    };
}
