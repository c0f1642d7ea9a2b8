/**
 * LiteLLM images at a release any advisory affects, or below the floor, are denied. The advisories are
 * the same table config validation uses (config/advisories.ts), so preview and `up` refuse alike.
 * A tag we cannot read a version from cannot be proven safe, so it is denied too.
 */
import { LITELLM_FLOOR } from "../../config/advisories";
import { isLiteLLMImage, liteLLMTagProblem, parseImageRef } from "../../config/image";
import { formatVersion, liteLLMImageTag } from "../../config/litellm-release";
import { IMAGE_RULE_TYPES, imageSources } from "./imageSources";
import type { Props, ResourceRule } from "./types";

export function checkLiteLLMVersion(type: string, props: Props): string[] {
    return imageSources(type, props).flatMap(({ where, reference }) => {
        if (!isLiteLLMImage(reference)) return [];
        const ref = parseImageRef(reference.trim().toLowerCase());
        const problem = liteLLMTagProblem(ref?.tag, reference);
        if (problem === undefined) return [];
        return [
            `LiteLLM image "${reference}" at \`${where}\` is denied: ${problem}. ` +
                `Fix: use a release >= ${formatVersion(LITELLM_FLOOR)}, e.g. "${ref?.repository ?? "ghcr.io/berriai/litellm"}:${liteLLMImageTag(formatVersion(LITELLM_FLOOR))}" (keep the version tag next to any digest).`,
        ];
    });
}

export const liteLLMVersionRule: ResourceRule = {
    name: "litellm-no-vulnerable-version",
    description: `LiteLLM images must be ${formatVersion(LITELLM_FLOOR)} or newer, the first release clear of every known advisory (config/advisories.ts).`,
    enforcementLevel: "mandatory",
    severity: "critical",
    resourceTypes: IMAGE_RULE_TYPES,
    check: checkLiteLLMVersion,
};
