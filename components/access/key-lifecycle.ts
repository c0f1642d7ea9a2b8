/**
 * The lifecycle of a LiteLLM virtual key, Pulumi-free: what LiteLLMKey's provider runs in the provider host.
 * - The raw value is chosen here (`sk-` + 32 random bytes) and sent as `key`, so Pulumi knows it without
 *   LiteLLM ever returning it again, and a create whose answer was lost is recognised by its hash on retry.
 *   It leaves only as the secret `key` output.
 * - id: the key's token (sha256 of the value). Alias, team, models, budget, duration and metadata change in
 *   place (`/key/update`); only `rotation` replaces the key. LiteLLM keeps aliases unique, so the old key
 *   is deleted (revoked) before the new one is created; consumers see the new value when their Secret or
 *   stack output updates. (`/key/regenerate` would keep the row, but it is an Enterprise feature.)
 * - `read` re-reads the key (from the gateway's paged key listing, else `/key/info` by hash), so a refresh
 *   shows models or budget changed by hand.
 * - `importExisting` adopts the key that has the alias. LiteLLM stores only the hash, so an adopted key's
 *   value stays unknown to Pulumi (`key` is empty) until the key is rotated.
 * - Deleting the resource revokes the key (`/key/delete`).
 */
import { randomBytes } from "node:crypto";
import { isUnknown, withoutUndefined } from "../shared/dynamic-provider";
import { keyDrift, KeySettings, keyUpdateBody, LiveKey } from "../../verify/admin-api";
import { AdminClient, AdminConnection, ClientFactory, createAdminClient } from "./admin-client";
import { aliasFailures, canonicalInputs, CheckFailure, connectionChanged, connectionFailures, durationFailures, liveOutputs, modelsFailures, numberFailures } from "./lifecycle-inputs";

export interface KeyInputs extends AdminConnection, KeySettings {
    /** Any value; changing it issues a new key (the old one is revoked). Default: none. */
    rotation?: string;
    /** Adopt the key that already has this alias (import). Default false. */
    importExisting?: boolean;
}

export interface KeyOutputs extends KeyInputs {
    /** The raw key (secret). Empty for an adopted key until it is rotated. */
    key: string;
    /** sha256 of the key: LiteLLM's token, what spend logs record. */
    tokenHash: string;
    /** ISO time the key stops working, or null. */
    expires: string | null;
    imported: boolean;
}

/** Every input change but `rotation` is an in-place update; `importExisting` only matters at create. */
const REPLACING = ["rotation"] as const;

function settingsOf(i: KeyInputs): KeySettings {
    return withoutUndefined({ alias: i.alias, teamId: i.teamId, models: i.models, maxBudgetUsd: i.maxBudgetUsd, budgetDuration: i.budgetDuration, duration: i.duration, metadata: i.metadata });
}

function outputs(inputs: KeyInputs, live: LiveKey, known: { key: string; tokenHash: string; imported: boolean }): KeyOutputs {
    const { foreignMetadata: _ours, ...fields } = live;
    return liveOutputs(inputs, ["teamId", "maxBudgetUsd", "budgetDuration"], { ...fields, ...known });
}

