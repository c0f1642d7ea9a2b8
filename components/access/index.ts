/**
 * GatewayAccess: the teams and virtual keys a stack declares (config `access`), as LiteLLMTeam and
 * LiteLLMKey resources against a running gateway. Keys reference their team's `teamId`, so Pulumi creates
 * teams first and deletes them last. Each key's raw value is exposed only as a secret Output.
 */
import * as pulumi from "@pulumi/pulumi";
import { aliasSlug, KeyConfig, TeamConfig } from "../../config/sections/access";
import { LiteLLMKey, LiteLLMTeam } from "./resources";

export interface GatewayAccessArgs {
    /** The gateway's admin API as reachable from where `pulumi up` runs. */
    adminUrl: pulumi.Input<string>;
    /** The gateway's master key (kept secret). */
    masterKey: pulumi.Input<string>;
    /** Declared teams (validated config `access.teams`). Default: none. */
    teams?: TeamConfig[];
    /** Declared keys (validated config `access.keys`); `team` names a team alias. Default: none. */
    keys?: KeyConfig[];
}

export class GatewayAccess extends pulumi.ComponentResource {
    readonly teams: Record<string, LiteLLMTeam> = {};
    readonly keys: Record<string, LiteLLMKey> = {};
    /** Raw key values by alias, each a secret Output. */
    readonly keyValues: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: GatewayAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:access:GatewayAccess", name, {}, opts);
        // LiteLLMTeam and LiteLLMKey keep the master key secret themselves.
        const conn = { adminUrl: args.adminUrl, masterKey: args.masterKey };
        for (const t of args.teams ?? []) {
            this.teams[t.alias] = new LiteLLMTeam(
                `${name}-team-${aliasSlug(t.alias)}`,
                { ...conn, alias: t.alias, models: t.models, maxBudgetUsd: t.maxBudgetUsd, budgetDuration: t.budgetDuration, tpmLimit: t.tpmLimit, rpmLimit: t.rpmLimit, importExisting: t.import },
                { parent: this },
            );
        }
        for (const k of args.keys ?? []) {
            const team = k.team === undefined ? undefined : this.teams[k.team];
            if (k.team !== undefined && !team) throw new Error(`GatewayAccess: key "${k.alias}" names team "${k.team}", which is not declared (config validation should have said so)`);
            const key = new LiteLLMKey(
                `${name}-key-${aliasSlug(k.alias)}`,
                {
                    ...conn,
                    alias: k.alias,
                    teamId: team?.teamId,
                    models: k.models,
                    maxBudgetUsd: k.maxBudgetUsd,
                    budgetDuration: k.budgetDuration,
                    duration: k.duration,
                    metadata: k.metadata,
                    rotation: k.rotation,
                    importExisting: k.import,
                },
                { parent: this },
            );
            this.keys[k.alias] = key;
            this.keyValues[k.alias] = pulumi.secret(key.key);
        }
        this.registerOutputs({ keyValues: this.keyValues });
    }
}
