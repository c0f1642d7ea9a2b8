/**
 * LiteLLM release numbers: parsing, ordering and printing. A leaf with no imports, so the engine (the
 * `security` check reads the live release) and config (the pin, image tags, the policy pack) share it.
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
