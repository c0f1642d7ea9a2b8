/**
 * Runs the selected checks concurrently, each under its own deadline, then deletes every key the run
 * created and builds the report. A full run therefore takes about as long as its slowest inherent wait
 * (the spend-log batch interval), not the sum of the checks.
 */
import type { AxiosInstance } from "axios";
import { ALL_CHECKS } from "./checks";
import { describeError } from "./gateway-response";
import { gatewayHttpClient } from "./http-client";
import { KeyRegistry } from "./keys";
import { CheckFailure, fail } from "./outcome";
import { resolveOptions, runKeyDuration, VerifyUsageError } from "./options";
import { Redactor } from "./redact";
import { RunUsage } from "./usage";
import type { CheckContext, CheckDefinition, CheckOutcome, CheckResult, ResolvedOptions, VerificationReport, VerifyOptions } from "./types";

export interface RunHooks {
    /** Registry to run; default `ALL_CHECKS` (base plus registered capability checks). */
    checks?: readonly CheckDefinition[];
    /** Progress lines, already redacted. Default: none. */
    log?(line: string): void;
}

/** Picks the checks named by `only` (in registry order); unknown ids are a usage error. */
export function selectChecks(checks: readonly CheckDefinition[], only: readonly string[] | undefined): CheckDefinition[] {
    if (!only) return [...checks];
    const known = new Set(checks.map((c) => c.id));
    const unknown = only.filter((id) => !known.has(id));
    if (unknown.length > 0) {
        throw new VerifyUsageError(`unknown check id(s): ${unknown.join(", ")}; known: ${[...known].join(", ")}`);
    }
    return checks.filter((c) => only.includes(c.id));
}

export async function runVerification(options: VerifyOptions, hooks: RunHooks = {}): Promise<VerificationReport> {
    const started = Date.now();
    const opts = resolveOptions(options);
    const selected = selectChecks(hooks.checks ?? ALL_CHECKS, opts.only);
    const redactor = new Redactor([opts.masterKey, opts.langfuse?.secretKey, ...Object.values(opts.accessKeys ?? {})]);
    const log = (line: string) => hooks.log?.(redactor.apply(line));
    const http = gatewayHttpClient(opts.gatewayUrl, opts.requestTimeoutMs);
    const usage = new RunUsage();
    const keys = new KeyRegistry(http, opts.masterKey, opts.runId, redactor, runKeyDuration(opts), opts.requestTimeoutMs);

    log(`run ${opts.runId}: ${selected.length} check(s) against ${opts.gatewayUrl}`);
    let results: CheckResult[] = [];
    try {
        results = await Promise.all(selected.map((check) => runOne(check, opts, http, keys, usage, log)));
    } finally {
        const failures = await keys.deleteAll();
        for (const f of failures) {
            log(`cleanup: could not delete key ${f.alias}: ${f.message}`);
            const owner = results.find((r) => r.id === f.checkId);
            if (owner) {
                owner.status = "fail";
                owner.message += ` | cleanup: could not delete key "${f.alias}" (${f.message}); it expires on its own`;
            }
        }
    }
    for (const r of results) r.message = redactor.apply(r.message);
    const report: VerificationReport = {
        ok: results.every((r) => r.status !== "fail"),
        durationMs: Date.now() - started,
        usage: usage.totals(),
        checks: results,
    };
    log(`run ${opts.runId}: ${report.ok ? "ok" : "FAILED"} in ${(report.durationMs / 1000).toFixed(1)} s`);
    return report;
}

async function runOne(
    check: CheckDefinition,
    opts: ResolvedOptions,
    http: AxiosInstance,
    keys: KeyRegistry,
    usage: RunUsage,
    log: (line: string) => void,
): Promise<CheckResult> {
    const started = Date.now();
    const timeoutMs = check.timeoutMs?.(opts) ?? opts.checkTimeoutMs;
    const controller = new AbortController();
    let lastProgress = "starting";
    const ctx: CheckContext = {
        checkId: check.id,
        runId: opts.runId,
        options: opts,
        http,
        signal: controller.signal,
        deadline: started + timeoutMs,
        keys: keys.forCheck(check.id, controller.signal),
        usage,
        log(message) {
            lastProgress = message;
            log(`${check.id}: ${message}`);
        },
    };
    const finish = (outcome: CheckOutcome): CheckResult => {
        // `exceptions` only when there are some: a dynamic provider's outputs may hold no undefined.
        const result: CheckResult = { id: check.id, status: outcome.status, durationMs: Date.now() - started, message: outcome.message, ...(outcome.exceptions?.length ? { exceptions: outcome.exceptions } : {}) };
        log(`${check.id}: ${result.status} (${(result.durationMs / 1000).toFixed(1)} s)`);
        return result;
    };

    const skipReason = check.skipReason(ctx);
    if (skipReason !== undefined) return finish({ status: "skip", message: skipReason });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<CheckOutcome>((resolve) => {
        timer = setTimeout(() => {
            controller.abort(new Error(`deadline of ${timeoutMs} ms passed`));
            resolve(
                fail({
                    expected: `the check to finish within ${timeoutMs} ms`,
                    got: `still running; last step: ${lastProgress}`,
                    cause: "the gateway is slow or a batch interval is longer than the timeout (raise --check-timeout-ms / --spend-log-timeout-ms)",
                }),
            );
        }, timeoutMs);
    });
    const ran = check.run(ctx).catch((err: unknown): CheckOutcome => {
        if (err instanceof CheckFailure) return fail(err.detail);
        return fail({ expected: "the check to run to completion", got: `an error: ${describeError(err)}`, cause: "a bug in the check or an unexpected gateway answer" });
    });
    try {
        return finish(await Promise.race([ran, timedOut]));
    } finally {
        clearTimeout(timer);
        controller.abort(new Error("check finished"));
    }
}
