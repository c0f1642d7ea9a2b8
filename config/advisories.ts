/**
 * Whether a LiteLLM release may be deployed, in the words config validation and the policy pack both print.
 * The advisory table and the rule that judges a release with its accepted advisories live in a leaf the
 * engine shares (verify/advisories.ts), so the runtime `security` check refuses exactly what these refuse.
 */
import { describeHit, judgeRelease, LITELLM_FLOOR, type AcceptedAdvisory } from "../verify/advisories";
import { formatVersion, type Version } from "./litellm-release";

export {
    acceptanceProblem, advisoriesAffecting, describeHit, findAdvisory, judgeRelease, LITELLM_ADVISORIES, LITELLM_FLOOR, MAX_ACCEPTANCE_DAYS,
    type AcceptedAdvisory, type Advisory, type AdvisoryHit, type AdvisoryVerdict,
} from "../verify/advisories";

/**
 * Why a LiteLLM release must not be deployed (each advisory not accepted, with its first fixed release and,
 * for a listed one, why its acceptance does not hold), or undefined. `accepted` is `gateway.acceptedAdvisories`.
 */
export function liteLLMVersionProblem(version: Version, accepted: readonly Partial<AcceptedAdvisory>[] = [], now: Date = new Date()): string | undefined {
    const shown = formatVersion(version);
    const floor = formatVersion(LITELLM_FLOOR);
    const verdict = judgeRelease(version, accepted, now);
    if (verdict.refused.length > 0) {
        const listed = verdict.refused.map((r) => (r.why ? `${describeHit(r.hit)}, ${r.why}` : describeHit(r.hit))).join("; ");
        return `LiteLLM ${shown} is affected by ${listed}. Use ${floor} or newer, the first release clear of every known advisory`;
    }
    if (verdict.belowFloor) return `LiteLLM ${shown} predates ${floor}, the first supported release clear of every known advisory; use ${floor} or newer`;
    return undefined;
}
