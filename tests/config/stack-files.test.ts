/**
 * The committed stack files are the two stacks' shared settings, never one user's secrets state.
 *
 * Decision (issue #13, item 7): with the passphrase secrets provider (local and DIY backends), the first
 * `pulumi stack select --create <stack>` or `pulumi stack init` writes `encryptionsalt: v1:…` into
 * Pulumi.<stack>.yaml. That line belongs to the user's own stack (it salts their passphrase; it is not a
 * secret), so the repository ships the files without it and the first run adding it is expected and
 * documented (docs/config-troubleshooting.md). It must not come back upstream: another user's passphrase
 * could not decrypt against it. Secret values are never committed either; CI sets them (preview.yml).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/stack-config";

const STACK_FILES = fs.readdirSync(REPO_ROOT).filter((f) => /^Pulumi\.[^.]+\.yaml$/.test(f));

/** Paths of every `secure:` value in a parsed YAML document. */
function secureValues(value: unknown, at: string): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => secureValues(v, `${at}[${i}]`));
    if (value && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => (k === "secure" ? [at] : secureValues(v, at ? `${at}.${k}` : k)));
    }
    return [];
}

describe("committed stack files", () => {
    test("are there: dev and oke", () => {
        assert.deepEqual(STACK_FILES.sort(), ["Pulumi.dev.yaml", "Pulumi.oke.yaml"]);
    });

    for (const file of STACK_FILES) {
        test(`${file} holds config only: no encryptionsalt, encryptedkey or secretsprovider of someone's stack`, () => {
            const doc = parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")) as Record<string, unknown>;
            const extra = Object.keys(doc).filter((k) => k !== "config");
            assert.deepEqual(extra, [], `${file}: drop ${extra.join(", ")} before committing: the first \`pulumi stack select --create\` on a passphrase backend writes it for YOUR stack only (docs/config-troubleshooting.md)`);
        });

        test(`${file} commits no encrypted value`, () => {
            const doc = parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
            assert.deepEqual(secureValues(doc, ""), [], `${file}: set secrets per stack with \`pulumi config set --secret\` and keep them out of the commit`);
        });
    }

    test("control: a file as the first run leaves it is caught", () => {
        const firstRun = parse("encryptionsalt: v1:abc:v1:def:ghi\nconfig:\n  litellm-gateway:masterKey:\n    secure: v1:xyz\n") as Record<string, unknown>;
        assert.deepEqual(Object.keys(firstRun).filter((k) => k !== "config"), ["encryptionsalt"]);
        assert.deepEqual(secureValues(firstRun, ""), ["config.litellm-gateway:masterKey"]);
    });
});
