/**
 * The names every gateway implementation agrees on: env vars the rendered config.yaml refers to
 * (`os.environ/<NAME>`) and in-container paths. Docker and Helm both satisfy this one contract.
 */
export const GATEWAY_ENV = {
    masterKey: "LITELLM_MASTER_KEY",
    saltKey: "LITELLM_SALT_KEY",
    databaseUrl: "DATABASE_URL",
    stubApiBase: "STUB_API_BASE",
    stubApiKey: "STUB_API_KEY",
    fallbackProbePlaceholderKey: "FALLBACK_PROBE_PLACEHOLDER_KEY",
    /** For `openai` upstreams that take no key (config/sections/upstreams.ts upstreamApiKeyEnv names those that do). */
    upstreamNoKeyPlaceholder: "UPSTREAM_NO_KEY_PLACEHOLDER",
    ociRegion: "OCI_REGION",
    ociUser: "OCI_USER",
    ociTenancy: "OCI_TENANCY",
    ociFingerprint: "OCI_FINGERPRINT",
    ociCompartmentId: "OCI_COMPARTMENT_ID",
} as const;

/** Where the OCI API signing key is mounted, read-only, in the gateway container. */
export const OCI_KEY_DIR = "/etc/litellm/oci";
export const OCI_KEY_FILE = `${OCI_KEY_DIR}/oci_api_key.pem`;

/** Where the rendered config.yaml lives in the Docker gateway container. */
export const DOCKER_CONFIG_PATH = "/app/config.yaml";

/** The port LiteLLM listens on inside the container / pod. */
export const GATEWAY_CONTAINER_PORT = 4000;

/** The stub upstream's in-network name and port on dev. */
export const STUB_HOST = "stub-upstream";
export const STUB_PORT = 8080;

/** `os.environ/NAME`: LiteLLM resolves these at startup, so config.yaml never holds a secret. */
export const envRef = (name: string) => `os.environ/${name}`;
