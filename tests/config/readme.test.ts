/**
 * The README stays short and navigable, and no link in it or in docs/ leads nowhere: the size limit, the table
 * of contents, every relative link and anchor (GitHub's slug rules), and the shape of the config reference.
 * Each rule is a pure function, run on the real files and, as a control, on a broken copy it must reject.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESOURCE_RULES, STACK_RULES } from "../../policy/rules/catalog";
import { anchors, cells, isExternal, links, section, slug, tables } from "../helpers/markdown";
import { REPO_ROOT } from "../helpers/stack-config";

/**
 * The brief asks the README to document every config key; issues #21–#24 added about twenty (upstreams, image
 * users, sizes, charts, OpenTelemetry, accepted advisories), so the cap leaves room for their rows, not for prose.
 */
const README_MAX_BYTES = 24 * 1024;
const CONFIG_HEADER = ["key", "type", "default", "stacks", "meaning"];
/** What a newcomer must find from the table of contents, by heading. */
const TOC_MUST_REACH: [string, RegExp][] = [
    ["a first run on dev", /first run.*dev/i],
    ["the oke quick start", /quick start.*oke/i],
    ["the configuration reference", /configuration reference/i],
    ["the stack outputs", /outputs/i],
    ["pulumi destroy", /destroy/i],
    ["troubleshooting", /troubleshooting/i],
];

const read = (rel: string) => fs.readFileSync(path.join(REPO_ROOT, rel), "utf8");
const readme = read("README.md");
const docFiles = fs.readdirSync(path.join(REPO_ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);

/** Problems with the README's table of contents: links that name no heading, and destinations it lacks. */
function tocProblems(markdown: string): string[] {
    const toc = section(markdown, "Contents");
    if (toc === "") return ["no `## Contents` section"];
    const own = anchors(markdown);
    const entries = links(toc);
    const problems = entries.filter((l) => !l.target.startsWith("#") || !own.has(l.target.slice(1))).map((l) => `"${l.text}" -> ${l.target} names no heading of the README`);
    for (const [what, pattern] of TOC_MUST_REACH) if (!entries.some((l) => pattern.test(l.text))) problems.push(`the table of contents does not lead to ${what}`);
    const afterCommands = markdown.indexOf("```", markdown.indexOf("```bash") + 3);
    if (/^## (.+)$/m.exec(markdown.slice(afterCommands))?.[1] !== "Contents") problems.push("the table of contents is not the first section after the opening commands");
    return problems;
}

/**
 * Problems with the relative links of one Markdown file: a target outside the repository or given as an
 * absolute path, a file that does not exist, or an anchor that names no heading of its file.
 */
function linkProblems(file: string, markdown: string, readFile: (rel: string) => string | undefined): string[] {
    const problems: string[] = [];
    for (const link of links(markdown)) {
        if (isExternal(link.target)) continue;
        const where = `${file}:${link.line} [${link.text}](${link.target})`;
        const [rawPath, anchor] = link.target.split("#", 2) as [string, string | undefined];
        if (rawPath.startsWith("/")) {
            problems.push(`${where}: an absolute path`);
            continue;
        }
        const rel = rawPath === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)));
        if (rel.startsWith("../") || rel === "..") {
            problems.push(`${where}: outside the repository`);
            continue;
        }
        const target = readFile(rel);
        if (target === undefined) {
            problems.push(`${where}: ${rel} does not exist`);
            continue;
        }
        if (anchor !== undefined && rel.endsWith(".md") && !anchors(target).has(anchor)) problems.push(`${where}: no heading of ${rel} has the anchor #${anchor}`);
    }
    return problems;
}

/** Problems with the config reference: a table of another shape, or a row without a default or its stacks. */
function configTableProblems(markdown: string): string[] {
    const reference = section(markdown, "Configuration reference");
    if (reference === "") return ["no `## Configuration reference` section"];
    const found = tables(reference);
    if (found.length === 0) return ["the configuration reference has no table"];
    const problems: string[] = [];
    for (const t of found) {
        if (JSON.stringify(t.header) !== JSON.stringify(CONFIG_HEADER)) {
            problems.push(`a table's columns are ${t.header.join(" | ")}, not ${CONFIG_HEADER.join(" | ")}`);
            continue;
        }
        for (const row of t.rows) {
            const [key, , def, stacks] = row;
            if (row.length !== CONFIG_HEADER.length) problems.push(`${key}: ${row.length} cells, not ${CONFIG_HEADER.length}`);
            if (!def || /^[-–—]$/.test(def)) problems.push(`${key}: no default (write the value, "unset", "generated", …)`);
            if (!/^(D|O|D O)$/.test(stacks ?? "")) problems.push(`${key}: stacks "${stacks ?? ""}" is not D, O or D O`);
        }
    }
    return problems;
}

const repoFile = (rel: string): string | undefined => {
    const abs = path.join(REPO_ROOT, rel);
    if (!fs.existsSync(abs)) return undefined;
    return fs.statSync(abs).isDirectory() ? "" : fs.readFileSync(abs, "utf8");
};

