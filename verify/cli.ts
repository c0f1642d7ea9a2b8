/**
 * `npm run verify -- --gateway-url <url> --master-key <key> --model <group> …`
 *
 * Exit codes: 0 every selected check passed (or skipped), 1 a check failed, 2 usage error.
 * Progress goes to stderr, the table (or `--json -`) to stdout. Bundles into one plain-JS file for the
 * in-cluster Job (components/shared/bundle.ts), so it must not depend on ts-node or files at run time.
 */
import { writeFileSync } from "node:fs";
import { CHECK_IDS } from "./checks";
import { parseCliArgs, usageText } from "./cli-args";
import { runVerification } from "./engine";
import { VerifyUsageError } from "./options";
import { redactSecrets } from "./redact";
import { formatReportTable } from "./report-table";
import type { VerifyOptions } from "./types";

export interface CliIo {
    stdout(text: string): void;
    stderr(text: string): void;
}

const processIo: CliIo = {
    stdout: (t) => process.stdout.write(`${t}\n`),
    stderr: (t) => process.stderr.write(`${t}\n`),
};

export async function runCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo = processIo): Promise<number> {
    let secrets: string[] = [];
    try {
        const settings = parseCliArgs(argv, env);
        if (settings.help) {
            io.stdout(usageText(CHECK_IDS));
            return 0;
        }
        secrets = [settings.options.masterKey, settings.options.langfuse?.secretKey].filter((s): s is string => !!s);
        const started = Date.now();
        const report = await runVerification(settings.options as VerifyOptions, {
            log: (line) => io.stderr(`[verify +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`),
        });
        const json = JSON.stringify(report, null, 2);
        if (settings.jsonPath === "-") io.stdout(json);
        else {
            io.stdout(formatReportTable(report));
            if (settings.jsonPath) writeFileSync(settings.jsonPath, `${json}\n`);
        }
        return report.ok ? 0 : 1;
    } catch (err) {
        if (err instanceof VerifyUsageError) {
            io.stderr(`verify: ${redactSecrets(err.message, secrets)}\n\n${usageText(CHECK_IDS)}`);
            return 2;
        }
        io.stderr(`verify: internal error: ${redactSecrets(err instanceof Error ? err.message : String(err), secrets)}`);
        return 1;
    }
}

if (require.main === module) {
    runCli(process.argv.slice(2), process.env).then((code) => {
        process.exitCode = code;
    });
}
