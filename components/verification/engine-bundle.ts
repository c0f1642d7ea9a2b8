/**
 * The verification engine as one self-contained, minified CommonJS text. The dynamic provider captures
 * this string instead of the engine's modules: Pulumi serializes providers by value and re-loads them in
 * another process, where a captured module graph (axios, local files) is fragile (reference pulumi.md §3),
 * while a string always serializes. Minified because the serialized provider is stored in the stack state
 * (about 300 KB instead of 600 KB; axios pulls in mime-db).
 */
import { Bundle, programBundle } from "../shared/bundle";

export function verificationEngineBundle(): Bundle {
    return programBundle("verify/index");
}