export function keyLifecycle(makeClient: ClientFactory = (c) => createAdminClient(c)) {
    async function mustRead(client: AdminClient, tokenHash: string, alias: string): Promise<LiveKey> {
        const live = await client.keyInfo(tokenHash);
        if (!live) throw new Error(`key "${alias}" is not on the gateway (deleted outside Pulumi?); run \`pulumi refresh\` to issue a new one on the next up`);
        return live;
    }
    return {
        async check(_olds: KeyInputs, news: KeyInputs): Promise<{ inputs: KeyInputs; failures: CheckFailure[] }> {
            const inputs = news as unknown as Record<string, unknown>;
            const failures = [
                ...connectionFailures(news),
                ...aliasFailures(news.alias),
                ...modelsFailures(news.models),
                ...numberFailures(inputs, [{ name: "maxBudgetUsd", integer: false }]),
                ...durationFailures(inputs, ["budgetDuration", "duration"]),
            ];
            if (news.teamId !== undefined && !isUnknown(news.teamId) && (typeof news.teamId !== "string" || news.teamId === "")) failures.push({ property: "teamId", reason: "must be a LiteLLM team id (a LiteLLMTeam's teamId), or absent" });
            if (news.metadata !== undefined && !isUnknown(news.metadata) && Object.values(news.metadata ?? {}).some((v) => typeof v !== "string")) failures.push({ property: "metadata", reason: "values must be strings" });
            return { inputs: canonicalInputs(news), failures };
        },
        async diff(_id: string, olds: KeyOutputs, news: KeyInputs) {
            const changed = [...keyDrift(settingsOf(news), olds), ...(olds.duration !== news.duration ? ["duration"] : []), ...connectionChanged(olds, news)];
            const replaces = REPLACING.filter((f) => (olds[f] ?? "") !== (news[f] ?? ""));
            // Aliases are unique on the gateway: the old key must go before its replacement can take the alias.
            return { changes: changed.length > 0 || replaces.length > 0, replaces: [...replaces] as string[], deleteBeforeReplace: replaces.length > 0, changed: [...changed, ...replaces] };
        },
        async create(inputs: KeyInputs): Promise<{ id: string; outs: KeyOutputs }> {
            const client = makeClient(inputs);
            const existing = await client.keysByAlias(inputs.alias);
            if (existing.length > 0) {
                if (!inputs.importExisting || existing.length > 1) {
                    throw new Error(
                        existing.length > 1
                            ? `${existing.length} keys have the alias "${inputs.alias}"; delete the extras first`
                            : `a key with the alias "${inputs.alias}" already exists; set import: true on it to adopt it (its value stays unknown to Pulumi until rotated), or choose another alias`,
                    );
                }
                const tokenHash = existing[0];
                const live = await mustRead(client, tokenHash, inputs.alias);
                const body = keyUpdateBody(tokenHash, settingsOf(inputs), live, false);
                if (Object.keys(body).length > 1) await client.keyUpdate(body);
                return { id: tokenHash, outs: outputs(inputs, await mustRead(client, tokenHash, inputs.alias), { key: "", tokenHash, imported: true }) };
            }
            const key = `sk-${randomBytes(32).toString("base64url")}`;
            const tokenHash = await client.keyGenerate(key, settingsOf(inputs));
            return { id: tokenHash, outs: outputs(inputs, await mustRead(client, tokenHash, inputs.alias), { key, tokenHash, imported: false }) };
        },
        /** The key as the gateway has it; an empty id when it is gone or revoked. */
        async read(id: string, props: KeyOutputs): Promise<{ id: string; props: KeyOutputs | Record<string, never> }> {
            const live = await makeClient(props).keyRead(id);
            if (!live) return { id: "", props: {} };
            return { id, props: outputs(props, live, { key: props.key ?? "", tokenHash: id, imported: props.imported ?? false }) };
        },
        async update(id: string, olds: KeyOutputs, news: KeyInputs): Promise<{ outs: KeyOutputs }> {
            const client = makeClient(news);
            const live = await mustRead(client, id, news.alias);
            const body = keyUpdateBody(id, settingsOf(news), live, olds.duration !== news.duration);
            const known = { key: olds.key ?? "", tokenHash: id, imported: olds.imported ?? false };
            // Nothing to write (a new connection, or this program's provider code changed): the one read is the outputs.
            if (Object.keys(body).length <= 1) return { outs: outputs(news, live, known) };
            await client.keyUpdate(body);
            return { outs: outputs(news, await mustRead(client, id, news.alias), known) };
        },
        async delete(id: string, props: KeyOutputs): Promise<void> {
            await makeClient(props).keyDelete(id);
        },
    };
}

export type KeyLifecycle = ReturnType<typeof keyLifecycle>;
