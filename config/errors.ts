/**
 * Config errors that name the key, show the value and say how to fix it, collected so the user sees every
 * problem in one run rather than one per `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";

export interface ConfigProblem {
    /** Full key path as the user writes it with `pulumi config set --path`, e.g. `litellm-gateway:models[1].name`. */
    key: string;
    /** The offending value as shown to the user (`displayValue`: secrets masked), when there is one. */
    value?: string;
    message: string;
    fix: string;
}

/**
 * A rejected stack configuration. It is a `pulumi.RunError` on purpose: the SDK's run harness prints a
 * RunError's message alone, while any other error is printed as "failed with an unhandled exception" with
 * its stack trace and properties (`problems`, in colour). So the user sees exactly `formatProblems`.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: ConfigProblem[]) {
        super(formatProblems(problems));
        this.name = "ConfigError";
    }
}

/** Control characters (ANSI escapes included) never reach the terminal, even when a key or value carries them. */
const plain = (text: string) => text.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, "?");

/** The one block the user reads: every problem with its key, value and fix; nothing else. */
export function formatProblems(problems: readonly ConfigProblem[]): string {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    const lines = problems.map((p) =>
        [`  - ${plain(p.key)}: ${plain(p.message)}.`, ...(p.value === undefined ? [] : [`      Value: ${plain(p.value)}`]), `      Fix: ${plain(p.fix)}.`].join("\n"),
    );
    return `Invalid stack configuration (${count}); nothing was deployed:\n${lines.join("\n")}`;
}

/** `["models", 1, "name"]` -> `models[1].name` */
export function formatPath(path: readonly (string | number)[]): string {
    return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

/**
 * `text` as one shell word: as it is when every character is in `safe`, else in single quotes (a `'` inside
 * closes them, is escaped and reopens them).
 */
export const shellWord = (text: string, safe = /^[A-Za-z0-9_.:/@+=-]+$/) => (safe.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** `models[1].name` needs quoting in a shell (brackets are globs); `gateway.port` does not. */
export const shellPath = (path: string) => shellWord(path, /^[A-Za-z0-9_.-]+$/);

export const SECRET_MASK = "[secret]";

/** Text that is secret material whatever key it sits under: a PEM key, an `sk-` key, a URL with a password. */
function looksSecret(text: string): boolean {
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || /\bsk-[A-Za-z0-9_-]{16,}/.test(text) || /:\/\/[^\s/:@]+:[^\s@]+@/.test(text);
}

const MAX_SHOWN = 120;

/**
 * A value as a problem shows it: JSON (strings quoted), shortened, and masked when it is a secret (set with
 * `--secret`, or a secret key) or merely looks like one (a key pasted under the wrong name).
 */
export function displayValue(value: unknown, secret = false): string {
    if (secret) return SECRET_MASK;
    const text = JSON.stringify(value) ?? String(value);
    if (looksSecret(text)) return `${SECRET_MASK} (it looks like secret material: set it with \`pulumi config set --secret\`)`;
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
