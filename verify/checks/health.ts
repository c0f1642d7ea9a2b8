/**
 * `health`: the process is alive and the database is really wired. Readiness reporting
 * `db: "connected"` is what makes keys, budgets and spend logs possible at all.
 *
 * Since 1.104 the public readiness body is only `{status, db}` and answers 503 when a configured database
 * is not connected; the version and the rest moved behind authentication, to `/health/readiness/details`.
 * Up to 1.83 the public body carries everything. Both are read.
 *
 * A database that is not connected is asked again, with backoff, for up to a third of the check's timeout
 * (10 s at most): on a starved host LiteLLM's own database probe can time out and report "disconnected" for a
 * moment (measured under a CPU hog on both cores, issue #25), and a Postgres that restarts comes back within
 * seconds. Only a database still not connected then fails the check; a pass says how many asks it took.
 */
import { gatewayRequest } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import { fail, pass } from "../outcome";
import { pollUntil } from "../poll";
import type { AxiosResponse } from "axios";
import type { CheckContext, CheckDefinition } from "../types";
import { reportedVersion, type ReadinessBody } from "./reported-version";

/** The longest the check waits for readiness to report the database connected. */
const READINESS_WAIT_CAP_MS = 10_000;

const dbConnected = (ready: AxiosResponse) => ready.status === 200 && ((ready.data ?? {}) as ReadinessBody).db === "connected";

/** Readiness, asked again while the database is not connected, within the wait. */
async function readiness(ctx: CheckContext): Promise<{ ready: AxiosResponse; attempts: number; waitedMs: number }> {
    const started = Date.now();
    const deadline = Math.min(started + Math.min(READINESS_WAIT_CAP_MS, ctx.options.checkTimeoutMs / 3), ctx.deadline - ctx.options.requestTimeoutMs);
    let last: AxiosResponse | undefined;
    const result = await pollUntil(
        async () => {
            last = await gatewayRequest(ctx, { method: "GET", url: "/health/readiness" });
            const body = (last.data ?? {}) as ReadinessBody;
            // Draining and other answers are not a database coming back: judge them at once.
            if (dbConnected(last) || (last.status !== 503 && last.status !== 200) || body.status === "shutting_down") return { done: true, value: last };
            return { done: false, reason: `readiness ${last.status}, db ${JSON.stringify(body.db)}` };
        },
        { deadline, signal: ctx.signal, initialDelayMs: 500, onWait: ({ reason, remainingMs }) => ctx.log(`${reason}; asking again (${Math.round(remainingMs / 1000)} s left)`) },
    );
    return { ready: result.done ? result.value : (last as AxiosResponse), attempts: result.attempts, waitedMs: Date.now() - started };
}

export const healthCheck: CheckDefinition = {
    id: "health",
    title: "liveliness and readiness (database connected)",
    skipReason: () => undefined,
    async run(ctx) {
        const live = await gatewayRequest(ctx, { method: "GET", url: "/health/liveliness" });
        if (live.status !== 200) {
            return fail({
                expected: `GET /health/liveliness → 200 "I'm alive!"`,
                got: describeResponse(live),
                cause: live.status === 404 ? "the URL does not point at a LiteLLM proxy (wrong --gateway-url or path prefix)" : "the proxy process is not serving",
            });
        }
        const { ready, attempts, waitedMs } = await readiness(ctx);
        const body = (ready.data ?? {}) as ReadinessBody;
        const asked = attempts > 1 ? ` (asked ${attempts} times over ${(waitedMs / 1000).toFixed(1)} s)` : "";
        if (ready.status === 503) {
            return fail({
                expected: "GET /health/readiness → 200",
                got: `${describeResponse(ready)}, db: ${JSON.stringify(body.db)}, status: ${JSON.stringify(body.status)}${asked}`,
                cause:
                    body.status === "shutting_down"
                        ? "the proxy is shutting down (draining) and has left rotation"
                        : `the proxy reports its database ${JSON.stringify(body.db ?? "unavailable")}: Postgres is unreachable, the credentials are wrong, or its connection pool has stalled`,
            });
        }
        if (ready.status !== 200) {
            return fail({ expected: "GET /health/readiness → 200", got: describeResponse(ready), cause: "the proxy is not ready" });
        }
        if (body.db !== "connected") {
            return fail({
                expected: `readiness db: "connected"`,
                got: `db: ${JSON.stringify(body.db)}, status: ${JSON.stringify(body.status)}${asked}`,
                cause: "DATABASE_URL is unset or the database is unreachable: virtual keys, budgets and spend logs cannot work",
            });
        }
        return pass(`alive; ready with db connected${attempts > 1 ? ` after ${attempts} asks over ${(waitedMs / 1000).toFixed(1)} s` : ""} (LiteLLM ${await reportedVersion(ctx, body)})`);
    },
};
