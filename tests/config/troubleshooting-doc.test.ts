/** docs/config-troubleshooting.md stays true: its sample error is what the parser prints, the files it names exist (readme.test.ts resolves its links). */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseSpec } from "../../config/spec";
import { configError, rawConfig, VALID_MASTER_KEY } from "../helpers/raw-config";
import { links } from "../helpers/markdown";
import { REPO_ROOT } from "../helpers/stack-config";

const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "config-troubleshooting.md"), "utf8");

describe("docs/config-troubleshooting.md", () => {
    test("its sample error block is exactly what the stated config produces", () => {
        const sample = /```\n(Invalid stack configuration[\s\S]*?)\n```/.exec(doc)?.[1];
        assert.ok(sample, "the doc shows a sample block");
        const err = configError(() => parseSpec(rawConfig("dev", { observability: { enabled: true }, gateway: { port: 3000 } }, { masterKey: VALID_MASTER_KEY }, ["masterKey"])));
        assert.equal(sample, err.message);
    });

    test("it links its own sections (readme.test.ts checks that every anchor names a heading)", () => {
        assert.ok(links(doc).filter((l) => l.target.startsWith("#")).length >= 8);
    });

    test("every file it names exists", () => {
        const files = [...doc.matchAll(/`((?:tests|config|docs|\.github)\/[^`\s]+)`/g)].map((m) => m[1]);
        assert.deepEqual(files.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f))), []);
    });
});
