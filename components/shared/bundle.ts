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
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
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
    /** Packages left out, `require`d at run time from the project's node_modules instead. Default none. */
    external?: string[];
}

/**
 * `<repo>/<path>` as a TypeScript source (the program runs from sources under ts-node; the test suite,
 * compiled to build/, bundles the same sources, so it measures and runs what ships) or, when no source is
 * there, as compiled JavaScript. Throws, naming the places, when none exists.
 */
export function sourceEntry(pathWithoutExtension: string): string {
    const here = join(__dirname, "..", "..");
    const roots = basename(here) === "build" ? [join(here, ".."), here] : [here];
    const candidates = roots.flatMap((root) => [`${join(root, pathWithoutExtension)}.ts`, `${join(root, pathWithoutExtension)}.js`]);
    const found = candidates.find((c) => existsSync(c));
    if (!found) throw new Error(`source entry '${pathWithoutExtension}' not found (looked for ${candidates.join(", ")})`);
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
        external: options.external,
        legalComments: "none",
        logLevel: "silent",
    });
    if (result.outputFiles.length !== 1) {
        throw new Error(`bundleEntry(${entryPath}): expected one output file, got ${result.outputFiles.length}`);
    }
    const code = result.outputFiles[0].text;
    return { code, sha256: createHash("sha256").update(code).digest("hex") };
}

/** A bundle as a dynamic provider carries it in state: brotli-compressed, base64. */
export interface PackedBundle extends Bundle {
    /** base64 of the brotli-compressed `code`: what the provider holds (dynamic-provider.ts unpacks it). */
    packed: string;
}

const programBundles = new Map<string, PackedBundle>();

/**
 * `<repo>/<path>` bundled, minified and packed, for the program's own Node: the code a dynamic provider
 * carries as a string, which Pulumi stores in the inputs and outputs of every resource it serves, so its
 * size is part of the contract (tests/stacks/provider-size.test.ts). `external` packages are `require`d
 * from the project's node_modules when the code runs. Built once per program run.
 */
export function programBundle(pathWithoutExtension: string, external: string[] = []): PackedBundle {
    const id = `${pathWithoutExtension} ${external.join(",")}`;
    let bundle = programBundles.get(id);
    if (!bundle) {
        const built = bundleEntry(sourceEntry(pathWithoutExtension), { target: PROGRAM_NODE_TARGET, minify: true, external });
        const packed = brotliCompressSync(built.code, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: built.code.length } }).toString("base64");
        bundle = { ...built, packed };
        programBundles.set(id, bundle);
    }
    return bundle;
}
