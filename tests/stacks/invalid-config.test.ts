/**
 * Invalid configurations fail with a message naming the key, and NO resource is registered:
 * validation runs before the first resource constructor.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, MockRecorder } from "../helpers/mocks";
import { stackConfig } from "../helpers/stack-config";
import { VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

interface Case {
    name: string;
    stack?: string;
    overrides?: Record<string, unknown>;
    secrets?: Record<string, string>;
    plaintext?: string[];
    key: string;
    message?: RegExp;
}

const ociModel = [{ name: "chat", upstream: "oci", model: "meta.llama-3.3-70b-instruct" }];
const ociIdentity = {
    region: "us-chicago-1",
    compartmentId: "ocid1.compartment.oc1..aaaaaaaaexample",
    tenancyOcid: "ocid1.tenancy.oc1..aaaaaaaaexample",
    userOcid: "ocid1.user.oc1..aaaaaaaaexample",
    fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0",
};
const without = (k: keyof typeof ociIdentity) => Object.fromEntries(Object.entries(ociIdentity).filter(([x]) => x !== k));

const CASES: Case[] = [
    { name: "unknown target", overrides: { target: "aws" }, key: "target", message: /docker, oke/ },
    { name: "duplicate model names", overrides: { models: [{ name: "chat", upstream: "stub", model: "a" }, { name: "chat", upstream: "stub", model: "b" }], fallbacks: [] }, key: "models[1].name", message: /duplicate/ },
    { name: "fallback to an undeclared model", overrides: { fallbacks: [{ model: "chat", to: ["gpt-9"] }] }, key: "fallbacks[0].to[0]", message: /undeclared model 'gpt-9'/ },
    { name: "fallback from an undeclared model", overrides: { fallbacks: [{ model: "nope", to: ["chat"] }] }, key: "fallbacks[0].model", message: /undeclared/ },
    { name: "fallback to itself", overrides: { fallbacks: [{ model: "chat", to: ["chat"] }] }, key: "fallbacks[0].to[0]", message: /itself/ },
    { name: "OCI upstream without region", overrides: { models: ociModel, fallbacks: [], oci: without("region") }, secrets: { ociPrivateKey: VALID_PEM }, key: "oci.region" },
    { name: "OCI upstream without compartment", overrides: { models: ociModel, fallbacks: [], oci: without("compartmentId") }, secrets: { ociPrivateKey: VALID_PEM }, key: "oci.compartmentId" },
    { name: "OCI upstream without a private key", overrides: { models: ociModel, fallbacks: [], oci: ociIdentity }, key: "ociPrivateKey", message: /required/ },
    { name: "OCI upstream without a user OCID", overrides: { models: ociModel, fallbacks: [], oci: without("userOcid") }, secrets: { ociPrivateKey: VALID_PEM }, key: "oci.userOcid" },
    { name: "OCI private key that is not PEM", overrides: { models: ociModel, fallbacks: [], oci: ociIdentity }, secrets: { ociPrivateKey: "not-a-key" }, key: "ociPrivateKey", message: /PEM/ },
    { name: "malformed compartment OCID", overrides: { oci: { compartmentId: "compartment-1" } }, key: "oci.compartmentId", message: /OCID/ },
    { name: "unpriced OCI model", overrides: { models: [{ name: "g", upstream: "oci", model: "google.gemini-2.5-pro" }], fallbacks: [], oci: ociIdentity }, secrets: { ociPrivateKey: VALID_PEM }, key: "models[0]", message: /cost map/ },
    { name: "negative budget", overrides: { keys: { defaultMaxBudgetUsd: -5 } }, key: "keys.defaultMaxBudgetUsd", message: /greater than zero/ },
    { name: "zero budget", overrides: { keys: { maxBudgetUpperBoundUsd: 0 } }, key: "keys.maxBudgetUpperBoundUsd", message: /greater than zero/ },
    { name: "port out of range", overrides: { gateway: { port: 70000 } }, key: "gateway.port", message: /TCP port/ },
    { name: "port zero", overrides: { gateway: { port: 0 } }, key: "gateway.port" },
    { name: "port as text", overrides: { gateway: { port: "http" } }, key: "gateway.port", message: /number/ },
    { name: "gateway image without tag or digest", overrides: { gateway: { image: "ghcr.io/berriai/litellm" } }, key: "gateway.image", message: /no tag or digest/ },
    { name: "postgres image without tag", overrides: { database: { image: "postgres" } }, key: "database.image", message: /no tag or digest/ },
    { name: "floating stub image tag", overrides: { stub: { image: "node:latest" } }, key: "stub.image", message: /floating/ },
    { name: "compromised LiteLLM 1.82.7", overrides: { gateway: { image: "ghcr.io/berriai/litellm:v1.82.7" } }, key: "gateway.image", message: /compromised/ },
    { name: "compromised LiteLLM 1.82.8", overrides: { gateway: { image: "ghcr.io/berriai/litellm:main-v1.82.8" } }, key: "gateway.image", message: /compromised/ },
    { name: "vulnerable LiteLLM 1.83.3", overrides: { gateway: { image: "ghcr.io/berriai/litellm:v1.83.3-stable" } }, key: "gateway.image", message: /CVE-2026-42208/ },
    { name: "master key in plaintext", secrets: { masterKey: VALID_MASTER_KEY }, plaintext: ["masterKey"], key: "masterKey", message: /plaintext/ },
    { name: "database URL in plaintext", overrides: { database: { mode: "external" } }, secrets: { databaseUrl: "postgresql://u:p@db:5432/x" }, plaintext: ["databaseUrl"], key: "databaseUrl", message: /plaintext/ },
    { name: "master key without sk- prefix", secrets: { masterKey: "master-0123456789abcdefghijkl" }, key: "masterKey", message: /sk-/ },
    { name: "published example master key", secrets: { masterKey: "sk-1234" }, key: "masterKey", message: /published example/ },
    { name: "misspelt top-level key", overrides: { gatway: { port: 4000 } }, key: "gatway", message: /unknown key/ },
    { name: "misspelt nested key", overrides: { gateway: { prot: 4000 } }, key: "gateway.prot", message: /unknown key/ },
    { name: "Oracle Autonomous Database", overrides: { database: { mode: "autonomous" } }, key: "database.mode", message: /Prisma has no Oracle support/ },
    { name: "external database without URL", overrides: { database: { mode: "external" } }, key: "databaseUrl", message: /required/ },
    { name: "in-cluster database on docker", overrides: { database: { mode: "in-cluster" } }, key: "database.mode", message: /not available on target docker/ },
    { name: "stub upstream on oke", stack: "oke", overrides: { models: [{ name: "chat", upstream: "stub", model: "stub-model" }], fallbacks: [] }, secrets: { ociPrivateKey: VALID_PEM }, key: "models[0].upstream" },
    { name: "no models", overrides: { models: [], fallbacks: [] }, key: "models", message: /at least one model/ },
    { name: "guardrail that masks only logs", overrides: { guardrails: { enabled: true, mode: "logging_only" } }, key: "guardrails.mode", message: /PII would reach the model/ },
    { name: "unknown verification check id", overrides: { verification: { checks: ["health", "helth"] } }, key: "verification.checks", message: /unknown check id 'helth'/ },
    { name: "bad verification mode", overrides: { verification: { mode: "loud" } }, key: "verification.mode", message: /enforce, warn/ },
];

describe("invalid stack configuration", () => {
    let mocks: MockRecorder;
    let program: () => unknown;
    before(async () => {
        mocks = installMocks("litellm-gateway", "dev");
        program = (await import("../../program")).program;
    });

    test(`covers at least 20 distinct invalid configurations (${CASES.length})`, () => {
        assert.ok(CASES.length >= 20);
    });

    for (const c of CASES) {
        test(`rejects: ${c.name}`, () => {
            const { config, secretKeys } = stackConfig(c.stack ?? "dev", c.overrides, c.secrets, c.plaintext);
            pulumi.runtime.setAllConfig(config, secretKeys);
            assert.throws(
                () => program(),
                (err: Error) => {
                    assert.equal(err.name, "ConfigError", err.message);
                    assert.ok(err.message.includes(`litellm-gateway:${c.key}`), `message should name litellm-gateway:${c.key}:\n${err.message}`);
                    if (c.message) assert.match(err.message, c.message);
                    assert.match(err.message, /Fix: /);
                    return true;
                },
            );
            assert.equal(mocks.resources.length, 0, `no resource may be registered, got ${mocks.resources.map((r) => r.type).join(", ")}`);
        });
    }

    test("control: the same harness registers resources for a valid config (so the zero above is meaningful)", async () => {
        const { config, secretKeys } = stackConfig("dev");
        pulumi.runtime.setAllConfig(config, secretKeys);
        program();
        await new Promise((r) => setTimeout(r, 200));
        assert.ok(mocks.resources.length > 5, `expected the dev stack's resources, got ${mocks.resources.length}`);
    });
});
