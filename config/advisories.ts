/**
 * Every advisory against LiteLLM releases we know of, as data: one table shared by config validation
 * (refuse before deploy) and the policy pack (refuse in preview). Sources: ../shared/reference
 * litellm-current.md §2 and litellm.md §13. To add one, add a row; the tests cover every row.
 */
import { compareVersions, formatVersion, Version } from "./litellm-release";

export interface Advisory {
    /** The primary id, then aliases: `CVE-2026-49468 / GHSA-4xpc-pv4p-pm3w`. */
    id: string;
    /** One line: what an attacker gets. */
    summary: string;
    /**
     * Affected releases: each range is `from` (inclusive) up to `fixedIn` (exclusive), the first release
     * of that line carrying the fix. Several ranges when the fix was backported to several lines.
     */
    ranges: { from: Version; fixedIn: Version }[];
}

export const LITELLM_ADVISORIES: readonly Advisory[] = [
    {
        id: "MAL-2026-2144",
        summary: "compromised PyPI release carrying a credential stealer",
        ranges: [{ from: [1, 82, 7], fixedIn: [1, 83, 0] }],
    },
    {
        id: "CVE-2026-35030 / CVE-2026-35029 / GHSA-69x8-hrgq-fjj8",
        summary: "auth bypass with JWT auth, privilege escalation through /config/update",
        ranges: [{ from: [0, 0, 0], fixedIn: [1, 83, 0] }],
    },
    {
        id: "CVE-2026-42208 / GHSA-r75f-5x8p-qvmc",
        summary: "pre-auth SQL injection in API-key verification, exploited in the wild",
        ranges: [{ from: [1, 81, 16], fixedIn: [1, 83, 7] }],
    },
    {
        id: "CVE-2026-30623",
        summary: "authenticated remote code execution through MCP stdio servers",
        ranges: [{ from: [0, 0, 0], fixedIn: [1, 83, 7] }],
    },
    {
        id: "CVE-2026-47101 / GHSA-qrc4-49gv-mv9m",
        summary: "allowed_routes on key generate/update not checked against the caller's role",
        ranges: [{ from: [0, 0, 0], fixedIn: [1, 83, 14] }],
    },
    {
        id: "CVE-2026-49468 / GHSA-4xpc-pv4p-pm3w",
        summary: "auth bypass through Host-header injection, CVSS 9.5",
        ranges: [{ from: [0, 0, 0], fixedIn: [1, 84, 0] }],
    },
    {
        id: "PYSEC-2026-4067",
        summary: "the MCP proxy swallowed 401/403 answers",
        ranges: [{ from: [0, 0, 0], fixedIn: [1, 84, 0] }],
    },
    {
        id: "CVE-2026-135287 / GHSA-34v7-jqrg-944p",
        summary: "request-body callbacks register process-wide loggers, leaking prompts",
        ranges: [{ from: [1, 62, 4], fixedIn: [1, 84, 0] }],
    },
    {
        id: "GHSA-g5ff-637f-6q2m",
        summary: "local file read through vertex_ai_credentials on /utils/transform_request",
        ranges: [{ from: [0, 0, 0], fixedIn: [1, 95, 0] }],
    },
    {
        id: "CVE-2026-114612 / GHSA-7hp6-4w63-5g45",
        summary: "forged admin session through salt-key reuse, then remote code execution through MCP stdio",
        ranges: [
            // 1.87–1.90 only with EXPERIMENTAL_UI_LOGIN=true; every one of them is refused for GHSA-g5ff anyway.
            { from: [1, 87, 0], fixedIn: [1, 100, 4] },
            { from: [1, 101, 0], fixedIn: [1, 101, 3] },
            { from: [1, 102, 0], fixedIn: [1, 102, 2] },
            { from: [1, 103, 0], fixedIn: [1, 103, 1] },
        ],
    },
];

/**
 * The oldest release we deploy: the first minor line no advisory above touches at all (1.103.1 carries
 * every fix too, but its line is out of support). A test holds that every range lies below it.
 */
export const LITELLM_FLOOR: Version = [1, 104, 0];

export interface AdvisoryHit {
    advisory: Advisory;
    /** The first release of the hit range's line with the fix. */
    fixedIn: Version;
}

/** The advisories `version` is affected by, with the first fixed release of each. */
export function advisoriesAffecting(version: Version): AdvisoryHit[] {
    return LITELLM_ADVISORIES.flatMap((advisory) =>
        advisory.ranges
            .filter((r) => compareVersions(version, r.from) >= 0 && compareVersions(version, r.fixedIn) < 0)
            .map((r) => ({ advisory, fixedIn: r.fixedIn })),
    );
}

/** Why a LiteLLM release must not be deployed (each advisory with its first fixed release), or undefined. */
export function liteLLMVersionProblem(version: Version): string | undefined {
    const shown = formatVersion(version);
    const floor = formatVersion(LITELLM_FLOOR);
    const hits = advisoriesAffecting(version);
    if (hits.length > 0) {
        const listed = hits.map((h) => `${h.advisory.id} (${h.advisory.summary}; fixed in ${formatVersion(h.fixedIn)})`).join("; ");
        return `LiteLLM ${shown} is affected by ${listed}. Use ${floor} or newer, the first release clear of every known advisory`;
    }
    if (compareVersions(version, LITELLM_FLOOR) < 0) return `LiteLLM ${shown} predates ${floor}, the first supported release clear of every known advisory; use ${floor} or newer`;
    return undefined;
}
