/**
 * The dynamic providers behind LiteLLMTeam and LiteLLMKey: thin, serializable shells. Pulumi serializes a
 * provider by value into the inputs and the outputs of every resource it serves, and runs it in the
 * provider host (pulumi.md §3), so each is a plain object literal with no `this`, and the real work (the
 * team and key lifecycles, over `fetch`) travels as one packed bundle (about 6 KB), evaluated once per host.
 * Every result goes through `withoutUndefined` for the host's Struct conversion.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PackedBundle, programBundle } from "../shared/bundle";
import { loadBundledModule, withoutUndefined } from "../shared/dynamic-provider";
import type { KeyLifecycle } from "./key-lifecycle";
import type { TeamLifecycle } from "./team-lifecycle";

export type AccessKind = "team" | "key";

interface AccessRuntime {
    teamLifecycle(): TeamLifecycle;
    keyLifecycle(): KeyLifecycle;
}

/** components/access/runtime.ts, minified and packed (built once per program run). */
export function accessRuntimeBundle(): PackedBundle {
    return programBundle("components/access/runtime");
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the provider interface is untyped at the host boundary */
export function createAccessProvider(kind: AccessKind, packedCode: string): pulumi.dynamic.ResourceProvider {
    // One shared object, so the serialized provider holds the bundle text once, not once per method.
    const runtime = { kind, code: packedCode };
    const lifecycle = (): any => {
        const mod = loadBundledModule<AccessRuntime>(runtime.code, "litellm-gateway-access.js");
        return runtime.kind === "team" ? mod.teamLifecycle() : mod.keyLifecycle();
    };
    return {
        async check(olds: any, news: any) {
            const { inputs, failures } = await lifecycle().check(olds, news);
            return failures.length > 0 ? { inputs: withoutUndefined(inputs), failures } : { inputs: withoutUndefined(inputs) };
        },
        async diff(id: string, olds: any, news: any) {
            const d = await lifecycle().diff(id, olds, news);
            // State written by other provider code (an upgrade of this program, e.g. from the 300 KB axios
            // bundle): an in-place update that writes nothing to the gateway moves this code into the outputs,
            // so refresh and destroy run it and the old text leaves the state. Never a replacement.
            const codeChanged = typeof olds?.__provider === "string" && typeof news?.__provider === "string" && olds.__provider !== news.__provider;
            return { changes: d.changes || codeChanged, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace === true };
        },
        async create(inputs: any) {
            const { id, outs } = await lifecycle().create(inputs);
            return { id, outs: withoutUndefined(outs) };
        },
        async read(id: string, props: any) {
            const result = await lifecycle().read(id, props);
            return { id: result.id, props: withoutUndefined(result.props) };
        },
        async update(id: string, olds: any, news: any) {
            const { outs } = await lifecycle().update(id, olds, news);
            return { outs: withoutUndefined(outs) };
        },
        async delete(id: string, props: any) {
            await lifecycle().delete(id, props);
        },
    };
}
