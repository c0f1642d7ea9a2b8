/**
 * Which read API a Langfuse server offers, from `GET /api/public/health` → `{"status":"OK","version":"4.16.0"}`
 * (langfuse-presidio.md §1). v4 runs `events_only`: the v1 traces API answers 404 and traces are read
 * through `/api/public/v2/observations`; v3 (and v2) serve `/api/public/traces` and have no v2 observations.
 */

export interface LangfuseHealth {
    status: string;
    /** Without a leading `v`, e.g. `4.16.0`. */
    version: string;
}

export type ReadApi = "v1-traces" | "v2-observations";

/** The health body, or undefined when it is not Langfuse's `{status, version}` shape. */
export function parseHealth(body: unknown): LangfuseHealth | undefined {
    if (!body || typeof body !== "object") return undefined;
    const { status, version } = body as { status?: unknown; version?: unknown };
    if (typeof status !== "string" || typeof version !== "string") return undefined;
    return { status, version };
}

/** The major of a version string (`4.16.0`, `v3.225.4`), or undefined. */
export function majorOf(version: string): number | undefined {
    const m = /^v?(\d+)\.\d+/.exec(version.trim());
    return m ? Number(m[1]) : undefined;
}

/** The read API for a server major (v2 is end of life but reads like v3; later majors keep the v2 API). */
export function readApiFor(major: number): ReadApi | undefined {
    if (major >= 4) return "v2-observations";
    if (major === 2 || major === 3) return "v1-traces";
    return undefined;
}
