/**
 * LiteLLM release numbers: parsing, ordering and printing. Pure; shared by the pin (`defaults.ts`), the
 * advisory table (`advisories.ts`), image checks (`image.ts`) and the policy pack.
 */

export type Version = [number, number, number];

/** `"1.108.7"` -> `[1, 108, 7]`; undefined when the text is not exactly major.minor.patch. */
export function parseVersion(text: string): Version | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export const formatVersion = (v: Version) => v.join(".");

export function compareVersions(a: Version, b: Version): number {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
}

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
