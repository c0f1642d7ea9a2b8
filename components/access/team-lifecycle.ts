/**
 * The lifecycle of a LiteLLM team, Pulumi-free: what LiteLLMTeam's provider runs in the provider host.
 * - id: the team id, chosen here (a uuid) so a create whose answer was lost is recognised on retry;
 * - every declared field is updatable in place (`/team/update`), so nothing forces a replacement;
 * - `read` re-reads the team (from the gateway's paged team listing, else `/team/info`), so a refresh
 *   shows models or budgets changed by hand, and the next `up` puts them back;
 * - `importExisting` adopts a team that already has the alias instead of creating a second one (LiteLLM
 *   does not keep team aliases unique, so without it an existing alias is an error, not a duplicate).
 */
import { randomUUID } from "node:crypto";
import { withoutUndefined } from "../shared/dynamic-provider";
import { TeamSettings, teamDrift } from "../../verify/admin-api";
import { AdminClient, AdminConnection, ClientFactory, createAdminClient, LiveTeam } from "./admin-client";
import { aliasFailures, canonicalInputs, CheckFailure, connectionChanged, connectionFailures, durationFailures, liveOutputs, modelsFailures, numberFailures } from "./lifecycle-inputs";

export interface TeamInputs extends AdminConnection, TeamSettings {
    /** Adopt the team that already has this alias (import). Default false. */
    importExisting?: boolean;
}

export interface TeamOutputs extends TeamInputs {
    teamId: string;
    /** The team existed before and was adopted. */
    imported: boolean;
}

function settingsOf(i: TeamInputs): TeamSettings {
    return withoutUndefined({ alias: i.alias, models: i.models, maxBudgetUsd: i.maxBudgetUsd, budgetDuration: i.budgetDuration, tpmLimit: i.tpmLimit, rpmLimit: i.rpmLimit });
}

function outputs(inputs: TeamInputs, live: LiveTeam, imported: boolean): TeamOutputs {
    return liveOutputs(inputs, ["maxBudgetUsd", "budgetDuration", "tpmLimit", "rpmLimit"], { ...live, imported });
}

export function teamLifecycle(makeClient: ClientFactory = (c) => createAdminClient(c)) {
    async function mustRead(client: AdminClient, teamId: string): Promise<LiveTeam> {
        const live = await client.teamInfo(teamId);
        if (!live) throw new Error(`team ${teamId} is not on the gateway (deleted outside Pulumi?); run \`pulumi refresh\` to recreate it on the next up`);
        return live;
    }
    return {
        async check(_olds: TeamInputs, news: TeamInputs): Promise<{ inputs: TeamInputs; failures: CheckFailure[] }> {
            const failures = [
                ...connectionFailures(news),
                ...aliasFailures(news.alias),
                ...modelsFailures(news.models),
                ...numberFailures(news as unknown as Record<string, unknown>, [{ name: "maxBudgetUsd", integer: false }, { name: "tpmLimit", integer: true }, { name: "rpmLimit", integer: true }]),
                ...durationFailures(news as unknown as Record<string, unknown>, ["budgetDuration"]),
            ];
            return { inputs: canonicalInputs(news), failures };
        },
        /** Fields that differ from the live team (update in place); the connection alone is an update of the outputs. */
        async diff(_id: string, olds: TeamOutputs, news: TeamInputs) {
            const changed = [...teamDrift(settingsOf(news), settingsOf(olds)), ...connectionChanged(olds, news)];
            return { changes: changed.length > 0, replaces: [] as string[], changed };
        },
        async create(inputs: TeamInputs): Promise<{ id: string; outs: TeamOutputs }> {
            const client = makeClient(inputs);
            const existing = await client.teamsByAlias(inputs.alias);
            if (existing.length > 1) throw new Error(`${existing.length} teams have the alias "${inputs.alias}" (${existing.map((t) => t.teamId).join(", ")}); delete the extras or give this team another alias`);
            if (existing.length === 1) {
                if (!inputs.importExisting) {
                    throw new Error(`a team with the alias "${inputs.alias}" already exists (${existing[0].teamId}); set import: true on it to adopt it, or choose another alias`);
                }
                const teamId = existing[0].teamId;
                await client.teamUpdate(teamId, settingsOf(inputs));
                return { id: teamId, outs: outputs(inputs, await mustRead(client, teamId), true) };
            }
            const teamId = randomUUID();
            await client.teamCreate(teamId, settingsOf(inputs));
            return { id: teamId, outs: outputs(inputs, await mustRead(client, teamId), false) };
        },
        /** The team as the gateway has it; an empty id when it is gone (the engine then drops it from state). */
        async read(id: string, props: TeamOutputs): Promise<{ id: string; props: TeamOutputs | Record<string, never> }> {
            const live = await makeClient(props).teamRead(id);
            if (!live) return { id: "", props: {} };
            return { id, props: outputs(props, live, props.imported ?? false) };
        },
        async update(id: string, olds: TeamOutputs, news: TeamInputs): Promise<{ outs: TeamOutputs }> {
            const client = makeClient(news);
            if (teamDrift(settingsOf(news), settingsOf(olds)).length > 0) await client.teamUpdate(id, settingsOf(news));
            return { outs: outputs(news, await mustRead(client, id), olds.imported ?? false) };
        },
        async delete(id: string, props: TeamOutputs): Promise<void> {
            await makeClient(props).teamDelete(id);
        },
    };
}

export type TeamLifecycle = ReturnType<typeof teamLifecycle>;
