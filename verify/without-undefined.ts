/**
 * Plain data for protobuf: the Pulumi provider host converts every dynamic provider's result with
 * `Struct.fromJavaScript`. A leaf of the engine's layer, so the admin-API readers (verify/admin-api.ts)
 * and the dynamic providers (components/shared/dynamic-provider.ts re-exports it) share one definition.
 */

/**
 * A copy of `value` without `undefined` anywhere. The provider host converts every result with
 * protobuf's `Struct.fromJavaScript`, which throws "Unexpected struct type." on `undefined`, failing
 * the resource after its work was done. An absent field must be omitted, never set to `undefined`.
 */
export function withoutUndefined<T>(value: T): T {
    if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(withoutUndefined) as T;
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)])) as T;
    }
    return value;
}
