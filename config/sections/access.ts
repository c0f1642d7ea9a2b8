/**
 * Config section `access`: teams and virtual keys as code (issue #15). Each becomes a LiteLLMTeam or
 * LiteLLMKey resource; keys are delivered as secret stack outputs (dev) or Kubernetes Secrets (oke).
 */
import { z } from "zod";
import type { ConfigProblem } from "../errors";
import { ALIAS_PATTERN } from "../access-formats";
import { fixed, liteLLMDuration, modelName } from "../primitives";

const alias = z.string().regex(ALIAS_PATTERN, fixed("is not a LiteLLM alias", "use 2-255 letters, digits, _ - / . starting and ending with a letter or digit, e.g. search-api"));
const duration = liteLLMDuration;
const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, fixed("is not a Kubernetes namespace name", "use at most 63 lower-case letters, digits and -"));
const secretName = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, fixed("is not a Kubernetes Secret name", "use lower-case letters, digits, - and ."));
const models = z.array(modelName).min(1, fixed("must list at least one model group", "list the declared model groups it may call (an empty list would grant every model)"));
const budgetUsd = z.number().nonnegative(fixed("must not be negative", "set an amount in USD, or remove it for no budget"));
const perMinute = z.number().int(fixed("must be a whole number", "set a whole number per minute")).positive(fixed("must be greater than zero", "set a positive limit, or remove it for no limit"));

export const teamSchema = z
    .object({
        /** `team_alias`: how the team is found (import, the `access` check). */
        alias,
        /** Model groups the team's keys may call. */
        models,
        maxBudgetUsd: budgetUsd.optional(),
        budgetDuration: duration.optional(),
        tpmLimit: perMinute.optional(),
        rpmLimit: perMinute.optional(),
        /** Adopt the existing team with this alias instead of refusing it. Default false. */
        import: z.boolean().optional(),
    })
    .strict();

export const keySchema = z
    .object({
        /** `key_alias`, unique on the gateway. */
        alias,
        /** Alias of a team declared under access.teams. Default: no team. */
        team: alias.optional(),
        models,
        maxBudgetUsd: budgetUsd.optional(),
        budgetDuration: duration.optional(),
        /** Lifetime; default: never expires. */
        duration: duration.optional(),
        metadata: z.record(z.string()).optional(),
        /** Rotation trigger: change the value to revoke the key and issue a new one. */
        rotation: z.string().min(1, fixed("must not be empty", "use any non-empty value, e.g. the date you rotate on")).optional(),
        /** Adopt the existing key with this alias (its value stays unknown until rotated). Default false. */
        import: z.boolean().optional(),
        /** oke: deliver the key as a Secret in a consumer namespace. */
        secret: z.object({ namespace: dnsLabel, name: secretName.optional() }).strict().optional(),
    })
    .strict();

export const accessSchema = z
    .object({
        /** oke: the gateway's admin URL as reachable from where `pulumi up` runs (e.g. through `kubectl port-forward`). */
        adminUrl: z
            .string()
            .regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/, fixed("is not an http(s) base URL", "use e.g. http://127.0.0.1:4000 (with `kubectl port-forward -n litellm svc/litellm 4000:4000` running)"))
            .optional(),
        teams: z.array(teamSchema).optional(),
        keys: z.array(keySchema).optional(),
    })
    .strict();

export type AccessConfig = z.infer<typeof accessSchema>;
export type TeamConfig = z.infer<typeof teamSchema>;
export type KeyConfig = z.infer<typeof keySchema>;

/** The parsed section with its defaults. */
export interface AccessSpec {
    adminUrl?: string;
    teams: TeamConfig[];
    keys: KeyConfig[];
}

