/**
 * LiteLLM images at known-compromised or known-vulnerable versions are denied (litellm.md §13):
 * - 1.82.7 and 1.82.8: malicious PyPI releases carrying a credential stealer (OSV MAL-2026-2144);
 * - 1.81.16 – 1.83.6: CVE-2026-42208, pre-auth SQL injection in API-key verification, exploited in the wild;
 * - anything below 1.83.10, the release the advisory (GHSA-r75f-5x8p-qvmc) recommends.
 * A tag we cannot read a version from cannot be proven safe, so it is denied too.
 */
import { formatVersion, isLiteLLMImage, liteLLMTagProblem, MIN_SAFE_LITELLM, parseImageRef } from "../../config/image";
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
                `Fix: use a release >= ${formatVersion(MIN_SAFE_LITELLM)}, e.g. "${ref?.repository ?? "ghcr.io/berriai/litellm"}:v${formatVersion(MIN_SAFE_LITELLM)}-stable" (keep the version tag next to any digest).`,
        ];
    });
}

export const liteLLMVersionRule: ResourceRule = {
    name: "litellm-no-vulnerable-version",
    description: `LiteLLM images must be ${formatVersion(MIN_SAFE_LITELLM)} or newer: 1.82.7/1.82.8 were compromised and 1.81.16 – 1.83.6 are open to CVE-2026-42208.`,
    enforcementLevel: "mandatory",
    severity: "critical",
    resourceTypes: IMAGE_RULE_TYPES,
    check: checkLiteLLMVersion,
};
