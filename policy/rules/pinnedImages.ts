/**
 * Images are pinned. A moving tag lets the registry change what runs without a Pulumi diff, which is
 * how a compromised or broken release reaches production unreviewed.
 */
import { imagePinProblem, isImageId, parseImageRef } from "../../config/image";
import { IMAGE_RULE_TYPES, imageSources } from "./imageSources";
import type { Props, ResourceRule } from "./types";

export function checkImagesPinned(type: string, props: Props): string[] {
    return imageSources(type, props).flatMap(({ where, reference, fixHint }) => {
        const reason = imagePinProblem(reference);
        return reason === undefined ? [] : [`Image "${reference}" at \`${where}\` is not pinned: ${reason}. Fix: ${fixHint}.`];
    });
}

export function checkImagesPinnedByDigest(type: string, props: Props): string[] {
    return imageSources(type, props).flatMap(({ where, reference }) => {
        if (isImageId(reference) || parseImageRef(reference)?.digest !== undefined) return [];
        return [
            `Image "${reference}" at \`${where}\` is pinned by tag only; a tag can be re-pushed. ` +
                `Fix: append the content digest, e.g. "${reference}@sha256:<digest>" (find it with \`docker buildx imagetools inspect ${reference}\`).`,
        ];
    });
}

export const imagesPinnedRule: ResourceRule = {
    name: "images-pinned",
    description: "Every image is pinned to an exact version or a digest: no latest, stable, main-latest, main-stable or missing tag.",
    enforcementLevel: "mandatory",
    severity: "high",
    resourceTypes: IMAGE_RULE_TYPES,
    check: checkImagesPinned,
};

export const imagesPinnedByDigestRule: ResourceRule = {
    name: "images-pinned-by-digest",
    description: "Images should also carry a sha256 digest, so the bytes that run are the bytes that were reviewed.",
    enforcementLevel: "advisory",
    severity: "low",
    resourceTypes: IMAGE_RULE_TYPES,
    check: checkImagesPinnedByDigest,
};
