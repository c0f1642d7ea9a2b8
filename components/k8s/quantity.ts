/**
 * Kubernetes quantities in the canonical form the API server returns them in (`1024Mi` reads back as `1Gi`,
 * `1000m` as `1`). A resource written in another spelling differs from its own read-back, so a refresh
 * shows a change nobody made. Pure; applies to every quantity the stacks set on Pulumi-managed objects.
 */

const BINARY = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const DECIMAL = ["", "k", "M", "G", "T", "P", "E"];

/** `mb` mebibytes, canonical: `512Mi`, `1Gi`, `1536Mi`. */
export function mebibytes(mb: number): string {
    if (!Number.isInteger(mb) || mb < 0) throw new Error(`mebibytes takes whole, non-negative MiB, got ${mb}`);
    return canonicalQuantity(`${mb}Mi`);
}

/** Splits `1.5Gi` into an exact fraction: digits (BigInt), decimal places, suffix. */
function parse(text: string): { digits: bigint; places: number; suffix: string } {
    const m = /^(\d+)(?:\.(\d+))?(m|Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(text);
    if (!m) throw new Error(`'${text}' is not a Kubernetes quantity this project writes (e.g. 500m, 1, 256Mi, 2Gi)`);
    const fraction = m[2] ?? "";
    return { digits: BigInt(m[1] + fraction), places: fraction.length, suffix: m[3] ?? "" };
}

const pow = (base: bigint, e: number) => base ** BigInt(e);

/** The API server's spelling of a quantity. Throws on values finer than 1 byte / 1 milli-unit. */
export function canonicalQuantity(text: string): string {
    const { digits, places, suffix } = parse(text);
    const scale = pow(10n, places);
    const binary = BINARY.indexOf(suffix);
    if (suffix !== "" && binary > 0) {
        const bytes = digits * pow(1024n, binary);
        if (bytes % scale !== 0n) throw new Error(`'${text}' is not a whole number of bytes`);
        const value = bytes / scale;
        let e = BINARY.length - 1;
        while (e > 0 && (value === 0n || value % pow(1024n, e) !== 0n)) e--;
        return `${value / pow(1024n, e)}${BINARY[e]}`;
    }
    const exponent = suffix === "m" ? -1 : DECIMAL.indexOf(suffix);
    const milli = digits * pow(1000n, exponent + 1);
    if (milli % scale !== 0n) throw new Error(`'${text}' is finer than one milli-unit`);
    const value = milli / scale;
    if (value % 1000n !== 0n) return `${value}m`;
    const units = value / 1000n;
    let e = DECIMAL.length - 1;
    while (e > 0 && (units === 0n || units % pow(1000n, e) !== 0n)) e--;
    return `${units / pow(1000n, e)}${DECIMAL[e]}`;
}

/** The amount a quantity stands for, in base units (cores, bytes): `500m` -> 0.5, `1Gi` -> 1073741824. */
export function quantityValue(text: string): number {
    const { digits, places, suffix } = parse(text);
    const binary = BINARY.indexOf(suffix);
    const scale = suffix === "m" ? 1e-3 : suffix !== "" && binary > 0 ? 1024 ** binary : 1000 ** Math.max(DECIMAL.indexOf(suffix), 0);
    return (Number(digits) / 10 ** places) * scale;
}
