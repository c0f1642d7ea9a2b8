/**
 * LiteLLM release numbers in image tags and chart versions. Pure; shared by the pin (`defaults.ts`), image checks
 * (`image.ts`) and the policy pack. Parsing, ordering and printing live in verify/litellm-version.ts, re-exported here.
 */

import { compareVersions, parseVersion, type Version } from "../verify/litellm-version";

export { compareVersions, formatVersion, parseVersion, type Version } from "../verify/litellm-version";

/**
 * Extracts the LiteLLM release from an image tag: `v1.83.10-stable`, `main-v1.82.8`, `1.108.7`,
 * `v1.82.3-stable.patch.2`, `litellm_stable_release_branch-v1.83.10`.
 */
export function liteLLMVersionFromTag(tag: string): Version | undefined {
    const m = /(?:^|[^0-9.])v?(\d+)\.(\d+)\.(\d+)(?![0-9])/.exec(tag);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** 1.84.0 dropped the `-stable` suffix from image tags. */
const PLAIN_TAG_SCHEME_SINCE: Version = [1, 84, 0];

/** The image tag LiteLLM publishes for a release: `v1.83.10-stable` before 1.84.0, `v1.108.7` since. */
export function liteLLMImageTag(version: string): string {
    const v = parseVersion(version);
    if (!v) throw new Error(`'${version}' is not a LiteLLM release number (major.minor.patch)`);
    return compareVersions(v, PLAIN_TAG_SCHEME_SINCE) >= 0 ? `v${version}` : `v${version}-stable`;
}
