/**
 * The verification engine as one self-contained, minified CommonJS text. The dynamic provider captures
 * this string instead of the engine's modules: Pulumi serializes providers by value and re-loads them in
 * another process, where a captured module graph (axios, local files) is fragile (reference pulumi.md §3),
 * while a string always serializes. Minified because the serialized provider is stored in the stack state
 * (about 300 KB instead of 600 KB; axios pulls in mime-db).
 */
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Bundle } from "../shared/bundle";

let cached: Bundle | undefined;

/** verify/index.ts next to the sources (ts-node, Pulumi), or verify/index.js next to the compiled output (tests). */
export function engineEntryPath(): string {
    const base = join(__dirname, "..", "..", "verify");
    for (const candidate of [join(base, "index.ts"), join(base, "index.js")]) {
        if (existsSync(candidate)) return candidate;
    }
    throw new Error(`verification engine entry not found under ${base}`);
}

export function verificationEngineBundle(): Bundle {
    if (!cached) {
        const result = buildSync({
            entryPoints: [engineEntryPath()],
            bundle: true,
            platform: "node",
            target: "node20",
            format: "cjs",
            write: false,
            minify: true,
            legalComments: "none",
            logLevel: "silent",
        });
        const code = result.outputFiles[0].text;
        cached = { code, sha256: createHash("sha256").update(code).digest("hex") };
    }
    return cached;
}
