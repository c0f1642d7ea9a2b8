/**
 * The config code reads one way: no import cycle inside config/ (type-only imports included, so a section
 * typed with GatewaySpec while spec.ts imports that section is caught), config never imports what it feeds
 * (components, stacks, the program, the policy pack), and the verification engine never imports config.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { importsOf, sourceFiles } from "../helpers/imports";

/** The import graph among `files`. */
const graphOf = (files: string[]) => new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));

/** Every cycle in an import graph, as a path `a -> b -> a`. */
function cycles(graph: Map<string, string[]>): string[] {
    const found: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (f: string, trail: string[]) => {
        if (state.get(f) === "done") return;
        if (state.get(f) === "open") {
            found.push([...trail.slice(trail.indexOf(f)), f].join(" -> "));
            return;
        }
        state.set(f, "open");
        for (const t of graph.get(f) ?? []) visit(t, [...trail, f]);
        state.set(f, "done");
    };
    for (const f of graph.keys()) visit(f, []);
    return found;
}

describe("config layering", () => {
    const config = sourceFiles("config");

    test("config/ has no import cycle (sections type their inputs structurally, not with GatewaySpec)", () => {
        assert.deepEqual(
            cycles(graphOf(config)),
            [],
            "import GatewaySpec from config/gateway-spec.ts, never config/spec.ts (spec.ts imports the rules); a section file schema.ts imports must not import gateway-spec.ts either: type its input structurally, as CacheRuleInput does",
        );
    });

    test("control: the cycle finder finds a type-only cycle, and reads type imports", () => {
        assert.deepEqual(cycles(new Map([["spec.ts", ["rules.ts"]], ["rules.ts", ["gateway-spec.ts", "spec.ts"]], ["gateway-spec.ts", []]])), ["spec.ts -> rules.ts -> spec.ts"]);
        assert.ok(importsOf("config/gateway-spec.ts").includes(path.join("config", "sections", "cache.ts")), "an `import type` counts");
    });

    test("config imports nothing it feeds: components, stacks, the program, the policy pack", () => {
        const outward = config.flatMap((f) => importsOf(f).filter((t) => /^(components|stacks|policy)\/|^program\.ts$|^index\.ts$/.test(t)).map((t) => `${f} -> ${t}`));
        assert.deepEqual(outward, []);
    });

    test("the verification engine imports no config (it knows nothing of Pulumi or the stack)", () => {
        const inward = sourceFiles("verify").flatMap((f) => importsOf(f).filter((t) => t.startsWith("config/")).map((t) => `${f} -> ${t}`));
        assert.deepEqual(inward, []);
    });
});
