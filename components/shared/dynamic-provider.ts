/**
 * What every dynamic provider of this program needs inside Pulumi's provider host (pulumi.md §3): results
 * the host can convert, the engine's marker for unknown inputs, and code shipped as a bundled string.
 * Pulumi-free, and each function stands alone (no module-level state), because providers are serialized
 * by value and re-loaded in another process.
 */

/** What the engine stamps on inputs that are not known yet during preview (sdk/nodejs/runtime/rpc.ts). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** An input the engine does not know yet (preview): validation skips it. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN_SENTINEL;
}

export { withoutUndefined } from "../../verify/without-undefined";

/**
 * Unpacks a packed bundle (components/shared/bundle.ts: brotli, base64) and evaluates it as a CommonJS
 * module, once per process: the provider host serves every resource of a kind from one deserialized
 * provider, and the module's own state (connection slots, listings) must be shared by all of them. Runs
 * inside the provider host; `require` is the serialized provider module's, which resolves packages from
 * the project's node_modules.
 */
export function loadBundledModule<T>(packed: string, filename: string): T {
    const registry = ((globalThis as Record<string, unknown>)["litellm-gateway:bundles"] ??= new Map<string, unknown>()) as Map<string, unknown>;
    const loaded = registry.get(packed);
    if (loaded) return loaded as T;
    const code = require("node:zlib").brotliDecompressSync(Buffer.from(packed, "base64")).toString("utf8");
    const vm = require("node:vm");
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename });
    const mod = { exports: {} as Record<string, unknown> };
    wrapper(mod.exports, require, mod, filename, ".");
    registry.set(packed, mod.exports);
    return mod.exports as unknown as T;
}
