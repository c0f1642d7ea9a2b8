import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { imagePinProblem as unpinnedReason, isLiteLLMImage, liteLLMTagProblem as liteLLMVersionProblem, parseImageRef as parseImageReference } from "../../config/image";
import { liteLLMVersionFromTag as parseLiteLLMVersion } from "../../config/litellm-release";
import { checkLiteLLMVersion } from "../../policy/rules/liteLLMVersion";
import { checkImagesPinned, checkImagesPinnedByDigest } from "../../policy/rules/pinnedImages";
import { DOCKER_CONTAINER, DOCKER_REMOTE_IMAGE, HELM_RELEASE, K8S_DEPLOYMENT, K8S_STATEFUL_SET } from "../../policy/rules/resourceTypes";
import { clone, DIGEST, dockerGatewayContainer, GOOD_LITELLM, helmLiteLLMRelease, k8sGatewayDeployment } from "./fixtures";

const remoteImage = (name: string) => ({ name, keepLocally: true });

describe("image references", () => {
    test("registry ports, tags and digests are told apart", () => {
        assert.deepEqual(parseImageReference("localhost:5000/team/app:1.2.3"), { repository: "localhost:5000/team/app", tag: "1.2.3", digest: undefined });
        assert.deepEqual(parseImageReference(`postgres@${DIGEST}`), { repository: "postgres", tag: undefined, digest: DIGEST });
        assert.deepEqual(parseImageReference(`ghcr.io/berriai/litellm:v1.83.10-stable@${DIGEST}`), { repository: "ghcr.io/berriai/litellm", tag: "v1.83.10-stable", digest: DIGEST });
    });

    test("LiteLLM repositories are recognised on every registry it publishes to, and nothing else", () => {
        for (const ref of ["ghcr.io/berriai/litellm:v1.83.10", "ghcr.io/berriai/litellm-database:x", "docker.litellm.ai/berriai/litellm:y", "berriai/litellm-non_root", "docker.io/berriai/litellm"]) {
            assert.ok(isLiteLLMImage(ref), ref);
        }
        for (const ref of ["ghcr.io/berriai/other:1.0.0", "postgres:16.4", "ghcr.io/evil/berriai/litellm:1.90.0", "node:20"]) {
            assert.ok(!isLiteLLMImage(ref), ref);
        }
    });

    test("LiteLLM versions are parsed from every tag style", () => {
        assert.deepEqual(parseLiteLLMVersion("v1.83.10-stable"), [1, 83, 10]);
        assert.deepEqual(parseLiteLLMVersion("main-v1.82.8"), [1, 82, 8]);
        assert.deepEqual(parseLiteLLMVersion("1.82.7"), [1, 82, 7]);
        assert.deepEqual(parseLiteLLMVersion("v1.82.3-stable.patch.2"), [1, 82, 3]);
        assert.equal(parseLiteLLMVersion("main-stable"), undefined);
        assert.equal(parseLiteLLMVersion("v1.83"), undefined);
    });
});

describe("images-pinned (mandatory)", () => {
    test("exact versions and digests pass", () => {
        for (const ref of ["postgres:16.4-alpine", `postgres@${DIGEST}`, GOOD_LITELLM, "node:20.18.1-bookworm-slim", "localhost:5000/stub:0.1.0"]) {
            assert.equal(unpinnedReason(ref), undefined, ref);
        }
        assert.deepEqual(checkImagesPinned(DOCKER_REMOTE_IMAGE, remoteImage("postgres:16.4-alpine")), []);
        assert.deepEqual(checkImagesPinned(K8S_DEPLOYMENT, k8sGatewayDeployment()), []);
        assert.deepEqual(checkImagesPinned(HELM_RELEASE, helmLiteLLMRelease()), []);
    });

    test("moving tags and a missing tag fail, with the fix in the message", () => {
        for (const ref of ["postgres:latest", "ghcr.io/berriai/litellm:main-latest", "ghcr.io/berriai/litellm:main-stable", "redis:stable", "postgres", "node:alpine", "localhost:5000/stub"]) {
            const [message] = checkImagesPinned(DOCKER_REMOTE_IMAGE, remoteImage(ref));
            assert.ok(message, ref);
            assert.match(message, /is not pinned: .*Fix: set `name` to `repo:<version>` or `repo@sha256:<digest>`/);
        }
    });

    test("a malformed digest fails", () => {
        assert.match(unpinnedReason("postgres@sha256:1234") ?? "", /not a valid image reference/);
    });

    test("a Docker container running the RemoteImage's content id passes; one naming a moving tag fails", () => {
        assert.deepEqual(checkImagesPinned(DOCKER_CONTAINER, dockerGatewayContainer()), []);
        assert.equal(checkImagesPinned(DOCKER_CONTAINER, { ...dockerGatewayContainer(), image: "postgres:latest" }).length, 1);
    });

    test("every Kubernetes container is checked, init containers included", () => {
        const sts = { spec: { template: { spec: { initContainers: [{ name: "init", image: "busybox" }], containers: [{ name: "pg", image: "postgres:16.4" }] } } } };
        const messages = checkImagesPinned(K8S_STATEFUL_SET, sts);
        assert.equal(messages.length, 1);
        assert.match(messages[0], /initContainers\[0\] \(init\)\.image/);
    });

    test("Helm values: an empty image.tag, or no image at all for the LiteLLM chart, fails (the chart would run main-<appVersion>)", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        release.values.image.tag = "";
        assert.match(checkImagesPinned(HELM_RELEASE, release)[0], /values\.image.*no tag/);
        delete release.values.image;
        assert.match(checkImagesPinned(HELM_RELEASE, release)[0], /chart default/);
    });

    test("Helm values: nested images (registry/repository/tag objects and image strings) are checked", () => {
        const release = { chart: "some/chart", values: { redis: { image: { registry: "docker.io", repository: "bitnami/redis", tag: "latest" } }, sidecar: { image: "busybox" } } };
        const messages = checkImagesPinned(HELM_RELEASE, release);
        assert.equal(messages.length, 2);
        assert.match(messages[0], /docker\.io\/bitnami\/redis:latest/);
        assert.match(messages[1], /values\.sidecar\.image/);
    });
});

