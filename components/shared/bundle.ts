/**
 * Bundles a TypeScript entry point and everything it imports (including node_modules such as axios)
 * into one self-contained CommonJS file that runs under plain `node` with no `node_modules`.
 *
 * Used at deploy time for code that runs inside containers (the stub upstream on `dev`, the verification
 * engine in the in-cluster Job on `oke`) and for the code the dynamic providers carry as a string
 * (programBundle). esbuild does the work; it is deterministic for the same sources, so the bundle's hash
 * only changes when the code does.
 */
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_IMAGES } from "../../config/defaults";

export interface Bundle {
    /** The JavaScript text. */
    code: string;
    /** sha256 of `code`, hex: use it to roll containers and Jobs only when the code changes. */
    sha256: string;
}

/** esbuild's `node<major>` target for the Node release an image tag names (`node:22.23.5-alpine` -> `node22`). */
export function nodeTargetOf(image: string): string {
    const major = /:(\d+)(?:\.|-|$|@)/.exec(image)?.[1];
    if (!major) throw new Error(`nodeTargetOf: cannot tell the Node major version of '${image}'`);
    return `node${major}`;
}

/** Code that runs in the Node image (the dev stub, the in-cluster verification CLI). */
export const CONTAINER_NODE_TARGET = nodeTargetOf(DEFAULT_IMAGES.node);
/** Code that runs in the Pulumi program's own Node, whatever the user has (package.json `engines`: >=22): the dynamic provider's engine. */
export const PROGRAM_NODE_TARGET = "node22";

export interface BundleOptions {
    /** The Node the bundle runs on: CONTAINER_NODE_TARGET or PROGRAM_NODE_TARGET. */
    target: string;
    /** Minify the output (smaller ConfigMaps and state; stack traces get harder to read). Default false. */
    minify?: boolean;
}

/**
 * `<repo>/<path>` as a TypeScript source (the program runs from sources under ts-node) or as compiled
 * JavaScript (the test suite runs from build/). Throws, naming both places, when neither exists.
 */
export function sourceEntry(pathWithoutExtension: string): string {
    const base = join(__dirname, "..", "..", pathWithoutExtension);
    const candidates = [`${base}.ts`, `${base}.js`];
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new Error(`source entry '${pathWithoutExtension}' not found (looked for ${candidates.join(" and ")})`);
    return found;
}

export function bundleEntry(entryPath: string, options: BundleOptions): Bundle {
    const result = buildSync({
        entryPoints: [entryPath],
        bundle: true,
        platform: "node",
        target: options.target,
        format: "cjs",
        write: false,
        minify: options.minify ?? false,
        legalComments: "none",
        logLevel: "silent",
    });
    if (result.outputFiles.length !== 1) {
        throw new Error(`bundleEntry(${entryPath}): expected one output file, got ${result.outputFiles.length}`);
    }
    const code = result.outputFiles[0].text;
    return { code, sha256: createHash("sha256").update(code).digest("hex") };
}

const programBundles = new Map<string, Bundle>();

/**
 * `<repo>/<path>` bundled, minified, for the program's own Node (the code a dynamic provider carries as a
 * string, and Pulumi stores in state: minified keeps it small). Built once per program run.
 */
export function programBundle(pathWithoutExtension: string): Bundle {
    let bundle = programBundles.get(pathWithoutExtension);
    if (!bundle) {
        bundle = bundleEntry(sourceEntry(pathWithoutExtension), { target: PROGRAM_NODE_TARGET, minify: true });
        programBundles.set(pathWithoutExtension, bundle);
    }
    return bundle;
}