/** `search/api_v2` -> `search-api-v2`: the part of a team's or key's resource name that comes from its alias. */
export function aliasSlug(alias: string): string {
    return alias.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** Default Secret name of a delivered key: `litellm-key-<alias>`, made a valid name. */
export function keySecretName(key: Pick<KeyConfig, "alias" | "secret">): string {
    return key.secret?.name ?? `litellm-key-${key.alias.toLowerCase().replace(/[^a-z0-9.-]+/g, "-")}`.slice(0, 253).replace(/[-.]+$/, "");
}

/** Where each delivered key (one with `secret`) lands, in declaration order: its consumer namespace and Secret name. */
export function keyDeliveries(access: Pick<AccessSpec, "keys">): { alias: string; namespace: string; name: string }[] {
    return access.keys.flatMap((k) => (k.secret ? [{ alias: k.alias, namespace: k.secret.namespace, name: keySecretName(k) }] : []));
}

/** Namespaces that receive a key Secret: the NetworkPolicy must let their pods reach the gateway. */
export function consumerNamespaces(access: AccessSpec): string[] {
    return [...new Set(keyDeliveries(access).map((d) => d.namespace))].sort();
}

function duplicates<T>(items: T[], name: (t: T) => string): [number, number][] {
    const seen = new Map<string, number>();
    const out: [number, number][] = [];
    items.forEach((t, i) => {
        const first = seen.get(name(t));
        if (first === undefined) seen.set(name(t), i);
        else out.push([i, first]);
    });
    return out;
}

/**
 * Cross-field rules: aliases unique; every model a declared model group; a key's team declared and its
 * models within the team's; Secrets only on oke, where the admin URL must be given; no Secret for an
 * imported key (its value cannot be read back).
 */
export function accessRules(spec: { project: string; target: string; models: { name: string }[]; access: AccessSpec }): ConfigProblem[] {
    const key = (path: string) => `${spec.project}:access.${path}`;
    const { teams, keys, adminUrl } = spec.access;
    const declared = spec.models.map((m) => m.name);
    const problems: ConfigProblem[] = [];
    const unknownModels = (list: string[], at: string) =>
        list.forEach((m, j) => {
            if (!declared.includes(m)) problems.push({ key: key(`${at}.models[${j}]`), message: `names undeclared model group '${m}'`, fix: `use one of the declared models: ${declared.join(", ")}` });
        });
    for (const [i, first] of duplicates(teams, (t) => t.alias)) problems.push({ key: key(`teams[${i}].alias`), message: `duplicate team alias '${teams[i].alias}' (also teams[${first}])`, fix: "give every team its own alias" });
    for (const [i, first] of duplicates(keys, (k) => k.alias)) problems.push({ key: key(`keys[${i}].alias`), message: `duplicate key alias '${keys[i].alias}' (also keys[${first}])`, fix: "give every key its own alias: LiteLLM refuses a second key with the same alias" });
    for (const [list, kind] of [[teams, "teams"], [keys, "keys"]] as const) {
        for (const [i, first] of duplicates<{ alias: string }>(list, (x) => aliasSlug(x.alias))) {
            if (list[i].alias !== list[first].alias) problems.push({ key: key(`${kind}[${i}].alias`), message: `'${list[i].alias}' and '${list[first].alias}' (${kind}[${first}]) differ only in case or punctuation, so their Pulumi resources would share a name`, fix: "make the aliases differ in letters or digits" });
        }
    }
    teams.forEach((t, i) => unknownModels(t.models, `teams[${i}]`));
    keys.forEach((k, i) => {
        unknownModels(k.models, `keys[${i}]`);
        if (k.team !== undefined) {
            const team = teams.find((t) => t.alias === k.team);
            if (!team) problems.push({ key: key(`keys[${i}].team`), message: `names undeclared team '${k.team}'`, fix: teams.length > 0 ? `use one of the declared teams: ${teams.map((t) => t.alias).join(", ")}` : "declare the team under access.teams, or remove the key's team" });
            else {
                const outside = k.models.filter((m) => !team.models.includes(m));
                if (outside.length > 0) problems.push({ key: key(`keys[${i}].models`), message: `grants ${outside.join(", ")}, which team '${team.alias}' does not have (LiteLLM refuses such a key)`, fix: `limit the key to the team's models (${team.models.join(", ")}) or add the models to the team` });
            }
        }
        if (k.secret && spec.target !== "oke") problems.push({ key: key(`keys[${i}].secret`), message: "Kubernetes Secret delivery only exists on the oke target", fix: "remove it; on dev the key is the secret stack output accessKeys" });
        if (k.secret && k.import) problems.push({ key: key(`keys[${i}].secret`), message: "an imported key's value cannot be delivered: LiteLLM stores only its hash", fix: "drop import to have Pulumi issue a new key (and delete the old one by hand), or deliver the existing value yourself" });
    });
    for (const [i, first] of duplicates(keyDeliveries(spec.access), (d) => `${d.namespace}/${d.name}`)) {
        problems.push({ key: key("keys"), message: `two keys deliver to the same Secret (delivered keys #${first} and #${i})`, fix: "set secret.name on one of them" });
    }
    const declaresAny = teams.length + keys.length > 0;
    if (spec.target === "oke" && declaresAny && !adminUrl) {
        problems.push({ key: key("adminUrl"), message: "is required on oke when teams or keys are declared: the gateway is only reachable inside the cluster", fix: "run `kubectl port-forward -n <namespace> svc/<releaseName> 4000:4000` while Pulumi runs and set `pulumi config set --path access.adminUrl http://127.0.0.1:4000`" });
    }
    if (spec.target === "docker" && adminUrl) {
        problems.push({ key: key("adminUrl"), message: "is only used on oke (dev reaches its gateway on 127.0.0.1)", fix: "remove it with `pulumi config rm --path access.adminUrl`" });
    }
    return problems;
}
