/**
 * The dynamic providers behind LiteLLMTeam and LiteLLMKey: thin, serializable shells. Pulumi serializes a
 * provider by value and runs it in the provider host (pulumi.md §3), so each is a plain object literal
 * with no `this`, and the real work (the team and key lifecycles, axios included) travels as one bundled
 * string evaluated on each call. Every result goes through `withoutUndefined` for the host's Struct
 * conversion.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Bundle, programBundle } from "../shared/bundle";
import { loadBundledModule, withoutUndefined } from "../shared/dynamic-provider";
import type { KeyLifecycle } from "./key-lifecycle";
import type { TeamLifecycle } from "./team-lifecycle";

export type AccessKind = "team" | "key";

interface AccessRuntime {
    teamLifecycle(): TeamLifecycle;
    keyLifecycle(): KeyLifecycle;
}

/** components/access/runtime.ts as one minified CommonJS text (built once per program run). */
export function accessRuntimeBundle(): Bundle {
    return programBundle("components/access/runtime");
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the provider interface is untyped at the host boundary */
export function createAccessProvider(kind: AccessKind, code: string): pulumi.dynamic.ResourceProvider {
    // One shared object, so the serialized provider holds the bundle text once, not once per method.
    const runtime = { kind, code };
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
            return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: d.deleteBeforeReplace === true };
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
