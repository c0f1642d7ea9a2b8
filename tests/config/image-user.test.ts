/**
 * The uid and gid of an in-cluster Postgres and Redis follow the image: Alpine and Debian official images by
 * tag or name, an explicit override, or a refusal at config time naming the key, the value and the fix.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { imageFlavour, imageRunAs } from "../../config/image-user";
import { parseSpec } from "../../config/spec";
import { configProblems, rawConfig, VALID_PEM } from "../helpers/raw-config";

const oke = (overrides: Record<string, unknown>) => rawConfig("oke", overrides, { ociPrivateKey: VALID_PEM });

describe("image users", () => {
    test("flavour from the tag, or Debian for an official image with a bare version", () => {
        const cases: [string, string | undefined][] = [
            ["postgres:16.6-alpine", "alpine"],
            ["postgres:16.6-alpine3.21", "alpine"],
            ["registry.example.com/mirror/postgres:16.6-alpine", "alpine"],
            ["postgres:16.6", "debian"],
            ["docker.io/library/postgres:16", "debian"],
            ["registry.example.com/library/postgres:16.6", "debian"],
            ["postgres:16.6-bookworm", "debian"],
            ["registry.example.com/platform/pg:16.6-trixie", "debian"],
            ["registry.example.com/platform/pg:16.6", undefined],
            ["bitnami/postgresql:16.6.0", undefined],
            [`postgres@sha256:${"a".repeat(64)}`, undefined],
        ];
        for (const [ref, flavour] of cases) assert.equal(imageFlavour("postgres", ref), flavour, ref);
        assert.equal(imageFlavour("redis", "postgres:16.6"), undefined, "the official name must be the image's own");
    });

    test("the official images' users: postgres 70:70 / 999:999, redis 999:1000 / 999:999; an override wins", () => {
        assert.deepEqual(imageRunAs("postgres", "postgres:16.6-alpine"), { user: 70, group: 70 });
        assert.deepEqual(imageRunAs("postgres", "postgres:16.6"), { user: 999, group: 999 });
        assert.deepEqual(imageRunAs("redis", "redis:7.4.1-alpine"), { user: 999, group: 1000 });
        assert.deepEqual(imageRunAs("redis", "redis:7.4.1-bookworm"), { user: 999, group: 999 });
        assert.deepEqual(imageRunAs("postgres", "registry.example.com/pg:16", { runAsUser: 26 }), { user: 26, group: 26 });
        assert.deepEqual(imageRunAs("redis", "valkey/valkey:8.1.0", { runAsUser: 999, runAsGroup: 1000 }), { user: 999, group: 1000 });
        assert.deepEqual(imageRunAs("postgres", "postgres:16.6-alpine", { runAsGroup: 1234 }), { user: 70, group: 1234 });
        assert.equal(imageRunAs("postgres", "registry.example.com/pg:16"), undefined);
    });

    test("oke refuses an in-cluster image whose user cannot be told, with key, value and fix", () => {
        const problems = configProblems(() => parseSpec(oke({ database: { mode: "in-cluster", image: "registry.example.com/platform/pg:16.6" }, cache: { enabled: true, image: "valkey/valkey:8.1.0" } })));
        const keys = problems.map((p) => p.key);
        assert.deepEqual(keys, ["litellm-gateway:database.image", "litellm-gateway:cache.image"]);
        assert.equal(problems[0].value, '"registry.example.com/platform/pg:16.6"');
        assert.match(problems[0].fix, /database\.runAsUser and database\.runAsGroup/);
        assert.match(problems[1].fix, /cache\.runAsUser/);
    });

    test("an override, another mode, or the dev target needs no flavour", () => {
        assert.doesNotThrow(() => parseSpec(oke({ database: { mode: "in-cluster", image: "registry.example.com/platform/pg:16.6", runAsUser: 26, runAsGroup: 26 } })));
        assert.doesNotThrow(() => parseSpec(oke({ cache: { enabled: false, image: "valkey/valkey:8.1.0" } })));
        assert.doesNotThrow(() => parseSpec(rawConfig("dev", { database: { image: "registry.example.com/platform/pg:16.6" } })));
    });

    test("runAsUser 0 is refused: the pods run as non-root", () => {
        const problems = configProblems(() => parseSpec(oke({ database: { mode: "in-cluster", runAsUser: 0 } })));
        assert.equal(problems[0].key, "litellm-gateway:database.runAsUser");
        assert.match(problems[0].message, /non-root/);
    });
});
