/**
 * Turning whatever the engine or the mocks hand us into plain data the rules can read without throwing.
 *
 * - In `pulumi preview`, the policy SDK wraps props in a proxy that THROWS on reading an unknown value, which
 *   would turn the whole policy into an advisory "can't run during preview" note. Reading each field once
 *   here, and replacing unknowns by `UNKNOWN`, lets every other field of the resource still be checked.
 * - Under mocks, inputs carry secret wrappers (`{<sig>: <secret sig>, value}`) and the unknown sentinel string.
 *   Policies see secrets unwrapped, so we unwrap them too: the rules judge structure, not secretness.
 */

/** Marks a value the engine cannot know yet (preview). Rules skip it: unknown is neither pass nor fail. */
export const UNKNOWN: unique symbol = Symbol("unknown-during-preview");

const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The sentinels of @pulumi/policy `proxy.ts` (the string one is also what mocks record for unknowns). */
const UNKNOWN_SENTINELS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknown(v: unknown): v is typeof UNKNOWN {
    return v === UNKNOWN;
}

function readField(source: unknown, key: string | number): unknown {
    try {
        return (source as Record<string | number, unknown>)[key];
    } catch {
        // Only the preview proxy throws on a plain read; whatever it guards is unknown.
        return UNKNOWN;
    }
}

/** Deep copy into plain data: secrets unwrapped, unknowns (sentinels or throwing reads) become `UNKNOWN`. */
export function normalizeProps(value: unknown, depth = 0): unknown {
    // Props are JSON-like; a depth cap keeps a pathological (cyclic) value from hanging a preview.
    if (depth > 64) return UNKNOWN;
    if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
    if (value === null || typeof value !== "object") return value;
    if (readField(value, SPECIAL_SIG_KEY) === SECRET_SIG) return normalizeProps(readField(value, "value"), depth + 1);
    if (Array.isArray(value)) {
        const length = readField(value, "length");
        if (typeof length !== "number") return UNKNOWN;
        return Array.from({ length }, (_, i) => normalizeProps(readField(value, i), depth + 1));
    }
    let keys: string[];
    try {
        keys = Object.keys(value);
    } catch {
        return UNKNOWN;
    }
    return Object.fromEntries(keys.map((k) => [k, normalizeProps(readField(value, k), depth + 1)]));
}

export function asRecord(v: unknown): Record<string, unknown> | undefined {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function asArray(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
    return typeof v === "string" ? v : undefined;
}

/** Reads a nested field; any missing or non-object step yields `undefined` (an `UNKNOWN` step yields `UNKNOWN`). */
export function dig(v: unknown, ...path: string[]): unknown {
    let current = v;
    for (const key of path) {
        if (isUnknown(current)) return UNKNOWN;
        const record = asRecord(current);
        if (!record) return undefined;
        current = record[key];
    }
    return current;
}

/** Calls `visit` on every string leaf with its dotted path (array indexes as `[i]`). */
export function forEachString(v: unknown, visit: (path: string, key: string, value: string) => void, path = ""): void {
    if (typeof v === "string") {
        visit(path, lastKey(path), v);
    } else if (Array.isArray(v)) {
        v.forEach((x, i) => forEachString(x, visit, `${path}[${i}]`));
    } else {
        const record = asRecord(v);
        if (!record) return;
        for (const [k, x] of Object.entries(record)) forEachString(x, visit, path ? `${path}.${k}` : k);
    }
}

function lastKey(path: string): string {
    const withoutIndexes = path.replace(/\[\d+\]$/g, "");
    const dot = withoutIndexes.lastIndexOf(".");
    return dot >= 0 ? withoutIndexes.slice(dot + 1) : withoutIndexes;
}
