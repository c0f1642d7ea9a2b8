/**
 * GatewaySecrets: every Kubernetes Secret the gateway and the verification Job read, with fixed names
 * so Helm values and Job specs can point at them (names per chart: `gatewaySecretNames`):
 * - `<base>-keys` (`litellm`: `<base>-master-key-secret`): master key and salt key;
 * - `<base>-db` (`litellm`: `<base>-writer-secret`): the Postgres user and password;
 * - `<base>-redis` (`litellm` chart with the cache on): the Redis password the chart's `redis.passwordSecret` reads;
 * - `oci-credentials`: compartment, region, tenancy, user, fingerprint (env) and the API signing key,
 *   which is only ever mounted as a read-only file;
 * - `<base>-env`: secret env vars contributed by optional features, one key per variable.
 * Values go in `stringData` wrapped with pulumi.secret, so they stay encrypted in state.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ChartName } from "../../config/sections/oke";
import { GATEWAY_ENV, OCI_KEY_FILE } from "../gateway/contract";
import { PART_OF } from "./labels";

export const KEYS_SECRET_KEYS = { masterKey: "masterkey", saltKey: "saltkey" } as const;
export const DB_SECRET_KEYS = { username: "username", password: "password" } as const;
/** Key of the password in `<base>-redis` (the official chart's `redis.passwordSecret.passwordKey` default). */
export const REDIS_SECRET_PASSWORD_KEY = "password";

/** Secret names and the master key's key, by chart. */
export interface GatewaySecretNames {
    keys: string;
    masterKeyKey: string;
    db: string;
    env: string;
    redis: string;
}

/**
 * `litellm-helm` takes any names. The official `litellm` chart documents `litellm-master-key-secret` (key
 * `master-key`), `litellm-writer-secret`, `litellm-redis` and `litellm-env`: those, with the release name as the
 * prefix, so the default release gets exactly them and two releases can still share a namespace.
 */
export function gatewaySecretNames(chart: ChartName, base: string): GatewaySecretNames {
    return chart === "litellm"
        ? { keys: `${base}-master-key-secret`, masterKeyKey: "master-key", db: `${base}-writer-secret`, env: `${base}-env`, redis: `${base}-redis` }
        : { keys: `${base}-keys`, masterKeyKey: KEYS_SECRET_KEYS.masterKey, db: `${base}-db`, env: `${base}-env`, redis: `${base}-redis` };
}
export const OCI_CREDENTIALS_SECRET = "oci-credentials";
/** Key of the PEM inside `oci-credentials`; also the file name under OCI_KEY_DIR. */
export const OCI_PRIVATE_KEY_ITEM = OCI_KEY_FILE.slice(OCI_KEY_FILE.lastIndexOf("/") + 1);

export interface OciCredentials {
    region: pulumi.Input<string>;
    compartmentId: pulumi.Input<string>;
    tenancyOcid: pulumi.Input<string>;
    userOcid: pulumi.Input<string>;
    fingerprint: pulumi.Input<string>;
    /** PEM (secret). */
    privateKey: pulumi.Input<string>;
}

export interface GatewaySecretsArgs {
    namespace: pulumi.Input<string>;
    /** Prefix of the Secret names, e.g. `litellm` gives `litellm-keys`, `litellm-db`, `litellm-env`. */
    baseName: string;
    masterKey: pulumi.Input<string>;
    saltKey: pulumi.Input<string>;
    database: { user: pulumi.Input<string>; password: pulumi.Input<string> };
    /** OCI identity for Generative AI models. Default: no `oci-credentials` Secret. */
    oci?: OciCredentials;
    /** Further secret env vars (features), by variable name. Default: none, and no `<base>-env` Secret. */
    env?: Record<string, pulumi.Input<string>>;
    /** Secret names for the chart. Default: gatewaySecretNames("litellm-helm", baseName). */
    names?: GatewaySecretNames;
    /** The Redis password for a chart that reads it from its own Secret (`names.redis`). Default: no such Secret. */
    redisPassword?: pulumi.Input<string>;
}

/** Where a gateway env var is read from: a Secret and the key inside it. */
export interface SecretKeyRef {
    name: string;
    key: string;
}

export class GatewaySecrets extends pulumi.ComponentResource {
    readonly keysSecretName: string;
    /** Where the master key is: the chart's master-key Secret reference and the Job's LITELLM_MASTER_KEY. */
    readonly masterKeyRef: SecretKeyRef;
    readonly dbSecretName: string;
    readonly redisSecretName?: string;
    readonly ociSecretName?: string;
    readonly envSecretName?: string;
    /** Env var name -> Secret key, for every variable these Secrets carry (not the master key: the chart reads it). */
    readonly envRefs: Record<string, SecretKeyRef>;
    readonly secrets: k8s.core.v1.Secret[] = [];

    constructor(name: string, args: GatewaySecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:k8s:GatewaySecrets", name, {}, opts);
        const secret = (role: string, secretName: string, data: Record<string, pulumi.Input<string>>) => {
            const stringData = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)]));
            const s = new k8s.core.v1.Secret(
                `${name}-${role}`,
                { metadata: { name: secretName, namespace: args.namespace, labels: { ...PART_OF } }, type: "Opaque", stringData },
                { parent: this },
            );
            this.secrets.push(s);
            return s;
        };

        const names = args.names ?? gatewaySecretNames("litellm-helm", args.baseName);
        this.keysSecretName = names.keys;
        this.masterKeyRef = { name: names.keys, key: names.masterKeyKey };
        secret("keys", this.keysSecretName, { [names.masterKeyKey]: args.masterKey, [KEYS_SECRET_KEYS.saltKey]: args.saltKey });
        this.dbSecretName = names.db;
        secret("db", this.dbSecretName, { [DB_SECRET_KEYS.username]: args.database.user, [DB_SECRET_KEYS.password]: args.database.password });
        this.envRefs = { [GATEWAY_ENV.saltKey]: { name: this.keysSecretName, key: KEYS_SECRET_KEYS.saltKey } };

        if (args.oci) {
            this.ociSecretName = OCI_CREDENTIALS_SECRET;
            const env = {
                [GATEWAY_ENV.ociRegion]: args.oci.region,
                [GATEWAY_ENV.ociCompartmentId]: args.oci.compartmentId,
                [GATEWAY_ENV.ociTenancy]: args.oci.tenancyOcid,
                [GATEWAY_ENV.ociUser]: args.oci.userOcid,
                [GATEWAY_ENV.ociFingerprint]: args.oci.fingerprint,
            };
            secret("oci-credentials", OCI_CREDENTIALS_SECRET, { ...env, [OCI_PRIVATE_KEY_ITEM]: args.oci.privateKey });
            for (const envName of Object.keys(env)) this.envRefs[envName] = { name: OCI_CREDENTIALS_SECRET, key: envName };
        }

        const featureEnv = args.env ?? {};
        if (Object.keys(featureEnv).length > 0) {
            this.envSecretName = names.env;
            secret("env", this.envSecretName, featureEnv);
            for (const envName of Object.keys(featureEnv)) this.envRefs[envName] = { name: this.envSecretName, key: envName };
        }
        if (args.redisPassword !== undefined) {
            this.redisSecretName = names.redis;
            secret("redis", names.redis, { [REDIS_SECRET_PASSWORD_KEY]: args.redisPassword });
        }
        this.registerOutputs({});
    }
}
