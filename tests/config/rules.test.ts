/**
 * Cross-field rules: all problems in one pass, the fallback default, and the configs that used to be
 * accepted and then broke after resources existed (port clashes, budgets, the spend-log wait).
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, ConfigProblem } from "../../config/errors";
import { publishedHostPorts } from "../../config/host-ports";
import { parseSpec } from "../../config/spec";
import { derivedSpendLogWaitSeconds, requiredSpendLogWaitSeconds } from "../../config/spend-wait";
import { rawConfig } from "../helpers/raw-config";

function keysOf(stack: string, overrides: Record<string, unknown>, secrets: Record<string, string> = {}): string[] {
    return problemsOf(stack, overrides, secrets).map((p) => p.key.replace(/^litellm-gateway:/, "")).sort();
}

function problemsOf(stack: string, overrides: Record<string, unknown>, secrets: Record<string, string> = {}): ConfigProblem[] {
    try {
        parseSpec(rawConfig(stack, overrides, secrets));
    } catch (err) {
        assert.ok(err instanceof ConfigError, String(err));
        return err.problems;
    }
    return [];
}

describe("every problem in one pass", () => {
    test("a section that fails to parse does not hide the cross-field problems of the others", () => {
        const keys = keysOf("dev", { gateway: { port: "http" }, database: { mode: "external" }, keys: { defaultMaxBudgetUsd: 5, maxBudgetUpperBoundUsd: 1 } });
        assert.deepEqual(keys, ["databaseUrl", "gateway.port", "keys.defaultMaxBudgetUsd"]);
    });

    test("a model list that fails to parse brings no fallback noise (fallbacks are checked against it)", () => {
        const keys = keysOf("dev", { models: [{ name: "gpt", upstream: "anthropic", model: "claude-sonnet" }], fallbacks: [{ model: "gpt", to: ["gpt-mini"] }] });
        assert.deepEqual(keys, ["models[0].upstream"]);
    });

    test("a target that fails to parse brings no target-dependent noise, but independent rules still run", () => {
        const keys = keysOf("dev", { target: "k8s", database: { mode: "in-cluster" }, verification: { checks: ["helth"] } });
        assert.deepEqual(keys, ["target", "verification.checks[0]"]);
    });

    test("control: with the target valid, the same database mode is reported", () => {
        assert.deepEqual(keysOf("dev", { database: { mode: "in-cluster" } }), ["database.mode"]);
    });
});

describe("the fallback default", () => {
    const models = (...names: string[]) => names.map((name) => ({ name, upstream: "stub", model: `stub-${name}` }));
    const DEFAULT_CHAIN = [{ model: "chat", to: ["chat-backup"] }];

    test("applies while chat and chat-backup are declared (the dev stack, or the README's OCI sequence)", () => {
        assert.deepEqual(parseSpec(rawConfig("dev")).fallbacks, DEFAULT_CHAIN);
        assert.deepEqual(parseSpec(rawConfig("dev", { models: models("chat-backup", "chat") })).fallbacks, DEFAULT_CHAIN);
    });

    test("steps aside for custom model names, although the CLI still applies the Pulumi.yaml default", () => {
        const raw = rawConfig("dev", { models: models("gpt", "gpt-mini") });
        assert.deepEqual(raw.values.fallbacks, DEFAULT_CHAIN, "the CLI-applied default is what the program receives");
        assert.deepEqual(parseSpec(raw).fallbacks, []);
    });

    test("`fallbacks: []` turns the chain off even for chat and chat-backup", () => {
        assert.deepEqual(parseSpec(rawConfig("dev", { fallbacks: [] })).fallbacks, []);
    });

    test("a list of the user's own is validated as written", () => {
        assert.deepEqual(keysOf("dev", { models: models("gpt", "gpt-mini"), fallbacks: [{ model: "gpt", to: ["chat"] }] }), ["fallbacks[0].to[0]"]);
        assert.deepEqual(parseSpec(rawConfig("dev", { models: models("gpt", "gpt-mini"), fallbacks: [{ model: "gpt", to: ["gpt-mini"] }] })).fallbacks, [{ model: "gpt", to: ["gpt-mini"] }]);
    });
});

describe("host ports", () => {
    const langfuse = { observability: { enabled: true } };

    test("the gateway on the Langfuse UI port is refused, with a free port to use", () => {
        const [p] = problemsOf("dev", { ...langfuse, gateway: { port: 3000 } });
        assert.equal(p.key, "litellm-gateway:observability.uiPort");
        assert.equal(p.value, "3000");
        assert.match(p.message, /also gateway\.port/);
        assert.match(p.fix, /pulumi config set --path observability\.uiPort 3001/);
    });

    test("the gateway on the stub's report port is refused", () => {
        assert.deepEqual(keysOf("dev", { gateway: { port: 4010 } }), ["stub.reportPort"]);
    });

    test("the stub report and the Langfuse UI on one port are refused", () => {
        assert.deepEqual(keysOf("dev", { ...langfuse, stub: { reportPort: 3000 } }), ["observability.uiPort"]);
    });

    test("ports of what does not run cannot clash", () => {
        assert.deepEqual(keysOf("dev", { gateway: { port: 3000 } }), [], "no Langfuse without observability");
        const oci = { region: "us-chicago-1", compartmentId: "ocid1.compartment.oc1..aaaa", tenancyOcid: "ocid1.tenancy.oc1..aaaa", userOcid: "ocid1.user.oc1..aaaa", fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0" };
        const pem = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----";
        assert.deepEqual(keysOf("dev", { gateway: { port: 4010 }, oci, models: [{ name: "chat", upstream: "oci", model: "meta.llama-3.3-70b-instruct" }] }, { ociPrivateKey: pem }), [], "no stub without a stub model");
        assert.deepEqual(publishedHostPorts(parseSpec(rawConfig("oke", {}, { ociPrivateKey: pem }))), [], "oke publishes no host port");
    });
});

describe("virtual-key budgets", () => {
    test("a default budget above the upper bound is refused", () => {
        const [p] = problemsOf("dev", { keys: { defaultMaxBudgetUsd: 50, maxBudgetUpperBoundUsd: 10 } });
        assert.equal(p.key, "litellm-gateway:keys.defaultMaxBudgetUsd");
        assert.equal(p.value, "50");
        assert.match(p.fix, /at most 10/);
    });

    test("equal, or only one of them set, is fine", () => {
        assert.deepEqual(keysOf("dev", { keys: { defaultMaxBudgetUsd: 10, maxBudgetUpperBoundUsd: 10 } }), []);
        assert.deepEqual(keysOf("dev", { keys: { defaultMaxBudgetUsd: 50 } }), []);
    });
});

describe("the spend-log wait against the spend batch interval", () => {
    test("two batches with LiteLLM's 0-5 s jitter: 2 x (interval + 5 s), never under the 60 s default", () => {
        assert.equal(requiredSpendLogWaitSeconds(10), 30);
        assert.equal(derivedSpendLogWaitSeconds(10), 60);
        assert.equal(derivedSpendLogWaitSeconds(60), 130);
    });

    test("unset, the wait follows the interval", () => {
        assert.equal(parseSpec(rawConfig("dev")).verification.spendLogTimeoutSeconds, 60);
        assert.equal(parseSpec(rawConfig("dev", { gateway: { spendBatchWriteSeconds: 60 } })).verification.spendLogTimeoutSeconds, 130);
    });

    test("an explicit wait shorter than the interval needs is refused, naming the minimum", () => {
        const [p] = problemsOf("dev", { gateway: { spendBatchWriteSeconds: 60 }, verification: { spendLogTimeoutSeconds: 90 } });
        assert.equal(p.key, "litellm-gateway:verification.spendLogTimeoutSeconds");
        assert.equal(p.value, "90");
        assert.match(p.message, /2 × \(60 \+ 5\) = 130 s/);
        assert.match(p.fix, /at least 130/);
        assert.equal(parseSpec(rawConfig("dev", { gateway: { spendBatchWriteSeconds: 60 }, verification: { spendLogTimeoutSeconds: 130 } })).verification.spendLogTimeoutSeconds, 130);
    });

    test("an interval no wait within the limit covers is refused while verification is on", () => {
        const [p] = problemsOf("dev", { gateway: { spendBatchWriteSeconds: 600 } });
        assert.equal(p.key, "litellm-gateway:gateway.spendBatchWriteSeconds");
        assert.match(p.fix, /at most 445/);
        assert.deepEqual(keysOf("dev", { gateway: { spendBatchWriteSeconds: 600 }, verification: { enabled: false } }), []);
    });
});
