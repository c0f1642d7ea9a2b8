/**
 * The catalog of top-level config keys: type and description for Pulumi.yaml, and which keys hold
 * secrets. A test keeps Pulumi.yaml and the README config reference in step with it.
 */

/**
 * Keys that hold secrets. They are declared in Pulumi.yaml WITHOUT `secret: true` on purpose: Pulumi
 * makes such keys mandatory on every stack and refuses a default for them, which would break the
 * offline `dev` stack (it generates its own keys). The program enforces secrecy instead: a value set
 * without `--secret` is rejected before anything is deployed.
 */
export const SECRET_KEYS = [
    "masterKey",
    "saltKey",
    "databaseUrl",
    "ociPrivateKey",
    "kubeconfig",
    "langfusePublicKey",
    "langfuseSecretKey",
    "redisPassword",
    "upstreamApiKeys",
    "otelHeaders",
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export interface KeyDoc {
    type: "string" | "integer" | "boolean" | "array" | "object";
    description: string;
}

export const SECRET_KEY_DOCS: Record<SecretKey, string> = {
    masterKey: "LiteLLM master key (sk-...). Generated when unset.",
    saltKey: "LITELLM_SALT_KEY encrypting credentials stored in the DB. Generated when unset; never change it once data exists.",
    databaseUrl: "postgresql:// URL, for database.mode external.",
    ociPrivateKey: "PEM private key of the OCI API signing key, for OCI Generative AI models.",
    kubeconfig: "kubeconfig contents for the oke target, instead of oke.clusterId.",
    langfusePublicKey: "Langfuse project public key (pk-lf-...): of an external Langfuse, or provisioned into the self-hosted one on dev (generated when unset).",
    langfuseSecretKey: "Langfuse project secret key (sk-lf-...): of an external Langfuse, or provisioned into the self-hosted one on dev (generated when unset).",
    redisPassword: "Redis password, for cache.mode external.",
    upstreamApiKeys: "JSON object of name -> API key for upstream openai models; a model names its key in apiKeySecret.",
    otelHeaders: "Headers of every OTLP export with observability.mode otel, as name=value,name=value (e.g. x-honeycomb-team=...); each name declared in observability.otel.headers.",
};
