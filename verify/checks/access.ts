/**
 * `access`: every team and key the stack declares (config `access`) exists on the live gateway with the
 * declared models and budget, and a declared key is held to its models: it can call a declared model and
 * is refused one it was not granted. A hand edit ("a model rename silently breaks scoped consumers") fails
 * the check naming the object and the drifted property.
 *
 * Objects are found as an operator finds them, by alias, in the paged lists: every team from
 * `/v2/team/list` and every key (whole rows) from `/key/list`, 100 a page, one page at a time, so 200
 * declared keys cost 2 key calls and 1 team call, not one call per key. The raw keys to call with come
 * from `accessKeys`; they are never printed (the engine redacts them, and no message here quotes one).
 */
import { canonicalModels, describeDrift, KEY_LIST, keyDrift, listedKey, readAllPages, TEAM_LIST, teamDrift, teamRows } from "../admin-api";
import { bearer, chatCompletion, gatewayRequest } from "../gateway-calls";
import { describeResponse, matchesProxyError } from "../gateway-response";
import { CheckFailure, fail, pass } from "../outcome";
import type { CheckContext, CheckDefinition, DeclaredKey } from "../types";
import { MODEL_DENIED } from "./key-allowlist";

const REMEDY = "it was changed or deleted by hand (UI or admin API) since the last `pulumi up`: `pulumi refresh` shows it, `pulumi up` restores it";

async function adminGet(ctx: CheckContext, url: string, params: Record<string, string> = {}) {
    const res = await gatewayRequest(ctx, { method: "GET", url, params, headers: bearer(ctx.options.masterKey) });
    if (res.status !== 200) throw new CheckFailure({ expected: `GET ${url} → 200`, got: describeResponse(res), cause: "the admin API refused the master key, or the gateway has no database" });
    return res.data as unknown;
}

/** Problems with the declared teams; returns the live team id of each alias found once. */
async function compareTeams(ctx: CheckContext, problems: string[]): Promise<Map<string, string>> {
    const access = ctx.options.access!;
    const ids = new Map<string, string>();
    if (access.teams.length === 0 && !access.keys.some((k) => k.team)) return ids;
    const rows = teamRows({ teams: await readAllPages(TEAM_LIST, (url, params) => adminGet(ctx, url, params)) });
    for (const declared of access.teams) {
        const found = rows.filter((r) => r.alias === declared.alias);
        if (found.length !== 1) {
            problems.push(`team "${declared.alias}": ${found.length === 0 ? "missing on the gateway" : `${found.length} teams share the alias`}`);
            continue;
        }
        ids.set(declared.alias, found[0].teamId);
        const expected = { ...declared, models: canonicalModels(declared.models) };
        const drift = teamDrift(expected, found[0]);
        if (drift.length > 0) problems.push(`team "${declared.alias}": ${describeDrift(drift, expected, found[0])}`);
    }
    return ids;
}

async function compareKeys(ctx: CheckContext, teamIds: Map<string, string>, problems: string[]): Promise<void> {
    const declaredKeys = ctx.options.access!.keys;
    if (declaredKeys.length === 0) return;
    const live = (await readAllPages(KEY_LIST, (url, params) => adminGet(ctx, url, params))).map(listedKey).filter((k) => k !== undefined);
    for (const declared of declaredKeys) {
        const found = live.filter((k) => k.alias === declared.alias);
        if (found.length !== 1) {
            problems.push(`key "${declared.alias}": ${found.length === 0 ? "missing on the gateway" : `${found.length} keys share the alias`}`);
            continue;
        }
        const expected = { alias: declared.alias, teamId: declared.team === undefined ? undefined : (teamIds.get(declared.team) ?? `(team "${declared.team}")`), models: canonicalModels(declared.models), maxBudgetUsd: declared.maxBudgetUsd, budgetDuration: declared.budgetDuration, metadata: declared.metadata ?? {} };
        const drift = keyDrift(expected, found[0]);
        if (drift.length > 0) problems.push(`key "${declared.alias}": ${describeDrift(drift, expected, found[0])}`);
    }
}

/** A model group the key was not granted: another declared group if there is one, else a name no one serves. */
function ungrantedModel(ctx: CheckContext, key: DeclaredKey): string {
    const access = ctx.options.access!;
    const known = [...access.teams.flatMap((t) => t.models), ...access.keys.flatMap((k) => k.models), ctx.options.model, ctx.options.fallbackModel].filter((m): m is string => !!m);
    return canonicalModels(known).find((m) => !key.models.includes(m)) ?? `${ctx.runId}-not-granted`;
}

/** Calls a granted model (200) and an ungranted one (refused) with each key whose value was given. */
async function proveScoping(ctx: CheckContext): Promise<string[]> {
    const proven: string[] = [];
    for (const key of ctx.options.access!.keys) {
        const value = ctx.options.accessKeys?.[key.alias];
        if (!value) continue;
        const granted = canonicalModels(key.models)[0];
        const allowed = await chatCompletion(ctx, { apiKey: value, model: granted });
        if (allowed.status !== 200) {
            throw new CheckFailure({ expected: `key "${key.alias}" can call its model "${granted}" (200)`, got: describeResponse(allowed), cause: "the key is blocked, expired or over budget, or the model is not served" });
        }
        const other = ungrantedModel(ctx, key);
        const denied = await chatCompletion(ctx, { apiKey: value, model: other });
        if (!matchesProxyError(denied, MODEL_DENIED)) {
            throw new CheckFailure({ expected: `key "${key.alias}" is refused "${other}" (401 or 403 key_model_access_denied)`, got: describeResponse(denied), cause: "the key reaches a model it was not granted: its models were widened by hand, or the allowlist is not enforced" });
        }
        proven.push(`"${key.alias}" called "${granted}" and was refused "${other}"`);
    }
    return proven;
}

export const accessCheck: CheckDefinition = {
    id: "access",
    title: "declared teams and keys exist as declared; a declared key is held to its models",
    skipReason: (ctx) => {
        const a = ctx.options.access;
        return a && a.teams.length + a.keys.length > 0 ? undefined : "no teams or keys declared (config access)";
    },
    timeoutMs: (o) => 2 * o.checkTimeoutMs,
    async run(ctx) {
        const access = ctx.options.access!;
        const problems: string[] = [];
        const teamIds = await compareTeams(ctx, problems);
        await compareKeys(ctx, teamIds, problems);
        if (problems.length > 0) return fail({ expected: "every declared team and key on the gateway with the declared models and budget", got: problems.join("; "), cause: REMEDY });
        const proven = await proveScoping(ctx);
        const untried = access.keys.filter((k) => !ctx.options.accessKeys?.[k.alias]).map((k) => `"${k.alias}"`);
        return pass(
            `${access.teams.length} team(s) and ${access.keys.length} key(s) as declared` +
                (proven.length > 0 ? `; ${proven.join("; ")}` : "") +
                (untried.length > 0 ? `; not called (no value given): ${untried.join(", ")}` : ""),
        );
    },
};