describe("images-pinned-by-digest (advisory)", () => {
    test("a digest-pinned image passes; the Docker content id passes", () => {
        assert.deepEqual(checkImagesPinnedByDigest(DOCKER_REMOTE_IMAGE, remoteImage(`${GOOD_LITELLM}@${DIGEST}`)), []);
        assert.deepEqual(checkImagesPinnedByDigest(DOCKER_CONTAINER, dockerGatewayContainer()), []);
        assert.deepEqual(checkImagesPinnedByDigest(HELM_RELEASE, helmLiteLLMRelease()), []);
    });

    test("a tag-only image fails, suggesting the digest form", () => {
        const [message] = checkImagesPinnedByDigest(DOCKER_REMOTE_IMAGE, remoteImage("postgres:16.4-alpine"));
        assert.match(message, /pinned by tag only.*Fix: append the content digest, e\.g\. "postgres:16\.4-alpine@sha256:<digest>"/);
    });
});

describe("litellm-no-vulnerable-version (mandatory)", () => {
    test("1.104.0 and newer pass, in every tag style", () => {
        for (const tag of ["v1.104.0", "1.108.7", "main-v1.110.2", "v1.111.0-nightly", "v2.0.0"]) {
            assert.equal(liteLLMVersionProblem(tag), undefined, tag);
        }
        assert.deepEqual(checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, remoteImage(`${GOOD_LITELLM}@${DIGEST}`)), []);
        assert.deepEqual(checkLiteLLMVersion(HELM_RELEASE, helmLiteLLMRelease()), []);
        assert.deepEqual(checkLiteLLMVersion(K8S_DEPLOYMENT, k8sGatewayDeployment()), []);
    });

    test("a denied release is refused naming each advisory and its first fixed release", () => {
        assert.match(liteLLMVersionProblem("v1.83.10-stable") ?? "", /CVE-2026-49468 \/ GHSA-4xpc-pv4p-pm3w \(auth bypass.*; fixed in 1\.84\.0\)/);
        for (const tag of ["1.82.7", "main-v1.82.8", "v1.82.8-stable"]) assert.match(liteLLMVersionProblem(tag) ?? "", /MAL-2026-2144 \(compromised PyPI release/, tag);
        for (const tag of ["v1.81.16", "v1.83.3-stable", "v1.83.6-nightly"]) assert.match(liteLLMVersionProblem(tag) ?? "", /CVE-2026-42208/, tag);
        const [message] = checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, remoteImage("ghcr.io/berriai/litellm:v1.100.3"));
        assert.match(message, /GHSA-7hp6-4w63-5g45.*fixed in 1\.100\.4.*Fix: use a release >= 1\.104\.0, e\.g\. "ghcr\.io\/berriai\/litellm:v1\.104\.0"/);
    });

    test("a release below the floor that no advisory names is still refused", () => {
        assert.match(liteLLMVersionProblem("v1.103.1") ?? "", /predates 1\.104\.0/);
    });

    test("an unparseable or missing LiteLLM tag is denied: it cannot be proven safe", () => {
        assert.match(liteLLMVersionProblem("main-stable") ?? "", /cannot tell the LiteLLM release/);
        assert.match(liteLLMVersionProblem(undefined) ?? "", /cannot tell the LiteLLM release/);
        const [message] = checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, remoteImage(`ghcr.io/berriai/litellm@${DIGEST}`));
        assert.match(message, /is denied: cannot tell the LiteLLM release.*Fix: use a release >= 1\.104\.0/);
    });

    test("a vulnerable LiteLLM image is denied wherever it appears: Kubernetes container and Helm values", () => {
        const deployment = clone(k8sGatewayDeployment()) as Record<string, any>;
        deployment.spec.template.spec.containers[0].image = "docker.litellm.ai/berriai/litellm:v1.83.3-stable";
        assert.match(checkLiteLLMVersion(K8S_DEPLOYMENT, deployment)[0], /CVE-2026-42208/);
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        release.values.image.tag = "main-v1.82.8";
        assert.match(checkLiteLLMVersion(HELM_RELEASE, release)[0], /compromised PyPI release/);
    });

    test("non-LiteLLM images are not judged by this rule", () => {
        assert.deepEqual(checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, remoteImage("postgres:1.82.7")), []);
    });
});
