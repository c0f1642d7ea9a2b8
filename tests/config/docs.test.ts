/**
 * Pulumi.yaml, the README config reference and the code's schema must agree: a key the code accepts
 * but nobody documented, or a default that differs between Pulumi.yaml and code, fails here.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { SECTION_NAMES, SECTION_SCHEMAS } from "../../config/spec";
import { SECRET_KEY_DOCS, SECRET_KEYS } from "../../config/keys";
import { DEFAULT_FALLBACKS, DEFAULT_MODELS } from "../../config/defaults";
import { REPO_ROOT } from "../helpers/stack-config";

const project = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as {
    config: Record<string, { type?: string; description?: string; default?: unknown; secret?: boolean }>;
};
const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

function objectShape(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | undefined {
    let s: z.ZodTypeAny = schema;
    while (s instanceof z.ZodOptional || s instanceof z.ZodEffects || s instanceof z.ZodDefault) s = s instanceof z.ZodEffects ? s.innerType() : s._def.innerType;
    return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodTypeAny>) : undefined;
}

describe("config documentation", () => {
    test("Pulumi.yaml declares exactly the keys the program reads, each described", () => {
        assert.deepEqual(Object.keys(project.config).sort(), [...SECTION_NAMES, ...SECRET_KEYS].sort());
        for (const [key, decl] of Object.entries(project.config)) assert.ok((decl.description ?? "").length > 15, `${key} has a description`);
    });

    test("secret keys are strings, default empty, flagged [secret], and documented the same way in code", () => {
        for (const key of SECRET_KEYS) {
            const decl = project.config[key];
            assert.equal(decl.type, "string", key);
            assert.equal(decl.default, "", `${key} defaults to empty (unset)`);
            assert.equal(decl.secret, undefined, `${key} must not be secret: true (Pulumi would require it on every stack)`);
            assert.equal(decl.description, `[secret] ${SECRET_KEY_DOCS[key]}`);
        }
    });

    test("Pulumi.yaml defaults agree with the code's defaults", () => {
        assert.equal(project.config.target.default, "docker");
        assert.deepEqual(project.config.models.default, DEFAULT_MODELS);
        assert.deepEqual(project.config.fallbacks.default, DEFAULT_FALLBACKS);
        for (const name of SECTION_NAMES.filter((n) => !["target", "models", "fallbacks"].includes(n))) {
            assert.deepEqual(project.config[name].default, {}, `${name}: defaults live in code (some depend on the target)`);
        }
    });

    test("the README config reference documents every key and every field", () => {
        const missing: string[] = [];
        for (const key of SECRET_KEYS) if (!readme.includes(`\`${key}\``) && !readme.includes(`${key}\` /`)) missing.push(key);
        for (const name of SECTION_NAMES) {
            const shape = objectShape(SECTION_SCHEMAS[name]);
            if (!shape) {
                if (!readme.includes(`\`${name}\``)) missing.push(name);
                continue;
            }
            for (const field of Object.keys(shape)) {
                const nested = objectShape(shape[field]);
                const documented = nested ? readme.includes(`${name}.${field}.`) : readme.includes(`\`${name}.${field}\``);
                if (!documented) missing.push(`${name}.${field}`);
            }
        }
        assert.deepEqual(missing, [], "undocumented config keys");
    });

    test("the README opens with the deploy and test commands", () => {
        const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
        assert.match(firstBlock, /pulumi stack select --create dev && pulumi up/);
        assert.match(firstBlock, /npm ci && npm test/);
        assert.ok(readme.indexOf("```bash") < 800, "the commands come first");
    });
});
