import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { imagePinProblem, isLiteLLMImage, liteLLMImageProblem, parseImageRef } from "../../config/image";
import { liteLLMVersionFromTag } from "../../config/litellm-release";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("image references", () => {
    test("parses registry, port, path, tag and digest", () => {
        assert.deepEqual(parseImageRef("ghcr.io/berriai/litellm:v1.83.10-stable"), { repository: "ghcr.io/berriai/litellm", tag: "v1.83.10-stable", digest: undefined });
        assert.deepEqual(parseImageRef(`localhost:5000/x/y@${DIGEST}`), { repository: "localhost:5000/x/y", tag: undefined, digest: DIGEST });
        assert.deepEqual(parseImageRef(`postgres:16.6@${DIGEST}`), { repository: "postgres", tag: "16.6", digest: DIGEST });
        assert.equal(parseImageRef("Not An Image"), undefined);
        assert.equal(parseImageRef("postgres@sha256:short"), undefined);
    });

    test("pinned means an exact tag or a digest", () => {
        assert.equal(imagePinProblem("postgres:16.6-alpine"), undefined);
        assert.equal(imagePinProblem(`redis@${DIGEST}`), undefined);
        assert.match(imagePinProblem("postgres") ?? "", /no tag or digest/);
        for (const floating of ["latest", "main-latest", "main-stable", "stable"]) {
            assert.match(imagePinProblem(`ghcr.io/berriai/litellm:${floating}`) ?? "", /floating tag/);
        }
    });

    test("LiteLLM versions come from every tag style", () => {
        assert.deepEqual(liteLLMVersionFromTag("v1.83.10-stable"), [1, 83, 10]);
        assert.deepEqual(liteLLMVersionFromTag("main-v1.82.8"), [1, 82, 8]);
        assert.deepEqual(liteLLMVersionFromTag("1.99.1"), [1, 99, 1]);
        assert.deepEqual(liteLLMVersionFromTag("v1.82.3-stable.patch.2"), [1, 82, 3]);
        assert.equal(liteLLMVersionFromTag("main-stable"), undefined);
    });

    test("denies releases an advisory affects or below the floor, and accepts supported ones", () => {
        const denied = ["v1.82.7", "1.82.8", "main-v1.81.16", "v1.83.6-stable", "v1.82.3-stable.patch.2", "v1.83.10-stable", "v1.103.1", "v1.80.0"];
        for (const tag of denied) assert.ok(liteLLMImageProblem(`ghcr.io/berriai/litellm:${tag}`), `${tag} should be denied`);
        assert.match(liteLLMImageProblem("ghcr.io/berriai/litellm:v1.82.7") ?? "", /MAL-2026-2144 \(compromised PyPI release/);
        assert.match(liteLLMImageProblem("ghcr.io/berriai/litellm:v1.83.0") ?? "", /CVE-2026-42208/);
        for (const tag of ["v1.104.0", "v1.108.7", "1.110.2", "main-v1.111.0", `v1.108.7@${DIGEST}`]) {
            assert.equal(liteLLMImageProblem(`ghcr.io/berriai/litellm-database:${tag}`), undefined, tag);
        }
        assert.match(liteLLMImageProblem(`ghcr.io/berriai/litellm@${DIGEST}`) ?? "", /cannot tell the LiteLLM release.*such as v1\.104\.0/);
    });

    test("recognises LiteLLM repositories only", () => {
        assert.ok(isLiteLLMImage("ghcr.io/berriai/litellm:v1.83.10-stable"));
        assert.ok(isLiteLLMImage("docker.litellm.ai/berriai/litellm-database:v1.83.10"));
        assert.ok(!isLiteLLMImage("postgres:16.6"));
    });
});
