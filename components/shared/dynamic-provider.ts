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

/** Evaluates a bundled CommonJS text (components/shared/bundle.ts) and returns its exports. Runs inside the provider host. */
export function loadBundledModule<T>(code: string, filename: string): T {
    const vm = require("node:vm");
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename });
    const mod = { exports: {} as Record<string, unknown> };
    wrapper(mod.exports, require, mod, filename, ".");
    return mod.exports as unknown as T;
}
