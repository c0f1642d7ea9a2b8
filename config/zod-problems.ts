/**
 * zod issues -> ConfigProblems. Every issue leaves with its key path, the value found there and a fix:
 * the schema's own (`fixed`), or one derived from the issue and the schema at that path (bounds, accepted
 * values, known keys, the `pulumi config set --path` command that writes the field).
 */
import { z } from "zod";
import { ConfigProblem, displayValue, formatPath, shellPath } from "./errors";
import { splitFix } from "./primitives";

/** One top-level config key and what zod said about it. */
export interface SectionIssues {
    project: string;
    /** Top-level key, e.g. `gateway`. */
    section: string;
    schema: z.ZodTypeAny;
    /** The value the key held. */
    value: unknown;
    /** Set with `--secret`: its values are never shown. */
    secret?: boolean;
}

/** What a rejection falls back to when nothing specific is known; the schema-walking test fails on it. */
export const UNSPECIFIC_FIX = "compare it with this key's entry in the README config reference";

/** The schema under optional/default/nullable/refinement wrappers. */
export function unwrapSchema(schema: z.ZodTypeAny): z.ZodTypeAny {
    let s = schema;
    for (;;) {
        if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s._def.innerType;
        else if (s instanceof z.ZodEffects) s = s._def.schema;
        else if (s instanceof z.ZodLazy) s = s.schema;
        else return s;
    }
}

/** The schema validating `path` inside `schema`, or undefined where the path leaves it. */
function schemaAt(schema: z.ZodTypeAny, path: readonly (string | number)[]): z.ZodTypeAny | undefined {
    let s: z.ZodTypeAny | undefined = schema;
    for (const part of path) {
        const u: z.ZodTypeAny = unwrapSchema(s);
        if (u instanceof z.ZodObject && typeof part === "string") s = (u.shape as Record<string, z.ZodTypeAny>)[part];
        else if (u instanceof z.ZodArray && typeof part === "number") s = u.element;
        else if (u instanceof z.ZodRecord) s = u.valueSchema;
        else return undefined;
        if (!s) return undefined;
    }
    return s;
}

/** The value at `path`, or `undefined` when there is none. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
    let v = value;
    for (const part of path) {
        if (v === null || typeof v !== "object") return undefined;
        v = (v as Record<string | number, unknown>)[part];
    }
    return v;
}

/** The field names of an object schema, or undefined when it is not one. */
function fieldsOf(schema: z.ZodTypeAny | undefined): string[] | undefined {
    const u = schema && unwrapSchema(schema);
    return u instanceof z.ZodObject ? Object.keys(u.shape) : undefined;
}

