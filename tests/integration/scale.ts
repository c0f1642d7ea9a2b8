/**
 * `npm run test:scale`: the access scale suite (tests/integration/access-scale.test.ts) alone, on a real
 * LiteLLM proxy of its own, with the integration suite's environment (cached installs, loopback services).
 * Prints the suite's `benchmark:` lines and the environment's timings. Stops what it started on every path.
 */
import { join } from "node:path";
import { runProcess } from "../helpers/run-process";
import { SuiteEnvironment } from "./environment";
import { ENTRY_GATEWAY, entrySuiteEnv } from "./gateway/entry-suites";
import { suiteModels } from "./gateway/suite-config";

async function main(): Promise<number> {
    const suite = new SuiteEnvironment();
    let failed = true;
    try {
        await suite.setUp();
        const gateway = await suite.startGateway("access-scale", ENTRY_GATEWAY);
        try {
            const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...entrySuiteEnv({ url: gateway.proxy.url, masterKey: gateway.masterKey, models: suiteModels().models }) };
            const r = await suite.timed("access scale suite", () => runProcess(process.execPath, ["--test", "--test-reporter=spec", join(__dirname, "access-scale.test.js")], { cwd: process.cwd(), env, timeoutMs: 20 * 60_000 }));
            process.stdout.write(r.stdout);
            process.stderr.write(r.stderr);
            failed = r.code !== 0;
        } finally {
            await suite.stopGateway(gateway);
        }
    } finally {
        await suite.close(failed);
        for (const t of suite.timings) console.error(`timing: ${JSON.stringify(t)}`);
    }
    return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
    console.error(err);
    process.exit(1);
});
