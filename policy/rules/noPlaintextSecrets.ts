/**
 * No secret material in plaintext: master key, salt key, DB passwords and URLs, Langfuse keys, the OCI
 * private key and the Redis password never sit in a ConfigMap, a plain Kubernetes env var, container
 * args/command, Helm values, or the rendered LiteLLM config.
 *
 * Docker `envs` are deliberately NOT flagged: a Docker container has no secret store, so env is the only
 * door, and Pulumi encrypts secret inputs in state. Docker `command`/`entrypoints` and `uploads` are
 * flagged: they are visible in `docker inspect`, process listings and files on disk.
 */
import { asArray, asRecord, asString, forEachString } from "./props";
import { DOCKER_CONTAINER, HELM_TYPES, K8S_CONFIG_MAP, K8S_WORKLOADS } from "./resourceTypes";
import { configTextFindings, isConfigFileName, isNonSecretValue, isSecretName, namedValueFindings, secretContentKinds } from "./secretMaterial";
import type { Props, ResourceRule } from "./types";
import { helmValues, podOf } from "./workloads";

const FIX_CONFIG_MAP = "move the value into a Kubernetes Secret and consume it with `secretKeyRef` or a read-only Secret volume";
const FIX_K8S_ENV = "replace `value` with `valueFrom.secretKeyRef` pointing at a Kubernetes Secret";
const FIX_ARGS = "pass the secret through a Secret-backed env var (Docker: `envs`) and let the process read it from the environment";
const FIX_CONFIG_FILE = "render the key as `os.environ/<VAR>` in the LiteLLM config and supply <VAR> from a secret";
const FIX_HELM = "keep secrets out of Helm values: put them in a Kubernetes Secret and reference it (`masterkeySecretName`, `environmentSecrets`, `extraEnvVars[].valueFrom.secretKeyRef`, `os.environ/<VAR>` in `proxy_config`)";

/** Helm value keys that hold a secret value themselves (as opposed to `passwordKey`/`secretName` pointers). */
const HELM_SECRET_LEAF_KEYS = new Set(["masterkey", "password", "postgrespassword", "replicationpassword", "redispassword", "saltkey", "apikey", "token"]);

/** Findings for one argv list (args, command, entrypoints): secret content, `--password=x` and `--password x`. */
export function argvFindings(label: string, argv: unknown): string[] {
    const items = asArray(argv).map(asString);
    const findings: string[] = [];
    items.forEach((arg, i) => {
        if (arg === undefined) return;
        for (const kind of secretContentKinds(arg)) findings.push(`${label}[${i}] contains ${kind}`);
        const flag = /^--?([A-Za-z0-9_.-]+)(?:=(.*))?$/.exec(arg);
        if (!flag || !isSecretName(flag[1])) return;
        const next = items[i + 1];
        // `--token --verbose`: the next item is another flag, not the value.
        const value = flag[2] ?? (next?.startsWith("-") ? undefined : next);
        if (value !== undefined && !isNonSecretValue(value)) findings.push(`${label}[${i}] passes secret flag "--${flag[1]}" a literal value`);
    });
    return findings;
}

function configMapFindings(props: Props): string[] {
    const data = asRecord(props.data) ?? {};
    return Object.entries(data).flatMap(([key, value]) => {
        if (typeof value !== "string") return [];
        // A secret-named entry (env-style ConfigMap) is one finding; a config file is read line by line.
        const named = namedValueFindings(key, value);
        const findings = isSecretName(key) || !isConfigFileName(key) ? named : configTextFindings(`"${key}"`, value);
        return findings.map((f) => `ConfigMap data ${f}. Fix: ${FIX_CONFIG_MAP}.`);
    });
}

/** Findings for a Kubernetes env list: a literal `value` under a secret name, or secret content in any value. */
function envListFindings(label: string, env: unknown): string[] {
    return asArray(env).flatMap((entry, i) => {
        const record = asRecord(entry);
        const name = asString(record?.name);
        const value = asString(record?.value);
        if (!name || value === undefined) return [];
        return namedValueFindings(name, value).map((f) => `${label}[${i}] ${f}`);
    });
}

