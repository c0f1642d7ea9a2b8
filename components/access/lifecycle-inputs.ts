/**
 * Input validation shared by the team and key lifecycles (their providers' `check`): each failure names
 * the property, the bad value and what to do. Values the engine does not know yet (preview) are skipped.
 * Also how both turn inputs into canonical inputs and into outputs.
 */
import { isUnknown, withoutUndefined } from "../shared/dynamic-provider";
import { canonicalModels } from "../../verify/admin-api";
import { ALIAS_PATTERN, DURATION_PATTERN } from "../../config/access-formats";
import type { AdminConnection } from "./admin-client";

export interface CheckFailure {
    property: string;
    reason: string;
}

/** `adminUrl` and `masterKey`, which every admin resource carries so `read` and `delete` can reach the gateway. */
export function connectionFailures(inputs: Partial<AdminConnection>): CheckFailure[] {
    const failures: CheckFailure[] = [];
    if (!isUnknown(inputs.adminUrl) && !/^https?:\/\/[^\s]+$/.test(String(inputs.adminUrl ?? ""))) {
        failures.push({ property: "adminUrl", reason: `must be the gateway's http(s) base URL as reachable from where Pulumi runs, got "${inputs.adminUrl ?? ""}"` });
    }
    if (!isUnknown(inputs.masterKey) && (typeof inputs.masterKey !== "string" || !inputs.masterKey.startsWith("sk-"))) {
        failures.push({ property: "masterKey", reason: "must be the gateway's master key (sk-…)" });
    }
    return failures;
}

export function aliasFailures(alias: unknown): CheckFailure[] {
    if (isUnknown(alias)) return [];
    return typeof alias === "string" && ALIAS_PATTERN.test(alias)
        ? []
        : [{ property: "alias", reason: `"${String(alias)}" is not a LiteLLM alias: 2-255 letters, digits, _ - / . starting and ending with a letter or digit` }];
}

export function modelsFailures(models: unknown): CheckFailure[] {
    if (isUnknown(models)) return [];
    if (!Array.isArray(models) || models.length === 0) return [{ property: "models", reason: "list at least one model group (an empty list would grant every model)" }];
    const bad = models.filter((m) => !isUnknown(m) && (typeof m !== "string" || m === ""));
    return bad.length > 0 ? [{ property: "models", reason: `every entry must be a model group name, got ${JSON.stringify(bad)}` }] : [];
}

/** Optional non-negative numbers (budgets) or positive integers (limits). */
export function numberFailures(inputs: Record<string, unknown>, fields: { name: string; integer: boolean }[]): CheckFailure[] {
    const failures: CheckFailure[] = [];
    for (const { name, integer } of fields) {
        const v = inputs[name];
        if (v === undefined || isUnknown(v)) continue;
        const valid = typeof v === "number" && Number.isFinite(v) && (integer ? Number.isInteger(v) && v > 0 : v >= 0);
        if (!valid) failures.push({ property: name, reason: `${JSON.stringify(v)} is not ${integer ? "a positive whole number" : "an amount in USD of 0 or more"}` });
    }
    return failures;
}

export function durationFailures(inputs: Record<string, unknown>, fields: string[]): CheckFailure[] {
    return fields
        .filter((f) => inputs[f] !== undefined && !isUnknown(inputs[f]) && !(typeof inputs[f] === "string" && DURATION_PATTERN.test(inputs[f] as string)))
        .map((f) => ({ property: f, reason: `${JSON.stringify(inputs[f])} is not a LiteLLM duration: a number and s, m, h, d or mo (e.g. 30d, 1mo)` }));
}

/** The connection fields changed (a new URL or master key): outputs must follow, the object itself is untouched. */
export function connectionChanged(olds: Partial<AdminConnection>, news: Partial<AdminConnection>): string[] {
    return (["adminUrl", "masterKey"] as const).filter((f) => olds[f] !== news[f]);
}

/** Inputs as `check` returns them: models sorted and unique (their order means nothing to LiteLLM), no undefined. */
export function canonicalInputs<T extends { models: string[] }>(inputs: T): T {
    return withoutUndefined({ ...inputs, models: Array.isArray(inputs.models) ? canonicalModels(inputs.models) : inputs.models });
}

/**
 * Outputs: the inputs, with every managed field as the gateway has it now (`live`). `optional` names the
 * managed fields the gateway may lack (a cleared budget): absent from `live`, they must not keep the inputs' value.
 */
export function liveOutputs<T extends object>(inputs: object, optional: readonly string[], live: object): T {
    const base: Record<string, unknown> = { ...inputs };
    for (const f of optional) delete base[f];
    return withoutUndefined({ ...base, ...live }) as T;
}