/** The accepted values of an enum, a literal, or a union of literals. */
function choicesOf(schema: z.ZodTypeAny | undefined): unknown[] | undefined {
    const u = schema && unwrapSchema(schema);
    if (u instanceof z.ZodEnum) return u.options as unknown[];
    if (u instanceof z.ZodLiteral) return [u.value];
    if (u instanceof z.ZodUnion) {
        const options = (u.options as z.ZodTypeAny[]).map(choicesOf);
        return options.every((o): o is unknown[] => o !== undefined) ? options.flat() : undefined;
    }
    return undefined;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** The known name closest to a misspelt one, when it is close enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
    const ranked = known.map((k) => ({ k, d: editDistance(name, k) })).sort((a, b) => a.d - b.d);
    return ranked.length > 0 && ranked[0].d <= Math.max(2, Math.floor(name.length / 4)) ? ranked[0].k : undefined;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const setCommand = (path: string, value: string | number) => `\`pulumi config set --path ${shellPath(path)} ${value}\``;

/** The message and fix of one issue; `path` is the config path (`gateway.port`), `value` what it holds. */
function describe(issue: z.ZodIssue, path: string, schema: z.ZodTypeAny | undefined, value: unknown): { message: string; fix: string } {
    const own = splitFix(issue.message);
    if (own.fix !== undefined) return { message: own.message, fix: own.fix };
    const fields = fieldsOf(schema);
    const fieldHint = fields ? ` (fields: ${fields.join(", ")})` : "";
    const choices = choicesOf(schema);
    switch (issue.code) {
        case z.ZodIssueCode.invalid_type: {
            const clearFirst = issue.received === "undefined" ? "" : `remove it with \`pulumi config rm --path ${shellPath(path)}\`, then `;
            if (issue.expected === "object") {
                return {
                    message: issue.received === "undefined" ? "is required" : `must be a map of fields, not ${article(issue.received)}`,
                    fix: `${clearFirst}set its fields one by one with ${setCommand(`${path}.<field>`, "<value>")}${fieldHint}; \`pulumi config set\` without --path replaces the whole key`,
                };
            }
            if (issue.expected === "array") {
                const element = schema && unwrapSchema(schema) instanceof z.ZodArray ? (unwrapSchema(schema) as z.ZodArray<z.ZodTypeAny>).element : undefined;
                const itemFields = fieldsOf(element);
                const itemPath = itemFields ? `${path}[0].${itemFields[0]}` : `${path}[0]`;
                return {
                    message: issue.received === "undefined" ? "is required" : `must be a list, not ${article(issue.received)}`,
                    fix: `${clearFirst}set its items with ${setCommand(itemPath, "<value>")}${itemFields ? `, one field at a time (fields: ${itemFields.join(", ")})` : ""}, or write the list in the stack file`,
                };
            }
            if (issue.received === "undefined") {
                return { message: "is required", fix: choices ? `set it to one of: ${choices.join(", ")}, e.g. ${setCommand(path, String(choices[0]))}` : `set it with ${setCommand(path, `<${issue.expected}>`)}` };
            }
            if (issue.expected === "integer") {
                return { message: "must be a whole number", fix: `use a whole number, e.g. ${setCommand(path, Math.max(1, Math.round(Number(value))))}` };
            }
            if (issue.expected === "number" && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
                const n = value.trim();
                // `pulumi config set --path` stores integers as numbers but every other value as a string.
                const command = Number.isInteger(Number(n)) ? setCommand(path, n) : `${setCommand(path, `${n} --type float`)} (--path alone stores a decimal as a string)`;
                return { message: "must be a number, but it is stored as a string", fix: `run ${command}, or write ${n} unquoted in the stack file` };
            }
            if (choices) return { message: `must be one of: ${choices.join(", ")}`, fix: `use one of: ${choices.join(", ")}` };
            return { message: `must be ${article(issue.expected)}, not ${article(issue.received)}`, fix: `set ${article(issue.expected)}, e.g. ${setCommand(path, `<${issue.expected}>`)}` };
        }
        case z.ZodIssueCode.invalid_enum_value:
        case z.ZodIssueCode.invalid_literal:
        case z.ZodIssueCode.invalid_union:
            if (choices) return { message: `is not an accepted value (expected ${choices.join(" | ")})`, fix: `use one of: ${choices.join(", ")}` };
            return { message: "does not match any accepted form", fix: UNSPECIFIC_FIX };
        case z.ZodIssueCode.too_small:
        case z.ZodIssueCode.too_big: {
            const small = issue.code === z.ZodIssueCode.too_small;
            const bound = Number(issue.code === z.ZodIssueCode.too_small ? issue.minimum : issue.maximum);
            const inclusive = issue.inclusive;
            const relation = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
            if (issue.type === "number") {
                const example = inclusive ? bound : small ? bound + 1 : bound - 1;
                return { message: `must be ${relation} ${bound}`, fix: `use a value ${relation} ${bound}, e.g. ${setCommand(path, example)}` };
            }
            const unit = issue.type === "array" ? "item" : issue.type === "string" ? "character" : "entry";
            return { message: `must have ${relation} ${bound} ${unit}${bound === 1 ? "" : "s"}`, fix: `give it ${relation} ${bound} ${unit}${bound === 1 ? "" : "s"}` };
        }
        case z.ZodIssueCode.invalid_string:
            if (issue.validation === "email") return { message: "is not an e-mail address", fix: `use an address such as ${setCommand(path, "admin@example.com")}` };
            if (issue.validation === "url") return { message: "is not a URL", fix: `use a full URL with its scheme, e.g. ${setCommand(path, "https://example.com")}` };
            return { message: "does not have the expected format", fix: UNSPECIFIC_FIX };
        default:
            return { message: own.message.replace(/^Invalid( input)?\.?$/i, "is not an accepted value"), fix: UNSPECIFIC_FIX };
    }
}

/**
 * Turns the issues of one top-level key into ConfigProblems, one per issue (one per unknown key). Checks that
 * share one message (`.int(m).min(1, m)` on 0.5) say it once.
 */
export function problemsFromZod(input: SectionIssues, error: z.ZodError): ConfigProblem[] {
    const key = (path: readonly (string | number)[]) => `${input.project}:${formatPath([input.section, ...path])}`;
    const shown = (path: readonly (string | number)[]) => {
        const v = valueAt(input.value, path);
        return v === undefined ? undefined : displayValue(v, input.secret);
    };
    const problems = error.issues.flatMap((issue): ConfigProblem[] => {
        const configPath = formatPath([input.section, ...issue.path]);
        const schema = schemaAt(input.schema, issue.path);
        if (issue.code === z.ZodIssueCode.unrecognized_keys) {
            const known = fieldsOf(schema) ?? [];
            return issue.keys.map((name) => {
                const guess = closest(name, known);
                const at = [...issue.path, name];
                return {
                    key: key(at),
                    value: shown(at),
                    message: `is an unknown key of ${configPath}`,
                    fix: `${guess ? `did you mean ${guess}? ` : ""}remove it with \`pulumi config rm --path ${shellPath(formatPath([input.section, ...at]))}\`; the keys of ${configPath} are: ${known.join(", ")}`,
                };
            });
        }
        const { message, fix } = describe(issue, configPath, schema, valueAt(input.value, issue.path));
        return [{ key: key(issue.path), value: shown(issue.path), message, fix }];
    });
    return problems.filter((p, i) => problems.findIndex((q) => q.key === p.key && q.message === p.message && q.fix === p.fix) === i);
}
