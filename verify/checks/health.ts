/**
 * `health`: the process is alive and the database is really wired. Readiness reporting
 * `db: "connected"` is what makes keys, budgets and spend logs possible at all.
 *
 * Since 1.104 the public readiness body is only `{status, db}` and answers 503 when a configured database
 * is not connected; the version and the rest moved behind authentication, to `/health/readiness/details`.
 * Up to 1.83 the public body carries everything. Both are read.
 */
import { gatewayRequest } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import { fail, pass } from "../outcome";
import type { CheckDefinition } from "../types";
import { reportedVersion, type ReadinessBody } from "./reported-version";

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
        const ready = await gatewayRequest(ctx, { method: "GET", url: "/health/readiness" });
        const body = (ready.data ?? {}) as ReadinessBody;
        if (ready.status === 503) {
            return fail({
                expected: "GET /health/readiness → 200",
                got: `${describeResponse(ready)}, db: ${JSON.stringify(body.db)}, status: ${JSON.stringify(body.status)}`,
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
                got: `db: ${JSON.stringify(body.db)}, status: ${JSON.stringify(body.status)}`,
                cause: "DATABASE_URL is unset or the database is unreachable: virtual keys, budgets and spend logs cannot work",
            });
        }
        return pass(`alive; ready with db connected (LiteLLM ${await reportedVersion(ctx, body)})`);
    },
};
