/**
 * Problems that come from how the Pulumi CLI writes config, each with the exact command that puts it right:
 * - `pulumi config set gateway.port 8080` (no `--path`) sets a key literally named `gateway.port`, so the
 *   program sees an unknown key instead of a field of `gateway`;
 * - a first `pulumi config set --path 'models[0].upstream' oci` writes a new `models` list into the stack
 *   file, and the CLI never merges the default models of Pulumi.yaml into it (it applies a project default
 *   only to a top-level key the stack does not set), so the entry lacks its other fields.
 */
import { DEFAULT_MODELS } from "./defaults";
import { displayValue, shellPath, shellWord, type ConfigProblem } from "./errors";
import { closest } from "./zod-problems";

/** A project-namespace key the program does not read, as the SDK handed it over. */
export interface UnknownKey {
    key: string;
    /** The text Pulumi passed (JSON for structured values). */
    value: string;
    isSecret: boolean;
}

/** An unknown key, explained: set without `--path` when it starts with a section name, else a typo. */
export function unknownKeyProblem(project: string, unknown: UnknownKey, sections: readonly string[], topLevelKeys: readonly string[]): ConfigProblem {
    const value = displayValue(unknown.value, unknown.isSecret);
    const section = /^([A-Za-z0-9_-]+)[.[]/.exec(unknown.key)?.[1];
    if (section !== undefined && sections.includes(section)) {
        const set = unknown.isSecret ? `pulumi config set --path --secret ${shellPath(unknown.key)} <value>` : `pulumi config set --path ${shellPath(unknown.key)} ${shellWord(unknown.value)}`;
        return {
            key: `${project}:${unknown.key}`,
            value,
            message: `is an unknown key: it was set without --path, so it names a key literally called "${unknown.key}" rather than a field of ${section}`,
            fix: `remove it and set the field with --path: \`pulumi config rm ${shellPath(unknown.key)} && ${set}\``,
        };
    }
    const guess = closest(unknown.key, topLevelKeys);
    return {
        key: `${project}:${unknown.key}`,
        value,
        message: "is an unknown key of this project",
        fix: `${guess ? `did you mean ${guess}? ` : ""}remove it with \`pulumi config rm ${shellPath(unknown.key)}\`; the keys are: ${topLevelKeys.join(", ")}`,
    };
}

const OCI_EXAMPLE_MODEL = "meta.llama-3.3-70b-instruct";

/** The value a missing field of `models[i]` is best set to, given what the entry already holds. */
function suggestion(field: string, i: number, entry: Record<string, unknown>): string {
    const fallback = DEFAULT_MODELS[i];
    const upstream = typeof entry.upstream === "string" ? entry.upstream : typeof entry.model === "string" && !entry.model.startsWith("stub") ? "oci" : fallback?.upstream ?? "stub";
    switch (field) {
        case "name":
            return fallback?.name ?? `model-${i}`;
        case "upstream":
            return upstream;
        case "model":
            return upstream === "oci" ? OCI_EXAMPLE_MODEL : fallback?.model ?? "stub-model";
        default:
            return "<value>";
    }
}

const listed = (items: readonly string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/**
 * One problem per `models` entry that lacks required fields (what a first `--path` edit leaves), with the
 * commands that complete it; `entries` are their indices, so the caller drops zod's per-field "Required".
 */
export function incompleteModels(project: string, stack: string, models: unknown, required: readonly string[]): { problems: ConfigProblem[]; entries: Set<number> } {
    const problems: ConfigProblem[] = [];
    const entries = new Set<number>();
    if (!Array.isArray(models)) return { problems, entries };
    models.forEach((item: unknown, i) => {
        if (item === null || typeof item !== "object" || Array.isArray(item)) return;
        const entry = item as Record<string, unknown>;
        const missing = required.filter((field) => entry[field] === undefined);
        if (missing.length === 0) return;
        entries.add(i);
        const commands = missing.map((field) => `pulumi config set --path 'models[${i}].${field}' ${suggestion(field, i, entry)}`).join(" && ");
        const keepSecond = models.length === 1 ? "; to keep a second model for fallbacks, set models[1].name, models[1].upstream and models[1].model the same way" : "";
        problems.push({
            key: `${project}:models[${i}]`,
            value: displayValue(entry),
            message:
                `is missing ${listed(missing)}. A \`pulumi config set --path 'models[${i}]…'\` edit writes a new models list into Pulumi.${stack}.yaml, ` +
                `and Pulumi does not merge the default models of Pulumi.yaml (${DEFAULT_MODELS.map((m) => m.name).join(", ")}) into it`,
            fix: `set ${missing.length === 1 ? "it" : "them"}: \`${commands}\`${keepSecond}`,
        });
    });
    return { problems, entries };
}
