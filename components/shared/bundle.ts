/**
 * Bundles a TypeScript entry point and everything it imports (including node_modules such as axios)
 * into one self-contained CommonJS file that runs under plain `node` with no `node_modules`.
 *
 * Used at deploy time for code that runs inside containers: the stub upstream on `dev` and the
 * verification engine in the in-cluster Job on `oke`. esbuild does the work; it is deterministic for
 * the same sources, so the bundle's hash only changes when the code does.
 */
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";

export interface Bundle {
    /** The JavaScript text. */
    code: string;
    /** sha256 of `code`, hex: use it to roll containers and Jobs only when the code changes. */
    sha256: string;
}

export function bundleEntry(entryPath: string): Bundle {
    const result = buildSync({
        entryPoints: [entryPath],
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        write: false,
        minify: false,
        legalComments: "none",
        logLevel: "silent",
    });
    if (result.outputFiles.length !== 1) {
        throw new Error(`bundleEntry(${entryPath}): expected one output file, got ${result.outputFiles.length}`);
    }
    const code = result.outputFiles[0].text;
    return { code, sha256: createHash("sha256").update(code).digest("hex") };
}
