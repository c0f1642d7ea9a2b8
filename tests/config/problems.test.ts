/**
 * How a rejection reads: key, value (secrets masked), a specific fix, one clean block; and the problems
 * that come from how the Pulumi CLI writes config (`--path` edits, keys set without `--path`).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigProblem, displayValue, formatProblems, SECRET_MASK } from "../../config/errors";
import { parseSpec } from "../../config/spec";
import { configProblems, rawConfig, VALID_MASTER_KEY } from "../helpers/raw-config";

function problems(overrides: Record<string, unknown>, secrets: Record<string, string> = {}, plaintext: string[] = []): ConfigProblem[] {
    return configProblems(() => parseSpec(rawConfig("dev", overrides, secrets, plaintext)));
}

const at = (list: ConfigProblem[], key: string): ConfigProblem => {
    const found = list.find((p) => p.key === `litellm-gateway:${key}`);
    assert.ok(found, `a problem at ${key}; got ${list.map((p) => p.key).join(", ")}`);
    return found;
};

describe("the problem block", () => {
    test("lists key, message, value and fix for each problem, and nothing else", () => {
        const text = formatProblems([
            { key: "p:gateway.port", value: "0", message: "must be at least 1", fix: "use 4000" },
            { key: "p:databaseUrl", message: "is required", fix: "set it" },
        ]);
        assert.equal(
            text,
            "Invalid stack configuration (2 problems); nothing was deployed:\n" +
                "  - p:gateway.port: must be at least 1.\n      Value: 0\n      Fix: use 4000.\n" +
                "  - p:databaseUrl: is required.\n      Fix: set it.",
        );
    });

    test("control characters in a key or value never reach the terminal", () => {
        const text = formatProblems([{ key: "p:\u001b[31mred", value: displayValue("\u001b[0mx\u0007"), message: "m", fix: "f" }]);
        assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f]/);
    });

    test("secrets are masked: by flag, and by what they look like", () => {
        assert.equal(displayValue("anything", true), SECRET_MASK);
        assert.match(displayValue(VALID_MASTER_KEY), /^\[secret\]/);
        assert.match(displayValue("postgresql://u:hunter2@db:5432/x"), /^\[secret\]/);
        assert.match(displayValue({ pem: "-----BEGIN PRIVATE KEY-----\nabc" }), /^\[secret\]/);
        assert.equal(displayValue("sk-...abcd"), '"sk-...abcd"', "an abbreviation is not a key");
        assert.equal(displayValue(4000), "4000");
        assert.ok(displayValue("x".repeat(500)).length <= 120);
    });

    test("a secret set in plaintext, or a bad secret, is named with its value masked", () => {
        const list = problems({}, { masterKey: "sk-1234" }, ["masterKey"]);
        for (const p of list.filter((x) => x.key === "litellm-gateway:masterKey")) assert.equal(p.value, SECRET_MASK);
        assert.ok(!formatProblems(list).includes("sk-1234"));
    });

    test("a key pasted under a wrong name is not echoed", () => {
        const list = problems({ masterkey: VALID_MASTER_KEY });
        assert.ok(!formatProblems(list).includes(VALID_MASTER_KEY));
        assert.match(at(list, "masterkey").fix, /did you mean masterKey\?/);
    });
});

describe("fixes of zod's built-in checks reach the user", () => {
    test("regex, email, int, min and max each carry a specific fix", () => {
        const list = problems({
            keys: { defaultDuration: "3 days" },
            observability: { userEmail: "admin" },
            gateway: { port: 4000.5, numWorkers: 65, spendBatchWriteSeconds: 0 },
        });
        assert.match(at(list, "keys.defaultDuration").fix, /30s, 30m, 30h, 30d or 1mo/);
        assert.match(at(list, "observability.userEmail").fix, /admin@example\.com/);
        assert.match(at(list, "gateway.port").fix, /TCP port between 1 and 65535/);
        assert.match(at(list, "gateway.numWorkers").fix, /at most 64/);
        assert.match(at(list, "gateway.spendBatchWriteSeconds").fix, /use 10/);
        for (const p of list) assert.ok(p.value !== undefined, `${p.key} shows its value`);
    });

    test("an unknown nested key names the section's keys and the likely intended one", () => {
        const p = at(problems({ gateway: { prot: 4000 } }), "gateway.prot");
        assert.equal(p.value, "4000");
        assert.match(p.message, /unknown key of gateway/);
        assert.match(p.fix, /did you mean port\? .*pulumi config rm --path gateway\.prot.*image, port, spendBatchWriteSeconds/);
    });

    test("a decimal that `pulumi config set --path` stored as a string says how to store a number", () => {
        const p = at(problems({ keys: { defaultMaxBudgetUsd: "2.5" } }), "keys.defaultMaxBudgetUsd");
        assert.equal(p.value, '"2.5"');
        assert.match(p.fix, /--type float/);
    });
});

describe("what the Pulumi CLI writes", () => {
    test("a first `--path` edit of one model gets the commands that complete it, not 'Required' per field", () => {
        const list = problems({ models: [{ upstream: "oci" }] });
        assert.equal(list.length, 1, JSON.stringify(list, null, 2));
        const p = at(list, "models[0]");
        assert.equal(p.value, '{"upstream":"oci"}');
        assert.match(p.message, /missing name and model/);
        assert.match(p.message, /does not merge the default models of Pulumi\.yaml \(chat, chat-backup\)/);
        assert.match(p.fix, /`pulumi config set --path 'models\[0\]\.name' chat && pulumi config set --path 'models\[0\]\.model' meta\.llama-3\.3-70b-instruct`/);
    });

    test("following that fix gives a config that parses (the default fallback chain steps aside)", () => {
        const spec = parseSpec(rawConfig("dev", { models: [{ upstream: "stub", name: "chat", model: "stub-model" }] }));
        assert.deepEqual(spec.fallbacks, []);
    });

    test("a key set without --path is named as such, with the command that sets the field", () => {
        const p = at(problems({ "gateway.port": 8080 }), "gateway.port");
        assert.equal(p.value, '"8080"');
        assert.match(p.message, /set without --path/);
        assert.equal(p.fix, "remove it and set the field with --path: `pulumi config rm gateway.port && pulumi config set --path gateway.port 8080`");
    });

    test("the same for a list item, quoted for the shell", () => {
        const p = at(problems({ "models[0].upstream": "oci" }), "models[0].upstream");
        assert.match(p.fix, /`pulumi config rm 'models\[0\]\.upstream' && pulumi config set --path 'models\[0\]\.upstream' oci`/);
    });

    test("a section given a plain value says to set its fields with --path", () => {
        const p = at(problems({ gateway: 8080 }), "gateway");
        assert.equal(p.value, "8080");
        assert.match(p.fix, /pulumi config rm --path gateway`, then set its fields one by one with `pulumi config set --path 'gateway\.<field>' <value>`/);
    });

    test("section text that is not JSON is shown as it was set", () => {
        const p = at(problems({ gateway: "port=8080" }), "gateway");
        assert.equal(p.value, '"port=8080"');
        assert.match(p.message, /must be a map of fields, not a string/);
    });
});
