/**
 * The verification engine as one minified, packed CommonJS text: what the dynamic provider carries instead
 * of the engine's modules. Pulumi serializes providers by value and re-loads them in another process,
 * where a captured module graph of local files is fragile (reference pulumi.md §3), while a string always
 * serializes. The provider is stored in the run's state, so its size is part of the contract (≤ 50 KB,
 * tests/stacks/provider-size.test.ts): the engine's own code travels packed (about 20 KB for 75 KB), and
 * axios (85 KB minified, with mime-db 220 KB) is left out and `require`d from the project's node_modules.
 * That is safe for this resource alone: its code runs only in `create` and `update`, that is during a
 * `pulumi up` of this project, whose node_modules hold axios; its `read` and `delete` run no engine code.
 */
import { PackedBundle, programBundle } from "../shared/bundle";

export function verificationEngineBundle(): PackedBundle {
    return programBundle("verify/index", ["axios"]);
}
