/**
 * The test SSN the guardrail checks send, and how to find its digits wherever they land (an upstream
 * request, a spend-log row, a Langfuse trace). Pure functions.
 *
 * `219-09-9999` is a number SSA printed in advertising: Presidio's UsSsnRecognizer flags it (0.85 with
 * "SSN" among the 5 preceding words), while the obvious `123-45-6789` is rejected by its invalidation rules
 * and would never be masked (langfuse-presidio.md §8).
 */

export const TEST_SSN = "219-09-9999";

/** What Presidio's default `replace` operator leaves in place of an SSN (langfuse-presidio.md §7). */
export const MASKED_SSN = "<US_SSN>";

/**
 * The SSN's digit groups with any short run of separators between them (dashes, spaces, dots, none):
 * a leak is a leak whatever the formatting, so "219 09 9999" and "219099999" count too.
 */
export function ssnDigitsPattern(ssn: string = TEST_SSN): RegExp {
    const groups = ssn.split(/\D+/).filter((g) => g.length > 0);
    return new RegExp(groups.join("[^0-9A-Za-z]{0,2}"));
}

/** True when `text` holds the SSN's digits in any format. */
export function holdsSsnDigits(text: string, ssn: string = TEST_SSN): boolean {
    return ssnDigitsPattern(ssn).test(text);
}

/** `text` with every occurrence of the SSN's digits replaced, for messages that quote gateway answers. */
export function redactSsnDigits(text: string, ssn: string = TEST_SSN): string {
    return text.replace(new RegExp(ssnDigitsPattern(ssn).source, "g"), "[test SSN]");
}

const MAX_DEPTH = 12;

/** A string holding a JSON object or array (Json columns, trace inputs), parsed; else undefined. */
export function parsedJson(text: string): unknown {
    const t = text.trim();
    if (!t.startsWith("{") && !t.startsWith("[")) return undefined;
    try {
        return JSON.parse(t);
    } catch {
        return undefined;
    }
}

/**
 * Paths (`proxy_server_request.body.messages[0].content`) of every string in `value` that holds the SSN's
 * digits. Only strings are searched, so a float such as a spend figure can never look like a leak; strings
 * holding JSON (Json columns, trace inputs) are opened, so the path points inside them.
 */
export function ssnLeakPaths(value: unknown, ssn: string = TEST_SSN, path = "", depth = 0): string[] {
    if (depth > MAX_DEPTH || value === null || value === undefined) return [];
    if (typeof value === "string") {
        if (!holdsSsnDigits(value, ssn)) return [];
        const inner = parsedJson(value);
        const nested = inner === undefined ? [] : ssnLeakPaths(inner, ssn, path, depth + 1);
        return nested.length > 0 ? nested : [path || "(value)"];
    }
    if (Array.isArray(value)) return value.flatMap((v, i) => ssnLeakPaths(v, ssn, `${path}[${i}]`, depth + 1));
    if (typeof value !== "object") return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => ssnLeakPaths(v, ssn, path ? `${path}.${k}` : k, depth + 1));
}

/** Every string in `value`, joined: for "is the masked token / the marker in there" questions. */
export function allText(value: unknown, depth = 0): string {
    if (depth > MAX_DEPTH || value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return value.map((v) => allText(v, depth + 1)).join("\n");
    if (typeof value === "object") return Object.values(value as Record<string, unknown>).map((v) => allText(v, depth + 1)).join("\n");
    return "";
}