describe("README.md and docs/", () => {
    test(`the README is at most ${README_MAX_BYTES} bytes`, () => {
        const size = Buffer.byteLength(readme, "utf8");
        assert.ok(size <= README_MAX_BYTES, `README.md is ${size} bytes; move detail into docs/`);
    });

    test("the table of contents comes first, names only README headings, and leads to setup, destroy and troubleshooting", () => {
        assert.deepEqual(tocProblems(readme), []);
    });

    test("every relative link in README.md and docs/*.md names an existing file, and an existing heading", () => {
        const all = ["README.md", ...docFiles].flatMap((f) => linkProblems(f, read(f), repoFile));
        assert.deepEqual(all, []);
        assert.ok(links(readme).filter((l) => !isExternal(l.target)).length >= 30, "the README links its docs");
    });

    test("every docs/*.md page is linked from the README", () => {
        const linked = new Set(links(readme).map((l) => l.target.split("#")[0]));
        assert.deepEqual(docFiles.filter((f) => !linked.has(f)), []);
    });

    test("every config-reference row has a default and the stacks that use it", () => {
        assert.deepEqual(configTableProblems(readme), []);
        assert.ok(tables(section(readme, "Configuration reference")).reduce((n, t) => n + t.rows.length, 0) >= 70, "the reference has its rows");
    });

    test("docs/policy.md describes every rule of the pack", () => {
        const doc = read("docs/policy.md");
        const names = [...RESOURCE_RULES, ...STACK_RULES].map((r) => r.name);
        assert.deepEqual(names.filter((n) => !doc.includes(`| \`${n}\` |`)), []);
    });
});

describe("controls: each rule rejects a broken copy", () => {
    test("GitHub's anchors: punctuation dropped, spaces to dashes, repeats numbered", () => {
        assert.equal(slug("`pulumi destroy`"), "pulumi-destroy");
        assert.equal(slug("Privacy trade-off: `guardrails.storePromptsInSpendLogs`"), "privacy-trade-off-guardrailsstorepromptsinspendlogs");
        assert.equal(slug("4. Air-gapped installs and offline previews"), "4-air-gapped-installs-and-offline-previews");
        assert.equal(slug("In Pulumi (`dev`) and in the cluster (`oke`)"), "in-pulumi-dev-and-in-the-cluster-oke");
        assert.deepEqual([...anchors("## Notes\n```bash\n# not a heading\n```\n## Notes\n")], ["notes", "notes-1"]);
        assert.deepEqual(cells("| `a\\|b` | x |"), ["`a\\|b`", "x"]);
    });

    test("an oversized README is caught", () => {
        assert.ok(Buffer.byteLength(readme + "x".repeat(README_MAX_BYTES), "utf8") > README_MAX_BYTES);
    });

    test("a table of contents without destroy, or with a dead entry, is caught", () => {
        const noDestroy = readme.replace(/^- \[`pulumi destroy`\]\(#pulumi-destroy\)\n/m, "");
        assert.notEqual(noDestroy, readme);
        assert.match(tocProblems(noDestroy).join("\n"), /does not lead to pulumi destroy/);
        const dead = readme.replace("(#troubleshooting)", "(#trouble-shooting)");
        assert.match(tocProblems(dead).join("\n"), /names no heading/);
        const late = readme.replace("## Contents", "## Overview\n\n## Contents");
        assert.match(tocProblems(late).join("\n"), /not the first section/);
    });

    test("a missing file, a dead anchor, a path outside the repository and an absolute path are caught", () => {
        const broken = [
            "[gone](docs/nowhere.md)",
            "[anchor](docs/oke.md#no-such-heading)",
            "[here](#no-such-heading)",
            "[up](../shared/reference/litellm.md)",
            "[abs](/work/shared/tools)",
            "[fine](docs/oke.md#4-air-gapped-installs-and-offline-previews) [web](https://example.com/x#y)",
        ].join("\n");
        const problems = linkProblems("README.md", `## Top\n${broken}\n`, repoFile);
        assert.equal(problems.length, 5, problems.join("\n"));
        assert.match(problems.join("\n"), /nowhere\.md does not exist[\s\S]*#no-such-heading[\s\S]*#no-such-heading[\s\S]*outside the repository[\s\S]*absolute path/);
        assert.deepEqual(linkProblems("docs/x.md", "[ok](oke.md#2-the-first-install-serviceaccount-and-migration-hook) [readme](../README.md#pulumi-destroy)", repoFile), []);
    });

    test("a config row without a default or stacks, or a table of another shape, is caught", () => {
        const noDefault = readme.replace("| `gateway.numWorkers` | int | `1` | D O |", "| `gateway.numWorkers` | int | – | D O |");
        assert.match(configTableProblems(noDefault).join("\n"), /gateway\.numWorkers`: no default/);
        const noStacks = readme.replace("| `stub.reportPort` | int | `4010` | D |", "| `stub.reportPort` | int | `4010` |  |");
        assert.match(configTableProblems(noStacks).join("\n"), /stub\.reportPort`: stacks "" is not D, O or D O/);
        const reshaped = readme.replace("### `keys`\n\n| key | type | default | stacks | meaning |", "### `keys`\n\n| key | type | default | meaning |");
        assert.match(configTableProblems(reshaped).join("\n"), /columns are key \| type \| default \| meaning/);
    });
});
