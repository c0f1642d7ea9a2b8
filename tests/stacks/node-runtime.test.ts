/**
 * One Node image runs everything this project puts in a container (the dev stub, the oke verification Job),
 * and each esbuild bundle targets the Node it runs on: the image's major for those two, the oldest Node the
 * program supports (package.json `engines`) for the verification engine the dynamic provider loads.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_IMAGES } from "../../config/defaults";
import { okeSettings } from "../../config/sections/oke";
import { parseSpec } from "../../config/spec";
import { CONTAINER_NODE_TARGET, nodeTargetOf, PROGRAM_NODE_TARGET } from "../../components/shared/bundle";
import { rawConfig, VALID_PEM } from "../helpers/raw-config";
import { REPO_ROOT } from "../helpers/stack-config";

describe("Node runtime", () => {
    test("the stub and the verification Job default to the same pinned Node 22 LTS image", () => {
        assert.match(DEFAULT_IMAGES.node, /^node:22\.\d+\.\d+-alpine$/);
        assert.equal(parseSpec(rawConfig("dev")).stub.image, DEFAULT_IMAGES.node);
        assert.equal(okeSettings(parseSpec(rawConfig("oke", {}, { ociPrivateKey: VALID_PEM }))).verificationImage, DEFAULT_IMAGES.node);
    });

    test("container bundles target the image's Node; the provider's engine targets the oldest supported Node", () => {
        assert.equal(CONTAINER_NODE_TARGET, "node22");
        const engines = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } }).engines.node;
        assert.equal(PROGRAM_NODE_TARGET, `node${/^>=(\d+)/.exec(engines)?.[1]}`, `package.json engines ${engines}`);
    });

    test("nodeTargetOf reads the major from tags, with or without a digest, and refuses what it cannot read", () => {
        assert.equal(nodeTargetOf("node:22.23.5-alpine"), "node22");
        assert.equal(nodeTargetOf(`node:24.1.0@sha256:${"a".repeat(64)}`), "node24");
        assert.equal(nodeTargetOf("registry.example.com:5000/node:20-bookworm"), "node20");
        assert.throws(() => nodeTargetOf("node:lts-alpine"), /cannot tell the Node major version/);
    });
});
