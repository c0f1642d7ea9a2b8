/**
 * The program's layers point one way: verify/ (the engine, no Pulumi inside) below components/ below
 * stacks/. No file under verify/ imports from components/ or stacks/, and no file under components/
 * imports from stacks/ (type-only imports and re-exports included). What both sides need sits in the lower
 * one: the LiteLLM admin-API readers in verify/admin-api.ts, the feature result in
 * components/shared/feature-result.ts.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { importsOf, sourceFiles } from "../helpers/imports";

/** The layers from the bottom up, and what each may not import (everything above it). */
const LAYERS = ["verify", "components", "stacks"] as const;

/** `from -> to` for every import that points from a layer into one above it. */
export function upwardImports(graph: Map<string, string[]>): string[] {
    const layerOf = (file: string) => LAYERS.indexOf(file.split(path.sep)[0] as (typeof LAYERS)[number]);
    return [...graph].flatMap(([from, targets]) =>
        targets.filter((to) => layerOf(from) >= 0 && layerOf(to) > layerOf(from)).map((to) => `${from} -> ${to}`),
    );
}

describe("program layering: verify/ below components/ below stacks/", () => {
    test("no file under verify/ imports components/ or stacks/, none under components/ imports stacks/", () => {
        const files = [...sourceFiles("verify"), ...sourceFiles("components")];
        assert.deepEqual(
            upwardImports(new Map(files.map((f) => [f, importsOf(f)]))),
            [],
            "move what both sides need into the lower layer (verify/admin-api.ts, components/shared/), never import upwards",
        );
    });

    test("control: each upward arrow is reported, downward and sideways ones are not", () => {
        const j = (...p: string[]) => path.join(...p);
        const graph = new Map([
            [j("verify", "checks", "access.ts"), [j("components", "access", "admin-api.ts"), j("verify", "admin-api.ts")]],
            [j("verify", "types.ts"), [j("stacks", "features", "types.ts")]],
            [j("components", "k8s", "features.ts"), [j("stacks", "features", "types.ts"), j("components", "shared", "feature-result.ts")]],
            [j("components", "access", "admin-client.ts"), [j("verify", "admin-api.ts")]],
            [j("stacks", "oke.ts"), [j("components", "k8s", "features.ts"), j("verify", "options.ts")]],
        ]);
        assert.deepEqual(upwardImports(graph), [
            `${j("verify", "checks", "access.ts")} -> ${j("components", "access", "admin-api.ts")}`,
            `${j("verify", "types.ts")} -> ${j("stacks", "features", "types.ts")}`,
            `${j("components", "k8s", "features.ts")} -> ${j("stacks", "features", "types.ts")}`,
        ]);
    });

    test("control: the reader sees type-only imports and re-exports", () => {
        assert.ok(importsOf(path.join("components", "k8s", "features.ts")).includes(path.join("components", "shared", "feature-result.ts")), "an `import type` counts");
        assert.ok(importsOf(path.join("stacks", "features", "types.ts")).includes(path.join("components", "shared", "feature-result.ts")), "an `export … from` counts");
    });
});