function workloadFindings(type: string, props: Props): string[] {
    const pod = podOf(type, props);
    if (!pod) return [];
    return pod.containers.flatMap(({ where, container }) => [
        ...envListFindings(`${where}.env`, container.env).map((f) => `${f}. Fix: ${FIX_K8S_ENV}.`),
        ...[...argvFindings(`${where}.command`, container.command), ...argvFindings(`${where}.args`, container.args)].map((f) => `${f}. Fix: ${FIX_ARGS}.`),
    ]);
}

function dockerFindings(props: Props): string[] {
    const argv = [...argvFindings("command", props.command), ...argvFindings("entrypoints", props.entrypoints)].map((f) => `${f}. Fix: ${FIX_ARGS}.`);
    const uploads = asArray(props.uploads).flatMap((u, i) => {
        const upload = asRecord(u);
        if (!upload) return [];
        const file = asString(upload.file) ?? `uploads[${i}]`;
        const text = asString(upload.content) ?? decodeBase64(upload.contentBase64);
        if (text === undefined) return [];
        const label = `uploads[${i}] (${file})`;
        const findings = isConfigFileName(file) ? configTextFindings(label, text) : secretContentKinds(text).map((k) => `${label} contains ${k}`);
        return findings.map((f) => `${f}. Fix: ${FIX_CONFIG_FILE}.`);
    });
    return [...argv, ...uploads];
}

function decodeBase64(v: unknown): string | undefined {
    const encoded = asString(v);
    return encoded === undefined ? undefined : Buffer.from(encoded, "base64").toString("utf8");
}

/** Value subtrees with a dedicated scan below; the generic scan covers everything else. */
const HELM_SCANNED_SUBTREES = new Set(["envVars", "extraEnvVars", "proxy_config"]);

function helmFindings(props: Props): string[] {
    const values = helmValues(props);
    const findings = new Set<string>();
    for (const [name, value] of Object.entries(asRecord(values.envVars) ?? {})) {
        if (typeof value === "string") namedValueFindings(name, value).forEach((f) => findings.add(`values.envVars ${f}`));
    }
    envListFindings("values.extraEnvVars", values.extraEnvVars).forEach((f) => findings.add(f));
    const proxyConfig = values.proxy_config;
    if (typeof proxyConfig === "string") {
        configTextFindings("values.proxy_config", proxyConfig).forEach((f) => findings.add(f));
    } else {
        forEachString(proxyConfig, (path, key, value) => {
            if (isSecretName(key) && !isNonSecretValue(value)) findings.add(`values.proxy_config.${path} holds a literal secret instead of os.environ/<VAR>`);
            for (const kind of secretContentKinds(value)) findings.add(`values.proxy_config.${path} contains ${kind}`);
        });
    }
    for (const [top, subtree] of Object.entries(values)) {
        if (HELM_SCANNED_SUBTREES.has(top)) continue;
        forEachString(subtree, (path, key, value) => {
            const where = path ? `values.${top}.${path}` : `values.${top}`;
            const leafKey = (key || top).toLowerCase().replace(/[^a-z]/g, "");
            if (HELM_SECRET_LEAF_KEYS.has(leafKey) && !isNonSecretValue(value)) findings.add(`${where} holds a literal secret`);
            for (const kind of secretContentKinds(value)) findings.add(`${where} contains ${kind}`);
        });
    }
    return [...findings].map((f) => `Helm ${f}. Fix: ${FIX_HELM}.`);
}

export function checkNoPlaintextSecrets(type: string, props: Props): string[] {
    if (type === K8S_CONFIG_MAP) return configMapFindings(props);
    if (K8S_WORKLOADS.includes(type)) return workloadFindings(type, props);
    if (type === DOCKER_CONTAINER) return dockerFindings(props);
    if (HELM_TYPES.includes(type)) return helmFindings(props);
    return [];
}

export const noPlaintextSecretsRule: ResourceRule = {
    name: "no-plaintext-secrets",
    description: "Secrets (master/salt key, DB and Redis passwords, Langfuse keys, OCI private key) never sit in ConfigMaps, plain env vars, container args, Helm values or the rendered LiteLLM config.",
    enforcementLevel: "mandatory",
    severity: "critical",
    resourceTypes: [K8S_CONFIG_MAP, ...K8S_WORKLOADS, DOCKER_CONTAINER, ...HELM_TYPES],
    check: checkNoPlaintextSecrets,
};
