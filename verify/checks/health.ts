/**
 * `health`: the process is alive and the database is really wired. Readiness reporting
 * `db: "connected"` is what makes keys, budgets and spend logs possible at all.
 */
import { gatewayRequest } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import { fail, pass } from "../outcome";
import type { CheckDefinition } from "../types";

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
        const body = (ready.data ?? {}) as { db?: unknown; status?: unknown; litellm_version?: unknown };
        if (ready.status !== 200) {
            return fail({
                expected: "GET /health/readiness → 200",
                got: describeResponse(ready),
                cause: ready.status === 503 ? "the readiness DB check failed: Postgres unreachable or credentials wrong" : "the proxy is not ready",
            });
        }
        if (body.db !== "connected") {
            return fail({
                expected: `readiness db: "connected"`,
                got: `db: ${JSON.stringify(body.db)}, status: ${JSON.stringify(body.status)}`,
                cause: "DATABASE_URL is unset or the database is unreachable: virtual keys, budgets and spend logs cannot work",
            });
        }
        const version = typeof body.litellm_version === "string" ? body.litellm_version : "unknown";
        return pass(`alive; ready with db connected (LiteLLM ${version})`);
    },
};
