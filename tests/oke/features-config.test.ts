/**
 * Cache modes per target and what each mode needs, checked by parseSpec before anything is deployed:
 * every invalid combination names its key; the valid ones parse with their mode fields kept.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError } from "../../config/errors";
import { parseSpec } from "../../config/spec";
import { rawConfig, VALID_PEM } from "../helpers/raw-config";
import { CACHE_NSG, CACHE_SUBNET } from "./features-support";

interface Case {
    name: string;
    stack: "dev" | "oke";
    overrides: Record<string, unknown>;
    secrets?: Record<string, string>;
    plaintext?: string[];
    key: string;
    message: RegExp;
}

const OKE_SECRETS = { ociPrivateKey: VALID_PEM };
const ociCache = { subnetId: CACHE_SUBNET };
const okeOci = {
    region: "us-chicago-1",
    tenancyOcid: "ocid1.tenancy.oc1..aaaaaaaaexampletenancy",
    userOcid: "ocid1.user.oc1..aaaaaaaaexampleuser",
    fingerprint: "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0",
};

const INVALID: Case[] = [
    { name: "container Redis on oke", stack: "oke", overrides: { cache: { enabled: true, mode: "container" } }, key: "cache.mode", message: /'container' is not available on target oke.*in-cluster, oci-cache, external/s },
    { name: "in-cluster Redis on docker", stack: "dev", overrides: { cache: { mode: "in-cluster" } }, key: "cache.mode", message: /not available on target docker/ },
    { name: "OCI Cache on docker", stack: "dev", overrides: { cache: { mode: "oci-cache", oci: ociCache } }, key: "cache.mode", message: /not available on target docker/ },
    { name: "external Redis on docker (the dev cache always runs its own)", stack: "dev", overrides: { cache: { mode: "external", host: "redis.example.com" } }, secrets: { redisPassword: "pw-0123456789" }, key: "cache.mode", message: /use one of: container/ },
    { name: "an unknown mode, even with the cache off", stack: "oke", overrides: { cache: { enabled: false, mode: "memcached" } }, key: "cache.mode", message: /Invalid enum value|expected/i },
    { name: "external without a host", stack: "oke", overrides: { cache: { enabled: true, mode: "external" } }, secrets: { redisPassword: "pw-0123456789" }, key: "cache.host", message: /required when cache.mode is external/ },
    { name: "external without a password", stack: "oke", overrides: { cache: { enabled: true, mode: "external", host: "redis.example.com" } }, key: "redisPassword", message: /required when cache.mode is external/ },
    { name: "external password in plaintext", stack: "oke", overrides: { cache: { enabled: true, mode: "external", host: "redis.example.com" } }, secrets: { redisPassword: "pw-0123456789" }, plaintext: ["redisPassword"], key: "redisPassword", message: /plaintext/ },
    { name: "external host given as a URL", stack: "oke", overrides: { cache: { enabled: true, mode: "external", host: "rediss://redis.example.com:6380" } }, secrets: { redisPassword: "pw" }, key: "cache.host", message: /not a host name/ },
    { name: "external port out of range", stack: "oke", overrides: { cache: { enabled: true, mode: "external", host: "redis.example.com", port: 70000 } }, secrets: { redisPassword: "pw" }, key: "cache.port", message: /TCP port/ },
    { name: "OCI Cache without a subnet", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache" } }, key: "cache.oci.subnetId", message: /required when cache.mode is oci-cache/ },
    { name: "OCI Cache without a compartment", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache", oci: ociCache }, models: [{ name: "chat", upstream: "oci", model: "meta.llama-3.3-70b-instruct" }], fallbacks: [], oci: okeOci }, key: "oci.compartmentId", message: /required when cache.mode is oci-cache/ },
    { name: "OCI Cache with a Redis password (it has none)", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache", oci: ociCache } }, secrets: { redisPassword: "pw-0123456789" }, key: "redisPassword", message: /OCI Cache has no password/ },
    { name: "OCI Cache with a malformed subnet OCID", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache", oci: { subnetId: "subnet-1" } } }, key: "cache.oci.subnetId", message: /OCID/ },
    { name: "OCI Cache with an unknown software version", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache", oci: { ...ociCache, softwareVersion: "redis7" } } }, key: "cache.oci.softwareVersion", message: /VALKEY_7_2/ },
    { name: "OCI Cache nodes below 2 GB", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache", oci: { ...ociCache, nodeMemoryInGbs: 1 } } }, key: "cache.oci.nodeMemoryInGbs", message: /2/ },
    { name: "a misspelt OCI Cache field", stack: "oke", overrides: { cache: { enabled: true, mode: "oci-cache", oci: { ...ociCache, nodeMemoryGb: 4 } } }, key: "cache.oci.nodeMemoryGb", message: /unknown key/ },
    { name: "an external host under in-cluster (forgotten mode)", stack: "oke", overrides: { cache: { enabled: true, host: "redis.example.com" } }, key: "cache.host", message: /only used by cache.mode external, but the mode is in-cluster/ },
    { name: "TLS under in-cluster", stack: "oke", overrides: { cache: { enabled: true, tls: true } }, key: "cache.tls", message: /only used by cache.mode external/ },
    { name: "OCI Cache settings under external", stack: "oke", overrides: { cache: { enabled: true, mode: "external", host: "redis.example.com", oci: ociCache } }, secrets: { redisPassword: "pw" }, key: "cache.oci", message: /only used by cache.mode oci-cache/ },
    { name: "a Redis password for in-cluster Redis (it generates its own)", stack: "oke", overrides: { cache: { enabled: true } }, secrets: { redisPassword: "pw-0123456789" }, key: "redisPassword", message: /generated password/ },
    { name: "observability on oke without a Langfuse host", stack: "oke", overrides: { observability: { enabled: true } }, key: "observability.host", message: /required on oke/ },
];

function problemsOf(c: Pick<Case, "stack" | "overrides" | "secrets" | "plaintext">): ConfigError | undefined {
    const secrets = c.stack === "oke" ? { ...OKE_SECRETS, ...c.secrets } : { ...c.secrets };
    try {
        parseSpec(rawConfig(c.stack, c.overrides, secrets, c.plaintext));
        return undefined;
    } catch (err) {
        if (err instanceof ConfigError) return err;
        throw err;
    }
}

describe("cache, guardrail and observability config on oke: invalid combinations", () => {
    for (const c of INVALID) {
        test(`${c.name} -> ${c.key}`, () => {
            const err = problemsOf(c);
            assert.ok(err, "rejected");
            const named = err.problems.filter((p) => p.key === `litellm-gateway:${c.key}`);
            assert.ok(named.length > 0, `a problem names ${c.key}: ${err.message}`);
            const problem = named.find((p) => c.message.test(`${p.message} ${p.fix}`));
            assert.ok(problem, `a problem under ${c.key} says ${c.message}: ${err.message}`);
            assert.ok(problem.fix.length > 10, "says how to fix it");
        });
    }
});

describe("cache config on oke: valid combinations keep their mode fields", () => {
    test("in-cluster is the oke default and needs nothing else", () => {
        const spec = parseSpec(rawConfig("oke", { cache: { enabled: true } }, OKE_SECRETS));
        assert.equal(spec.cache.mode, "in-cluster");
    });

    test("external keeps host, port and TLS", () => {
        const spec = parseSpec(rawConfig("oke", { cache: { enabled: true, mode: "external", host: "redis.example.com", port: 6380, tls: true } }, { ...OKE_SECRETS, redisPassword: "pw" }));
        assert.deepEqual([spec.cache.host, spec.cache.port, spec.cache.tls, spec.secrets.redisPassword], ["redis.example.com", 6380, true, "pw"]);
    });

    test("oci-cache keeps its OCI settings", () => {
        const oci = { subnetId: CACHE_SUBNET, nsgIds: [CACHE_NSG], nodeCount: 2, nodeMemoryInGbs: 8, softwareVersion: "REDIS_7_0" };
        const spec = parseSpec(rawConfig("oke", { cache: { enabled: true, mode: "oci-cache", oci } }, OKE_SECRETS));
        assert.deepEqual(spec.cache.oci, oci);
    });

    test("a disabled cache may name an oke mode without its settings", () => {
        const spec = parseSpec(rawConfig("oke", { cache: { enabled: false, mode: "oci-cache" } }, OKE_SECRETS));
        assert.equal(spec.cache.enabled, false);
    });
});
