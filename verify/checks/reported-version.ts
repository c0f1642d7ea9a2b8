/**
 * The LiteLLM release a proxy says it runs. Up to 1.83 the public `/health/readiness` body carries
 * `litellm_version`; since 1.104 only `/health/readiness/details` (authenticated) does. `health` prints it,
 * `security` judges it against the advisory table.
 */
import { bearer, gatewayRequest } from "../gateway-calls";
import { describeResponse } from "../gateway-response";
import type { CheckContext } from "../types";

export interface ReadinessBody {
    db?: unknown;
    status?: unknown;
    litellm_version?: unknown;
}

const versionOf = (body: ReadinessBody): string | undefined => (typeof body.litellm_version === "string" ? body.litellm_version : undefined);

/** The release the proxy reports: from the public body (≤ 1.83), else the authenticated details (≥ 1.104). */
export async function reportedVersion(ctx: CheckContext, publicBody: ReadinessBody): Promise<string> {
    const fromPublic = versionOf(publicBody);
    if (fromPublic) return fromPublic;
    const details = await gatewayRequest(ctx, { method: "GET", url: "/health/readiness/details", headers: bearer(ctx.options.masterKey) });
    const fromDetails = details.status === 200 ? versionOf((details.data ?? {}) as ReadinessBody) : undefined;
    return fromDetails ?? `unknown: /health/readiness/details answered ${describeResponse(details)}`;
}

/** The reported release, reading the public readiness body first. */
export async function liveVersion(ctx: CheckContext): Promise<string> {
    const ready = await gatewayRequest(ctx, { method: "GET", url: "/health/readiness" });
    return reportedVersion(ctx, (ready.status === 200 ? (ready.data ?? {}) : {}) as ReadinessBody);
}
