/**
 * Every advisory against LiteLLM releases we know of, as data, and the rule that judges a release against it
 * with the advisories a deployment accepted. A leaf (it imports only the version helpers) that every door
 * shares: config validation (refuse before deploy, config/advisories.ts), the policy pack (refuse in preview)
 * and the engine's `security` check (refuse what is running). Sources: ../shared/reference litellm-current.md
 * §2 and litellm.md §13. To add one, add a row; the tests cover every row.
 */
import { compareVersions, formatVersion, type Version } from "./litellm-version";

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

/** Each id an advisory goes by: `CVE-2026-49468 / GHSA-4xpc-pv4p-pm3w` -> both. */
export const advisoryIds = (advisory: Advisory): string[] => advisory.id.split(" / ");

/** The advisory `id` names, as any one of its ids or the whole `A / B` row (case-insensitive), if we know it. */
export function findAdvisory(id: string): Advisory | undefined {
    const wanted = id.trim().toUpperCase();
    return LITELLM_ADVISORIES.find((a) => a.id.toUpperCase() === wanted || advisoryIds(a).some((alias) => alias.toUpperCase() === wanted));
}

/** `CVE-… (what an attacker gets; fixed in 1.84.0)`: how every door names a hit. */
export const describeHit = (hit: AdvisoryHit) => `${hit.advisory.id} (${hit.advisory.summary}; fixed in ${formatVersion(hit.fixedIn)})`;

/**
 * An advisory a deployment runs with on purpose (`gateway.acceptedAdvisories`): an explicit, reviewed
 * exception, like Trivy's `.trivyignore` with `exp:`. `id` is any of the advisory's ids.
 */
export interface AcceptedAdvisory {
    id: string;
    /** Why it is acceptable for now (a pending upgrade, a vendor hold). Required, non-empty. */
    reason: string;
    /** `YYYY-MM-DD` (UTC), the last day the exception holds; at most MAX_ACCEPTANCE_DAYS ahead. */
    expires: string;
}

/** How far ahead an acceptance may expire: long enough for a planned upgrade, short enough to be reviewed again. */
export const MAX_ACCEPTANCE_DAYS = 90;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `YYYY-MM-DD` as the epoch ms of that day's UTC midnight; undefined when it is not a real date. */
function dayOf(text: unknown): number | undefined {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(ms) || isoDay(ms) !== text ? undefined : ms;
}

/**
 * Why an acceptance does not hold at `now`, or undefined when it does: a non-empty reason, and an expiry that
 * has not passed (the exception holds through its `expires` day, UTC) and lies at most MAX_ACCEPTANCE_DAYS ahead.
 */
export function acceptanceProblem(entry: Partial<AcceptedAdvisory>, now: Date): string | undefined {
    if (typeof entry.reason !== "string" || entry.reason.trim() === "") return "it gives no reason";
    const expires = dayOf(entry.expires);
    if (expires === undefined) return `its expiry ${JSON.stringify(entry.expires ?? null)} is not a date (YYYY-MM-DD)`;
    const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
    if (expires < today) return `it expired on ${entry.expires}`;
    const latest = today + MAX_ACCEPTANCE_DAYS * DAY_MS;
    if (expires > latest) return `its expiry ${entry.expires} is more than ${MAX_ACCEPTANCE_DAYS} days ahead (at most ${isoDay(latest)})`;
    return undefined;
}

export interface AdvisoryVerdict {
    /** Every advisory the release is affected by. */
    hits: AdvisoryHit[];
    /** Hits the deployment accepted, each with its valid acceptance. */
    accepted: { hit: AdvisoryHit; entry: AcceptedAdvisory }[];
    /** Hits that stop the release: not listed, or listed with an acceptance that does not hold (`why`). */
    refused: { hit: AdvisoryHit; why?: string }[];
    /** No advisory hits, but the release predates LITELLM_FLOOR: its line is out of support. */
    belowFloor: boolean;
}

/**
 * Judges a release: it may run when every advisory affecting it is accepted by an acceptance that holds at
 * `now`. The floor refuses an unaffected release of an unsupported line; acceptances cover advisories only.
 */
export function judgeRelease(version: Version, accepted: readonly Partial<AcceptedAdvisory>[], now: Date): AdvisoryVerdict {
    const hits = advisoriesAffecting(version);
    const verdict: AdvisoryVerdict = { hits, accepted: [], refused: [], belowFloor: hits.length === 0 && compareVersions(version, LITELLM_FLOOR) < 0 };
    for (const hit of hits) {
        const entry = accepted.find((e) => typeof e.id === "string" && findAdvisory(e.id) === hit.advisory);
        const why = entry ? acceptanceProblem(entry, now) : undefined;
        if (entry && why === undefined) verdict.accepted.push({ hit, entry: entry as AcceptedAdvisory });
        else verdict.refused.push(entry ? { hit, why: `accepted in gateway.acceptedAdvisories as "${entry.id}", but ${why}` } : { hit });
    }
    return verdict;
}
