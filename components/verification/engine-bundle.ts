/**
 * The verification engine as one self-contained, minified CommonJS text. The dynamic provider captures
 * this string instead of the engine's modules: Pulumi serializes providers by value and re-loads them in
 * another process, where a captured module graph (axios, local files) is fragile (reference pulumi.md §3),
 * while a string always serializes. Minified because the serialized provider is stored in the stack state
 * (about 300 KB instead of 600 KB; axios pulls in mime-db).
 */
import { Bundle, bundleEntry, PROGRAM_NODE_TARGET, sourceEntry } from "../shared/bundle";

let cached: Bundle | undefined;

export function verificationEngineBundle(): Bundle {
    cached ??= bundleEntry(sourceEntry("verify/index"), { target: PROGRAM_NODE_TARGET, minify: true });
    return cached;
}
