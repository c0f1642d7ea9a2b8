/**
 * LiteLLM images at a release any advisory affects, or below the floor, are denied, unless the stack accepts
 * every advisory affecting it (`gateway.acceptedAdvisories`, each with a reason and an expiry at most 90 days
 * ahead). The table and the judge are the ones config validation and the runtime `security` check use, so
 * preview, `up` and the running gateway refuse alike. A tag we cannot read a version from cannot be proven
 * safe, so it is denied too. Each accepted advisory is reported by an advisory-level rule in every preview,
 * so the exception stays in sight until it is gone.
 */
import { describeHit, judgeRelease, LITELLM_FLOOR, MAX_ACCEPTANCE_DAYS } from "../../config/advisories";
import { isLiteLLMImage, liteLLMTagProblem, parseImageRef } from "../../config/image";
import { formatVersion, liteLLMImageTag, liteLLMVersionFromTag } from "../../config/litellm-release";
import { IMAGE_RULE_TYPES, imageSources, type ImageSource } from "./imageSources";
import type { Props, ResourceRule, RuleContext } from "./types";

/** No acceptances, judged now: what a rule sees when its caller passes no context. */
const NO_ACCEPTANCES = (): RuleContext => ({ acceptedAdvisories: [], now: new Date() });

const liteLLMSources = (type: string, props: Props): ImageSource[] => imageSources(type, props).filter(({ reference }) => isLiteLLMImage(reference));

export function checkLiteLLMVersion(type: string, props: Props, context: RuleContext = NO_ACCEPTANCES()): string[] {
    return liteLLMSources(type, props).flatMap(({ where, reference }) => {
        const ref = parseImageRef(reference.trim().toLowerCase());
        const problem = liteLLMTagProblem(ref?.tag, reference, context.acceptedAdvisories, context.now);
        if (problem === undefined) return [];
        return [
            `LiteLLM image "${reference}" at \`${where}\` is denied: ${problem}. ` +
                `Fix: use a release >= ${formatVersion(LITELLM_FLOOR)}, e.g. "${ref?.repository ?? "ghcr.io/berriai/litellm"}:${liteLLMImageTag(formatVersion(LITELLM_FLOOR))}" (keep the version tag next to any digest), ` +
                `or accept each advisory in the stack's gateway.acceptedAdvisories with a reason and an expiry at most ${MAX_ACCEPTANCE_DAYS} days ahead.`,
        ];
    });
}

/** One finding per advisory the stack accepts for a LiteLLM image it runs: the exception, its reason and its end. */
export function checkAcceptedAdvisories(type: string, props: Props, context: RuleContext = NO_ACCEPTANCES()): string[] {
    return liteLLMSources(type, props).flatMap(({ where, reference }) => {
        const tag = parseImageRef(reference.trim().toLowerCase())?.tag;
        const version = tag ? liteLLMVersionFromTag(tag) : undefined;
        if (!version) return [];
        return judgeRelease(version, context.acceptedAdvisories, context.now).accepted.map(
            ({ hit, entry }) =>
                `LiteLLM image "${reference}" at \`${where}\` runs with the accepted advisory ${describeHit(hit)} until ${entry.expires}: "${entry.reason}". ` +
                `Fix: move to ${formatVersion(hit.fixedIn)} or newer before then, and drop the entry from gateway.acceptedAdvisories.`,
        );
    });
}

export const liteLLMVersionRule: ResourceRule = {
    name: "litellm-no-vulnerable-version",
    description: `LiteLLM images must be ${formatVersion(LITELLM_FLOOR)} or newer, the first release clear of every known advisory (config/advisories.ts), unless the stack accepts each advisory (gateway.acceptedAdvisories).`,
    enforcementLevel: "mandatory",
    severity: "critical",
    resourceTypes: IMAGE_RULE_TYPES,
    check: checkLiteLLMVersion,
};

export const acceptedAdvisoriesRule: ResourceRule = {
    name: "litellm-accepted-advisories",
    description: "Reports each advisory a LiteLLM image runs with because the stack accepts it (gateway.acceptedAdvisories), with its reason and expiry.",
    enforcementLevel: "advisory",
    severity: "high",
    resourceTypes: IMAGE_RULE_TYPES,
    check: checkAcceptedAdvisories,
};
