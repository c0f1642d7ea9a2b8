/**
 * The `observability` config section: defaults (off, v4, port 3000), images per major, the mode the stack
 * runs in (self-hosted / external / missing keys), and the config errors for setups that can never work.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LANGFUSE_IMAGES, langfuseMode, langfuseSettings } from "../../config/sections/observability";
import { parseSpec } from "../../config/spec";
import { configProblems, rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

const PK = "pk-lf-0123456789";
const SK = "sk-lf-abcdefghij";
const dev = (observability: Record<string, unknown>, secrets: Record<string, string> = {}) => parseSpec(rawConfig("dev", { observability }, secrets));
const oke = (observability: Record<string, unknown>, secrets: Record<string, string> = {}) =>
    parseSpec(rawConfig("oke", { observability }, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY, ...secrets }));

const problemsOf = configProblems;

describe("observability config", () => {
    it("defaults: off, Langfuse v4 images, UI on port 3000, a login e-mail", () => {
        const s = langfuseSettings(dev({}));
        assert.deepEqual(s, { enabled: false, major: 4, host: undefined, uiPort: 3000, userEmail: "admin@example.com", images: LANGFUSE_IMAGES[4] });
        assert.deepEqual(langfuseMode(dev({})), { kind: "off" });
    });

    it("langfuseMajor 3 switches the web/worker images to the v3 line; single images can be overridden", () => {
        const s = langfuseSettings(dev({ enabled: true, langfuseMajor: 3, images: { clickhouse: "clickhouse/clickhouse-server:26.4.1" } }));
        assert.match(s.images.web, /^langfuse\/langfuse:3\./);
        assert.match(s.images.worker, /^langfuse\/langfuse-worker:3\./);
        assert.equal(s.images.clickhouse, "clickhouse/clickhouse-server:26.4.1");
        for (const images of Object.values(LANGFUSE_IMAGES)) assert.equal(images.web.split(":")[1], images.worker.split(":")[1]);
    });

    it("dev without host is self-hosted; with host and both keys it is external", () => {
        assert.equal(langfuseMode(dev({ enabled: true })).kind, "self-hosted");
        const external = langfuseMode(dev({ enabled: true, host: "https://cloud.langfuse.com/" }, { langfusePublicKey: PK, langfuseSecretKey: SK }));
        assert.deepEqual(external.kind === "external" && [external.host, external.publicKey, external.secretKey], ["https://cloud.langfuse.com", PK, SK]);
    });

    it("missing keys are not an error: tracing is off, with a note naming what is missing", () => {
        const none = langfuseMode(dev({ enabled: true, host: "https://cloud.langfuse.com" }));
        assert.equal(none.kind, "missing-keys");
        assert.match(none.kind === "missing-keys" ? none.reason : "", /langfusePublicKey and langfuseSecretKey are not set, so Langfuse tracing is OFF/);
        const one = langfuseMode(oke({ enabled: true, host: "https://cloud.langfuse.com" }, { langfusePublicKey: PK }));
        assert.match(one.kind === "missing-keys" ? one.reason : "", /but langfuseSecretKey is not set/);
    });

    it("oke: Langfuse is external, so enabling it without a host is a config error", () => {
        const problems = problemsOf(() => oke({ enabled: true }));
        assert.deepEqual(problems.map((p) => p.key), ["litellm-gateway:observability.host"]);
        assert.match(problems[0].fix, /pulumi config set --path observability.host/);
        assert.equal(langfuseMode(oke({ enabled: true, host: "https://cloud.langfuse.com" }, { langfusePublicKey: PK, langfuseSecretKey: SK })).kind, "external");
        assert.equal(langfuseMode(oke({})).kind, "off");
    });

    it("swapped keys, a non-http host, unknown fields, an unpinned image and a bad port are refused with the key", () => {
        assert.match(problemsOf(() => dev({ enabled: true, host: "https://x.example" }, { langfusePublicKey: SK, langfuseSecretKey: PK }))[0].message, /look swapped/);
        assert.deepEqual(problemsOf(() => dev({ host: "ftp://x.example" })).map((p) => p.key), ["litellm-gateway:observability.host"]);
        assert.deepEqual(problemsOf(() => dev({ enabeld: true })).map((p) => p.key), ["litellm-gateway:observability.enabeld"]);
        assert.deepEqual(problemsOf(() => dev({ images: { web: "langfuse/langfuse:latest" } })).map((p) => p.key), ["litellm-gateway:observability.images.web"]);
        assert.deepEqual(problemsOf(() => dev({ uiPort: 70000 })).map((p) => p.key), ["litellm-gateway:observability.uiPort"]);
        assert.deepEqual(problemsOf(() => dev({ userEmail: "admin" })).map((p) => p.key), ["litellm-gateway:observability.userEmail"]);
    });
});
