/**
 * Walks the WHOLE config schema (every section in SECTION_SCHEMAS, so sections added later are covered
 * without touching this file) and breaks every field every way it can be broken: wrong type, out of range,
 * not a whole number, bad format, unknown key, bad enum value, empty list. Each broken config goes through
 * the real parser, and every problem it yields must have a key path, the value where one exists, and a
 * specific fix. A zod type the walker does not know fails the test rather than being skipped.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import type { ConfigProblem } from "../../config/errors";
import { parseSpec, SECTION_NAMES, SECTION_SCHEMAS } from "../../config/spec";
import { problemsFromZod, UNSPECIFIC_FIX, unwrapSchema, valueAt } from "../../config/zod-problems";
import { configProblems, rawConfig } from "../helpers/raw-config";

type Path = (string | number)[];

interface BreakCase {
    section: string;
    path: Path;
    value: unknown;
    why: string;
}

/** Whether a refinement sits anywhere in the wrappers of `schema`. */
function refined(schema: z.ZodTypeAny): boolean {
    let s = schema;
    for (;;) {
        if (s instanceof z.ZodEffects) return true;
        if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s._def.innerType;
        else return false;
    }
}

const STRING_SAMPLES = ["", "!! not valid !!", "x".repeat(300), "UPPER CASE", "latest", "-dash-", "a", "ocid1.bad", "http://", "1.2"];

/** Values that break `schema` at `path`, found from its type and checks; throws on a type it does not know. */
function breakers(schema: z.ZodTypeAny, path: Path): { value: unknown; why: string }[] {
    const u = unwrapSchema(schema);
    const rejects = (v: unknown) => !schema.safeParse(v).success;
    const found: { value: unknown; why: string }[] = [];
    const add = (value: unknown, why: string) => {
        if (rejects(value)) found.push({ value, why });
    };
    if (u instanceof z.ZodString) {
        add(12345, "wrong type");
        const checked = u._def.checks.length > 0 || refined(schema);
        const bad = STRING_SAMPLES.filter(rejects);
        if (checked) assert.ok(bad.length > 0, `no sample string breaks the checks of ${path.join(".")}: add one to STRING_SAMPLES`);
        for (const v of bad) add(v, `bad string ${JSON.stringify(v).slice(0, 20)}`);
    } else if (u instanceof z.ZodNumber) {
        add("text", "wrong type");
        let min: number | undefined;
        for (const check of u._def.checks) {
            if (check.kind === "min") {
                min = check.value;
                add(check.inclusive ? check.value - 1 : check.value, "below the minimum");
            } else if (check.kind === "max") add(check.inclusive ? check.value + 1 : check.value, "above the maximum");
            else if (check.kind === "int") add((min ?? 0) + 1.5, "not a whole number");
            else throw new Error(`the walker does not know number check ${check.kind} (at ${path.join(".")})`);
        }
    } else if (u instanceof z.ZodBoolean) {
        add("yes", "wrong type");
    } else if (u instanceof z.ZodEnum) {
        add("no-such-value", "not an enum value");
        add(12345, "wrong type");
    } else if (u instanceof z.ZodLiteral || u instanceof z.ZodUnion) {
        add(99, "not an accepted value");
        add("x", "wrong type");
    } else if (u instanceof z.ZodArray) {
        add("not-a-list", "wrong type");
        add([], "empty list");
    } else if (u instanceof z.ZodObject || u instanceof z.ZodRecord) {
        add(12345, "wrong type");
        if (refined(schema)) add({}, "empty map");
    } else {
        throw new Error(`the walker does not know ${u.constructor.name} (at ${path.join(".") || "<root>"}): teach it this type`);
    }
    return found;
}

/** Every breaking case under `schema`: its own, then its fields', its items', its entries'. */
function walk(section: string, schema: z.ZodTypeAny, path: Path): BreakCase[] {
    const own = breakers(schema, path).map((b) => ({ section, path, ...b }));
    const u = unwrapSchema(schema);
    if (u instanceof z.ZodObject) {
        const fields = Object.entries(u.shape as Record<string, z.ZodTypeAny>).flatMap(([k, s]) => walk(section, s, [...path, k]));
        const unknown = u._def.unknownKeys === "strict" ? [{ section, path: [...path, "notAKey"], value: 1, why: "unknown key" }] : [];
        return [...own, ...fields, ...unknown];
    }
    if (u instanceof z.ZodArray) return [...own, ...walk(section, u.element, [...path, 0])];
    if (u instanceof z.ZodRecord) return [...own, ...walk(section, u.valueSchema, [...path, "some-key"])];
    return own;
}

