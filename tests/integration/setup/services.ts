/**
 * The services around the proxy, each on a free loopback port: Redis with a password (in a config file,
 * never on a command line), Presidio's analyzer and anonymizer served by presidio-rest over the real
 * libraries, and the project's own stub upstream, bundled by the project's bundler.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { bundleEntry, PROGRAM_NODE_TARGET, sourceEntry } from "../../../components/shared/bundle";
import { mustRun } from "./commands";
import { freePort } from "./ports";
import { exited, logTail, ProcessGroup } from "./processes";
import { waitUntil } from "./wait";

const ok = async (url: string) => (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;

export interface Redis {
    host: string;
    port: number;
    password: string;
    version: string;
    /** Stops the server (a mid-run fault); `start` brings it back on the same port, empty, ready. */
    stop(): Promise<void>;
    start(): Promise<void>;
}

export async function startRedis(group: ProcessGroup, redisServer: string, runDir: string, name = "redis"): Promise<Redis> {
    const port = await freePort();
    const password = randomBytes(18).toString("hex");
    const conf = join(runDir, `${name}.conf`);
    writeFileSync(conf, [`port ${port}`, "bind 127.0.0.1", `requirepass ${password}`, 'save ""', "appendonly no", `dir ${runDir}`, "daemonize no"].join("\n") + "\n", { mode: 0o600 });
    let p = group.start(name, redisServer, [conf], { env: { PATH: process.env.PATH ?? "" } });
    const ready = () => waitUntil("Redis", () => redisPing(port, password), { timeoutMs: 20_000, describe: () => logTail(p.logFile), gaveUp: exited(p) });
    await ready();
    const version = (await mustRun("redis-server --version", redisServer, ["--version"])).trim();
    return {
        host: "127.0.0.1",
        port,
        password,
        version,
        stop: () => group.stop(p),
        async start() {
            p = group.start(name, redisServer, [conf], { env: { PATH: process.env.PATH ?? "" } });
            await ready();
        },
    };
}

/** AUTH + PING over RESP, so the password is proven, not only the port. */
function redisPing(port: number, password: string): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = connect(port, "127.0.0.1");
        let data = "";
        socket.setTimeout(2000, () => socket.destroy());
        socket.on("connect", () => socket.write(`AUTH ${password}\r\nPING\r\n`));
        socket.on("data", (d) => {
            data += d;
            if (data.includes("+PONG")) {
                socket.end();
                resolve(data.startsWith("+OK"));
            }
        });
        socket.on("error", () => resolve(false));
        socket.on("close", () => resolve(false));
    });
}

export interface Presidio {
    analyzerUrl: string;
    anonymizerUrl: string;
    /** Stops the analyzer and the anonymizer (a mid-run fault). */
    stop(): Promise<void>;
}

export async function startPresidio(group: ProcessGroup, venv: string, serverPy: string, name = "presidio"): Promise<Presidio> {
    const python = join(venv, "bin", "python");
    const [analyzerPort, anonymizerPort] = [await freePort(), await freePort()];
    const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };
    const analyzer = group.start(`${name}-analyzer`, python, [serverPy, "analyzer", "--port", String(analyzerPort)], { env });
    const anonymizer = group.start(`${name}-anonymizer`, python, [serverPy, "anonymizer", "--port", String(anonymizerPort)], { env });
    const analyzerUrl = `http://127.0.0.1:${analyzerPort}`;
    const anonymizerUrl = `http://127.0.0.1:${anonymizerPort}`;
    // Ready means a route only that service has answers: on a shared machine another process may hold the
    // port a service failed to bind, and every service here answers /health.
    await Promise.all([
        waitUntil("Presidio analyzer", () => ok(`${analyzerUrl}/supportedentities`), { timeoutMs: 120_000, describe: () => logTail(analyzer.logFile), gaveUp: exited(analyzer) }),
        waitUntil("Presidio anonymizer", () => ok(`${anonymizerUrl}/anonymizers`), { timeoutMs: 120_000, describe: () => logTail(anonymizer.logFile), gaveUp: exited(anonymizer) }),
    ]);
    return { analyzerUrl, anonymizerUrl, stop: async () => void (await Promise.all([group.stop(analyzer), group.stop(anonymizer)])) };
}

export interface Stub {
    /** OpenAI-compatible base URL, `…/v1`, for STUB_API_BASE. */
    apiBase: string;
    /** Where `/stub/requests` lives, for the checks' --upstream-report-url. */
    reportUrl: string;
}

export async function startStub(group: ProcessGroup, runDir: string): Promise<Stub> {
    const bundle = join(runDir, "stub-upstream.js");
    // The suite runs the stub under its own Node, not the image's, so it targets the program's Node.
    writeFileSync(bundle, bundleEntry(sourceEntry("stub/main"), { target: PROGRAM_NODE_TARGET }).code);
    const port = await freePort();
    const p = group.start("stub-upstream", process.execPath, [bundle], { env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1" } });
    const reportUrl = `http://127.0.0.1:${port}`;
    await waitUntil("stub upstream", () => ok(`${reportUrl}/health`), { timeoutMs: 20_000, describe: () => logTail(p.logFile), gaveUp: exited(p) });
    return { apiBase: `${reportUrl}/v1`, reportUrl };
}
