/**
 * Keeps keys out of everything the engine prints: report messages, progress lines, errors.
 *
 * LiteLLM itself has echoed raw keys in error bodies (BerriAI/litellm#18731), and axios errors carry
 * request headers, so redaction is applied to every string on its way out rather than trusted to callers.
 */

/** LiteLLM keys are `sk-` + url-safe base64; `sk-...abcd` abbreviations (3 dots) are left readable. */
const SK_KEY = /\bsk-[A-Za-z0-9_-]{4,}/g;
const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;

export const REDACTED = "[REDACTED]";

/** Replaces every `sk-…` key, bearer token and known secret in `text`. Pure. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...knownSecrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out.replace(SK_KEY, `sk-${REDACTED}`).replace(BEARER, `$1${REDACTED}`);
}

/** A growing set of secrets seen during a run (the master key, every key the run created). */
export class Redactor {
    private readonly secrets = new Set<string>();

    constructor(initial: readonly (string | undefined)[] = []) {
        for (const s of initial) this.add(s);
    }

    add(secret: string | undefined): void {
        if (secret && secret.length >= 4) this.secrets.add(secret);
    }

    apply(text: string): string {
        return redactSecrets(text, [...this.secrets]);
    }
}