/** A copy of `base` with `value` at `path`, creating maps and lists on the way. */
function withValueAt(base: unknown, path: Path, value: unknown): unknown {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    const container = (Array.isArray(base) ? [...base] : base && typeof base === "object" ? { ...base } : typeof head === "number" ? [] : {}) as Record<string | number, unknown>;
    container[head] = withValueAt(container[head], rest, value);
    return container;
}

/** `litellm-gateway:models[0].name` -> ["models", 0, "name"] */
function pathOf(key: string): Path {
    return key
        .replace(/^litellm-gateway:/, "")
        .split(/\.|(?=\[)/)
        .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part));
}

const GENERIC = [/config reference/i, /documented/i, /^see /i, /^invalid/i];
const VAGUE_MESSAGE = /^(invalid( value| input)?|required|expected .*received .*)\.?$/i;

function problemsFor(c: BreakCase): ConfigProblem[] {
    const base = rawConfig("dev").values[c.section];
    const overrides = { [c.section]: withValueAt(base, c.path, c.value) };
    return configProblems(() => parseSpec(rawConfig("dev", overrides)), `${c.section}${c.path.length ? `.${c.path.join(".")}` : ""} = ${JSON.stringify(c.value)} (${c.why}) was accepted`);
}

const CASES = SECTION_NAMES.flatMap((name) => walk(name, SECTION_SCHEMAS[name], []));

describe("every rejection the schema can produce", () => {
    test(`the walk covers every section (${CASES.length} broken values)`, () => {
        for (const name of SECTION_NAMES) assert.ok(CASES.some((c) => c.section === name), name);
        assert.ok(CASES.length > 150, String(CASES.length));
    });

    test("names the key, shows the value and gives a specific fix", () => {
        const failures: string[] = [];
        for (const c of CASES) {
            const target = [c.section, ...c.path];
            const where = `${target.join(".")} = ${JSON.stringify(c.value).slice(0, 40)} (${c.why})`;
            const list = problemsFor(c);
            const sectionValue = (rawConfig("dev", { [c.section]: withValueAt(rawConfig("dev").values[c.section], c.path, c.value) }).values as Record<string, unknown>)[c.section];
            const onPath = list.filter((p) => {
                const pp = pathOf(p.key);
                return pp.length <= target.length && pp.every((part, i) => part === target[i]);
            });
            if (onPath.length === 0) failures.push(`${where}: no problem at the key or above it (got ${list.map((p) => p.key).join(", ")})`);
            for (const p of list) {
                const pp = pathOf(p.key);
                if (!/^litellm-gateway:[A-Za-z]/.test(p.key)) failures.push(`${where}: key without the project path: ${p.key}`);
                if (pp[0] === c.section && valueAt(sectionValue, pp.slice(1)) !== undefined && p.value === undefined) failures.push(`${where}: ${p.key} has a value but shows none`);
                if (VAGUE_MESSAGE.test(p.message.trim())) failures.push(`${where}: ${p.key} has a vague message: ${p.message}`);
                if (p.fix === UNSPECIFIC_FIX || GENERIC.some((g) => g.test(p.fix)) || p.fix.trim().length < 12) failures.push(`${where}: ${p.key} has no specific fix: ${p.fix}`);
            }
        }
        assert.deepEqual(failures, []);
    });

    test("control: a rejection without a specific fix is caught by the checks above", () => {
        const loose = z.object({ name: z.string().regex(/^[a-z]+$/) }).strict();
        const issue = loose.safeParse({ name: "A" });
        assert.ok(!issue.success);
        // Same path as problemsFromZod takes for a check written without `fixed(...)`.
        const [p] = problemsFromZod({ project: "litellm-gateway", section: "x", schema: loose, value: { name: "A" } }, issue.error);
        assert.equal(p.fix, UNSPECIFIC_FIX);
    });
});
