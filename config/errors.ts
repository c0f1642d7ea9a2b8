/**
 * Config errors that name the key and say how to fix it, collected so the user sees every problem
 * in one run rather than one per `pulumi up`.
 */
import { z } from "zod";
import type { Fix } from "./primitives";

export interface ConfigProblem {
    /** Full key path as the user writes it with `pulumi config set --path`, e.g. `litellm-gateway:models[1].name`. */
    key: string;
    message: string;
    fix: string;
}

export class ConfigError extends Error {
    constructor(readonly problems: ConfigProblem[]) {
        super(
            `Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was deployed:\n` +
                problems.map((p) => `  - ${p.key}: ${p.message}.\n      Fix: ${p.fix}.`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** `["models", 1, "name"]` -> `models[1].name` */
export function formatPath(path: (string | number)[]): string {
    return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

function defaultFix(issue: z.ZodIssue): string {
    switch (issue.code) {
        case z.ZodIssueCode.invalid_type:
            return issue.received === "undefined" ? `set it (a ${issue.expected})` : `set it to a ${issue.expected}, not a ${issue.received}`;
        case z.ZodIssueCode.invalid_enum_value:
            return `use one of: ${issue.options.join(", ")}`;
        case z.ZodIssueCode.invalid_literal:
            return `use ${JSON.stringify(issue.expected)}`;
        case z.ZodIssueCode.invalid_union:
            return "use one of the documented values (see the config reference in README.md)";
        case z.ZodIssueCode.unrecognized_keys:
            return "remove it or correct its spelling (see the config reference in README.md)";
        case z.ZodIssueCode.too_small:
        case z.ZodIssueCode.too_big:
            return "use a value inside the documented range (see the config reference in README.md)";
        default:
            return "see the config reference in README.md";
    }
}

/** Turns zod issues into ConfigProblems under `prefix` (e.g. `litellm-gateway:gateway`). */
export function problemsFromZod(prefix: string, error: z.ZodError): ConfigProblem[] {
    return error.issues.map((issue) => {
        const base = formatPath([prefix, ...issue.path]);
        if (issue.code === z.ZodIssueCode.unrecognized_keys) {
            return { key: issue.keys.map((k) => `${base}.${k}`).join(", "), message: "unknown key", fix: defaultFix(issue) };
        }
        const fix = (issue as { params?: Partial<Fix> }).params?.fix ?? defaultFix(issue);
        return { key: base, message: issue.message.replace(/^Invalid input$/, "invalid value"), fix };
    });
}
