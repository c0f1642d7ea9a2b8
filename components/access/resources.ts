/**
 * LiteLLMTeam and LiteLLMKey: a LiteLLM team and a virtual key as Pulumi resources (dynamic providers,
 * type tokens `pulumi-nodejs:dynamic/access:LiteLLMTeam|LiteLLMKey`). What each property does to the live
 * object (update in place or replace) is documented in team-lifecycle.ts and key-lifecycle.ts.
 *
 * The master key is a secret input; the raw key is a secret output (`additionalSecretOutputs`), so neither
 * is ever in plaintext in the state or the outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { AccessKind, accessRuntimeBundle, createAccessProvider } from "./provider";

interface ConnectionArgs {
    /** Base URL of the gateway's admin API as reachable from where `pulumi up` runs, e.g. `http://127.0.0.1:4000`. */
    adminUrl: pulumi.Input<string>;
    /** The gateway's master key. Always stored as a secret. */
    masterKey: pulumi.Input<string>;
}

/** Both resources: the access provider of their kind, and the master key secret as an input and in state. */
abstract class AccessResource extends pulumi.dynamic.Resource {
    protected constructor(kind: AccessKind, type: string, name: string, props: ConnectionArgs & Record<string, unknown>, opts: pulumi.CustomResourceOptions | undefined, secretOutputs: string[]) {
        super(
            createAccessProvider(kind, accessRuntimeBundle().packed),
            name,
            { ...props, masterKey: pulumi.secret(props.masterKey) },
            { ...opts, additionalSecretOutputs: [...secretOutputs, "masterKey"] },
            "access",
            type,
        );
    }
}

export interface LiteLLMTeamArgs extends ConnectionArgs {
    /** `team_alias`: how people and the `access` check find the team. */
    alias: pulumi.Input<string>;
    /** Model groups the team's keys may call (at least one). */
    models: pulumi.Input<pulumi.Input<string>[]>;
    /** `max_budget` in USD. Default: no budget. */
    maxBudgetUsd?: pulumi.Input<number>;
    /** `budget_duration`, e.g. `30d`: how often spend resets. Default: never. */
    budgetDuration?: pulumi.Input<string>;
    /** Tokens per minute for the whole team. Default: no limit. */
    tpmLimit?: pulumi.Input<number>;
    /** Requests per minute for the whole team. Default: no limit. */
    rpmLimit?: pulumi.Input<number>;
    /** Adopt the existing team with this alias instead of failing on it (import). Default false. */
    importExisting?: pulumi.Input<boolean>;
}

export class LiteLLMTeam extends AccessResource {
    // `declare`, not fields: a class field would reset the output to undefined after super() (pulumi.md §3).
    /** LiteLLM's team id (also the resource id). */
    declare readonly teamId: pulumi.Output<string>;
    declare readonly alias: pulumi.Output<string>;
    /** Models as the gateway has them (sorted): a refresh shows hand edits here. */
    declare readonly models: pulumi.Output<string[]>;
    declare readonly maxBudgetUsd: pulumi.Output<number | undefined>;
    declare readonly imported: pulumi.Output<boolean>;

    constructor(name: string, args: LiteLLMTeamArgs, opts?: pulumi.CustomResourceOptions) {
        super("team", "LiteLLMTeam", name, { teamId: undefined, imported: undefined, ...args }, opts, []);
    }
}

export interface LiteLLMKeyArgs extends ConnectionArgs {
    /** `key_alias`: unique on the gateway; how the key is found for import and by the `access` check. */
    alias: pulumi.Input<string>;
    /** The team the key belongs to (a LiteLLMTeam's `teamId`). Default: no team. */
    teamId?: pulumi.Input<string>;
    /** Model groups the key may call (at least one; within its team's models). */
    models: pulumi.Input<pulumi.Input<string>[]>;
    /** `max_budget` in USD. Default: no budget of its own. */
    maxBudgetUsd?: pulumi.Input<number>;
    /** `budget_duration`, e.g. `30d`. Default: never resets. */
    budgetDuration?: pulumi.Input<string>;
    /** Lifetime, e.g. `90d`; changing it restarts the lifetime from now. Default: never expires. */
    duration?: pulumi.Input<string>;
    /** String labels stored on the key. Default: none. */
    metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** Rotation trigger: any value; changing it revokes the key and issues a new one. Default: none. */
    rotation?: pulumi.Input<string>;
    /** Adopt the existing key with this alias (its value stays unknown until rotated). Default false. */
    importExisting?: pulumi.Input<boolean>;
}

export class LiteLLMKey extends AccessResource {
    /** The raw `sk-…` key. Secret. Empty for an adopted key until it is rotated. */
    declare readonly key: pulumi.Output<string>;
    /** sha256 of the key (LiteLLM's token, the resource id). */
    declare readonly tokenHash: pulumi.Output<string>;
    declare readonly alias: pulumi.Output<string>;
    declare readonly models: pulumi.Output<string[]>;
    declare readonly expires: pulumi.Output<string | null>;
    declare readonly imported: pulumi.Output<boolean>;

    constructor(name: string, args: LiteLLMKeyArgs, opts?: pulumi.CustomResourceOptions) {
        super("key", "LiteLLMKey", name, { key: undefined, tokenHash: undefined, expires: undefined, imported: undefined, ...args }, opts, ["key"]);
    }
}
