/**
 * What a user sees when the stack config is invalid, under the SDK's real run harness (the process
 * `pulumi preview`/`up` starts): one clean block of every problem, logged once as an error, with no stack
 * trace, no dump of the error's properties, no ANSI colour, no resource registered, and a non-zero exit.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseSpec } from "../../config/spec";
import { configError, rawConfig } from "../helpers/raw-config";
import { HarnessRun, runUnderHarness } from "../helpers/run-harness";
import { REPO_ROOT, stackConfig } from "../helpers/stack-config";

/** The compiled program entry (index.ts), as `pulumi up` loads it after ts-node compiled it. */
const ENTRY = path.join(REPO_ROOT, "build", "index.js");
const BAD = { target: "aws", gateway: { port: 0, prot: 1 }, keys: { defaultMaxBudgetUsd: 50, maxBudgetUpperBoundUsd: 10 } };
const SECRET = "sk-this-is-a-plaintext-master-key-000000";

function expectedBlock(): string {
    return configError(() => parseSpec(rawConfig("dev", BAD, { masterKey: SECRET }, ["masterKey"])), "the bad config must be rejected").message;
}

/** A stack frame as util.inspect prints it: `    at parseSpec (/app/config/spec.ts:10:5)`. */
const STACK_FRAME = /^\s+at \S.*:\d+:\d+\)?/m;

const everything = (run: HarnessRun) => [run.stdout, run.stderr, ...run.logs.map((l) => l.message)].join("\n");

describe("an invalid stack config under the SDK's run harness", () => {
    let run: HarnessRun;
    before(async () => {
        const { config, secretKeys } = stackConfig("dev", BAD, { masterKey: SECRET }, ["masterKey"]);
        run = await runUnderHarness(ENTRY, { project: "litellm-gateway", stack: "dev", config, secretKeys, cwd: REPO_ROOT });
    });

    test("logs exactly one error: the problem block, word for word", () => {
        const errors = run.logs.filter((l) => l.severity === "error");
        assert.equal(errors.length, 1, JSON.stringify(run.logs, null, 2));
        assert.equal(errors[0].message, expectedBlock());
        for (const key of ["target", "gateway.port", "gateway.prot", "keys.defaultMaxBudgetUsd", "masterKey"]) assert.ok(errors[0].message.includes(`litellm-gateway:${key}:`), key);
    });

    test("shows no stack trace, no 'unhandled exception', no property dump, no ANSI codes, and no secret", () => {
        const text = everything(run);
        assert.doesNotMatch(text, STACK_FRAME, "a stack frame");
        assert.doesNotMatch(text, /unhandled exception/);
        assert.doesNotMatch(text, /problems: \[/);
        assert.doesNotMatch(text, /\u001b\[/);
        assert.ok(!text.includes(SECRET));
    });

    test("exits non-zero and registers no resource but the stack itself", () => {
        // 32: "exited after logging a user-actionable message", so the language host adds nothing of its own.
        assert.equal(run.code, 32);
        assert.deepEqual(run.registered.filter((t) => t !== "pulumi:pulumi:Stack"), []);
    });
});

describe("control: the same harness on an error that is not a RunError", () => {
    test("prints the crash the user used to see, so the checks above can fail", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "harness-control-"));
        const program = path.join(dir, "index.js");
        // A short stack of its own: on Node 20, util.inspect colouring a real stack full of node_modules frames
        // can spin for minutes (markNodeModules), which is one more reason config errors must be RunErrors.
        writeFileSync(
            program,
            'class ConfigError extends Error {}\n' +
                'const e = new ConfigError("Invalid stack configuration"); e.problems = [{ key: "k" }];\n' +
                'e.stack = "ConfigError: Invalid stack configuration\\n    at parseSpec (/app/config/spec.ts:10:5)";\n' +
                "throw e;\n",
        );
        const control = await runUnderHarness(program, { project: "p", stack: "s", config: {}, cwd: dir });
        const text = everything(control);
        assert.match(text, /failed with an unhandled exception/);
        assert.match(text, STACK_FRAME);
        assert.match(text, /problems: \[/);
        assert.match(text, /\u001b\[/);
        assert.notEqual(control.code, 0);
    });
});
