/**
 * Recognising secret material by structure. Policies see secret values already unwrapped, so "is it a
 * Pulumi secret" tells us nothing; instead we look at WHERE a value sits (a key or env name that holds
 * secrets) and WHAT it looks like (an `sk-` key, a PEM private key, a URL with a password).
 * Messages name the location and the kind of material, never the value.
 */

/** Final words that make an env var / config key secret (`REDIS_PASSWORD`, `NEXTAUTH_SECRET`, `HF_TOKEN`, `LANGFUSE_SALT`). */
const SECRET_WORDS = new Set(["PASSWORD", "PASSWD", "SECRET", "TOKEN", "SALT", "PASSPHRASE"]);
/** Words that make a final `KEY` secret (`LITELLM_MASTER_KEY`, `OCI_KEY`, `LANGFUSE_PUBLIC_KEY`, `SECRET_KEY`). */
const KEY_QUALIFIERS = new Set(["MASTER", "SALT", "API", "PRIVATE", "ACCESS", "SECRET", "ENCRYPTION", "SIGNING", "OCI", "LANGFUSE", "LICENSE", "AUTH"]);
/** Final words that turn a secret-sounding name into a pointer to a secret (`masterkeySecretName`, `OCI_KEY_FILE`). */
const POINTER_WORDS = new Set(["NAME", "REF", "FILE", "PATH", "DIR", "ENABLED", "ENV", "MOUNT", "LENGTH", "ID"]);
/** `passwordKey`, `usernameKey`: the key INSIDE a Kubernetes Secret that holds the value (Helm chart convention). */
const SECRET_ENTRY_POINTERS = new Set(["PASSWORD", "PASSWD", "USERNAME", "USER", "TOKEN"]);

/** Splits `LITELLM_MASTER_KEY`, `masterKey`, `salt-key`, `db.password` into upper-case words. */
export function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toUpperCase()
        .split(/[^A-Z0-9]+/)
        .filter(Boolean);
}

/**
 * True for names that hold a secret VALUE (not a pointer to one): env vars, config keys, Helm value keys.
 * Only the final word decides, so `PASSWORD_FILE`, `token_counter` or `secret_fields` are not secrets,
 * and `input_cost_per_token` (a price) is explicitly not a token.
 */
export function isSecretName(name: string): boolean {
    const words = nameWords(name);
    if (words.length === 0) return false;
    const last = words[words.length - 1];
    const before = words.slice(0, -1);
    if (POINTER_WORDS.has(last)) return false;
    if (SECRET_WORDS.has(last)) return before[before.length - 1] !== "PER";
    // `masterkey`, `saltkey`, `apikey` written as one word.
    if (/^(MASTER|SALT|API|PRIVATE|ACCESS|SECRET|ENCRYPTION)KEY$/.test(last)) return true;
    if (last !== "KEY" || before.length === 0) return false;
    if (SECRET_ENTRY_POINTERS.has(before[before.length - 1])) return false;
    // LiteLLM's `database_url` is judged by content instead (see urlWithPassword).
    return before.some((w) => KEY_QUALIFIERS.has(w));
}

/**
 * True when a value does not itself carry secret material: empty, an `os.environ/` reference (LiteLLM),
 * a Kubernetes `$(VAR)` expansion, a `${VAR}` placeholder, a YAML null, a boolean flag or a number
 * (`disable_token_counter: true` is a switch, `tpm_per_token: 10` a quota, not a token).
 */
export function isNonSecretValue(value: string): boolean {
    const v = stripQuotes(value.trim());
    if (["", "null", "~", "true", "false"].includes(v.toLowerCase())) return true;
    if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v)) return true;
    if (/^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return true;
    return /^(\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[A-Za-z_][A-Za-z0-9_]*\})$/.test(v);
}

function stripQuotes(v: string): string {
    return v.replace(/^(["'])(.*)\1$/, "$2");
}

const SK_KEY = /(?<![A-Za-z0-9_-])sk-[A-Za-z0-9][A-Za-z0-9_-]{16,}/;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/([^\s:@/'"]*):([^\s@/'"]+)@/gi;

/** A URL such as `postgresql://user:pass@host` whose password is a literal (not `$(DATABASE_PASSWORD)` etc.). */
function urlWithPassword(text: string): boolean {
    for (const match of text.matchAll(URL_USERINFO)) {
        const password = match[2];
        if (!/^(\$\(|\$\{|\{\{|%\(|os\.environ)/.test(password)) return true;
    }
    return false;
}

/** Kinds of secret material found in free text (config files, args, values): empty when clean. */
export function secretContentKinds(text: string): string[] {
    const kinds: string[] = [];
    if (SK_KEY.test(text)) kinds.push("an `sk-` API key");
    if (PEM_PRIVATE_KEY.test(text)) kinds.push("a PEM private key");
    if (urlWithPassword(text)) kinds.push("a URL with an embedded password");
    return kinds;
}

/**
 * At most one finding for a value stored under a name: a secret-named key with a literal value, or else
 * the kinds of secret content it holds. Human-readable, and never includes the value.
 */
export function namedValueFindings(name: string, value: string): string[] {
    if (isSecretName(name) && !isNonSecretValue(value)) return [`"${name}" is a secret name holding a literal value`];
    const kinds = secretContentKinds(value);
    return kinds.length === 0 ? [] : [`"${name}" contains ${kinds.join(" and ")}`];
}

/** File names whose content is `key: value` / `KEY=value` text worth reading line by line. */
export function isConfigFileName(name: string): boolean {
    return /\.(ya?ml|env|json|conf|cfg|ini|properties|toml)$/i.test(name) || !/\.[A-Za-z0-9]+$/.test(name.replace(/^.*\//, ""));
}

/** YAML/.env/JSON-ish `key: value` or `KEY=value` lines; block scalars and nested maps are left to content scanning. */
const KEY_VALUE_LINE = /^\s*(?:-\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/**
 * Secret findings in a config file's text: secret-named keys with literal values (LiteLLM config must say
 * `os.environ/VAR` instead), plus secret content anywhere. `label` names the file in messages.
 */
export function configTextFindings(label: string, text: string): string[] {
    const findings = new Set<string>();
    text.split(/\r?\n/).forEach((line, i) => {
        if (/^\s*#/.test(line)) return;
        const match = KEY_VALUE_LINE.exec(line);
        if (!match) return;
        const [, key, rawValue] = match;
        const value = rawValue.replace(/\s+#.*$/, "");
        if (value === "" || value === "|" || value === ">" || value.startsWith("{") || value.startsWith("[")) return;
        if (isSecretName(key) && !isNonSecretValue(value)) findings.add(`${label} line ${i + 1}: key "${key}" holds a literal secret`);
    });
    for (const kind of secretContentKinds(text)) findings.add(`${label} contains ${kind}`);
    return [...findings];
}
