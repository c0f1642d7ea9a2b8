/**
 * Realistic resource props, shaped like the inputs of @pulumi/docker 5.2 and @pulumi/kubernetes 4.34
 * (`docker.Container`, `docker.RemoteImage`, `k8s.apps.v1.Deployment`, `k8s.helm.v3.Release`, …) after the
 * engine serialises them. Each builder returns a compliant resource; tests break one thing at a time.
 */
import { DEFAULT_IMAGES, LITELLM_VERSION } from "../../config/defaults";
import { liteLLMImageTag } from "../../config/litellm-release";

export const DIGEST = `sha256:${"ab12".repeat(16)}`;
export const GOOD_LITELLM = DEFAULT_IMAGES.litellm;

/** What our rendered LiteLLM config looks like: every secret is an `os.environ/` reference. */
export const RENDERED_CONFIG = [
    "general_settings:",
    "  database_url: os.environ/DATABASE_URL",
    "  master_key: os.environ/LITELLM_MASTER_KEY",
    "litellm_settings:",
    "  drop_params: true",
    "model_list:",
    "  - litellm_params:",
    "      api_base: http://stub:8080/v1",
    "      api_key: os.environ/STUB_API_KEY",
    "      model: openai/stub-small",
    "    model_info:",
    "      input_cost_per_token: 0.000001",
    "    model_name: stub-small",
    "  - litellm_params:",
    "      model: oci/meta.llama-3.3-70b-instruct",
    "      oci_key_file: /etc/oci/oci_api_key.pem",
    "      oci_compartment_id: os.environ/OCI_COMPARTMENT_ID",
    "    model_name: llama",
    "router_settings:",
    "  fallbacks:",
    "    - stub-small:",
    "        - llama",
    "",
].join("\n");

export function dockerGatewayContainer(): Record<string, unknown> {
    return {
        name: "litellm-gateway-dev",
        image: DIGEST,
        envs: [
            // Docker has no secret store: secrets travel in envs (encrypted in Pulumi state), which is allowed.
            "LITELLM_MASTER_KEY=sk-devmasterkey0123456789abcdef",
            "LITELLM_SALT_KEY=sk-devsaltkey0123456789abcdef",
            "DATABASE_URL=postgresql://litellm:pw0123456789@postgres:5432/litellm",
            "STUB_API_KEY=stub-key",
        ],
        command: ["--config", "/app/config.yaml", "--port", "4000"],
        ports: [{ internal: 4000, external: 4000, ip: "127.0.0.1", protocol: "tcp" }],
        uploads: [{ file: "/app/config.yaml", content: RENDERED_CONFIG }],
        memory: 1024,
        networksAdvanced: [{ name: "litellm-dev", aliases: ["litellm"] }],
        healthcheck: { tests: ["CMD-SHELL", "curl -f http://localhost:4000/health/liveliness || exit 1"], interval: "10s", timeout: "5s", retries: 5 },
        wait: true,
        restart: "unless-stopped",
    };
}

export function dockerPostgresContainer(): Record<string, unknown> {
    return {
        name: "postgres-dev",
        image: `sha256:${"0".repeat(64)}`,
        envs: ["POSTGRES_USER=litellm", "POSTGRES_PASSWORD=pw0123456789", "POSTGRES_DB=litellm"],
        volumes: [{ volumeName: "postgres-data", containerPath: "/var/lib/postgresql/data" }],
        memory: 512,
        networksAdvanced: [{ name: "litellm-dev", aliases: ["postgres"] }],
    };
}

function gatewayPodTemplate(): Record<string, unknown> {
    return {
        metadata: { labels: { "app.kubernetes.io/name": "litellm" } },
        spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
            containers: [
                {
                    name: "litellm",
                    image: `${GOOD_LITELLM}@${DIGEST}`,
                    args: ["--config", "/etc/litellm/config.yaml", "--port", "4000"],
                    env: [
                        { name: "LITELLM_MASTER_KEY", valueFrom: { secretKeyRef: { name: "litellm-secrets", key: "masterKey" } } },
                        { name: "DATABASE_USERNAME", value: "litellm" },
                        { name: "DATABASE_PASSWORD", valueFrom: { secretKeyRef: { name: "postgres", key: "password" } } },
                        // Kubernetes dependent-env expansion: the password never appears in the spec.
                        { name: "DATABASE_URL", value: "postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@postgres:5432/litellm" },
                        { name: "DISABLE_SCHEMA_UPDATE", value: "true" },
                    ],
                    resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
                    securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                    volumeMounts: [{ name: "oci-key", mountPath: "/etc/oci", readOnly: true }],
                },
            ],
            volumes: [{ name: "oci-key", secret: { secretName: "oci-credentials" } }],
        },
    };
}

export function k8sGatewayDeployment(): Record<string, unknown> {
    return {
        metadata: { name: "litellm", namespace: "litellm", labels: { "app.kubernetes.io/name": "litellm" } },
        spec: { replicas: 2, selector: { matchLabels: { "app.kubernetes.io/name": "litellm" } }, template: gatewayPodTemplate() },
    };
}

export function k8sClusterIPService(): Record<string, unknown> {
    return {
        metadata: { name: "presidio-analyzer", namespace: "litellm" },
        spec: { type: "ClusterIP", selector: { app: "presidio-analyzer" }, ports: [{ port: 3000, targetPort: 3000 }] },
    };
}

/** The legacy `litellm-helm` chart's values, the way the oke stack sets them (litellm.md §11 A). */
export function helmLiteLLMRelease(): Record<string, unknown> {
    return {
        name: "litellm",
        namespace: "litellm",
        chart: "oci://docker.litellm.ai/berriai/litellm-helm",
        version: LITELLM_VERSION,
        values: {
            fullnameOverride: "litellm",
            image: { repository: "ghcr.io/berriai/litellm-database", tag: `${liteLLMImageTag(LITELLM_VERSION)}@${DIGEST}`, pullPolicy: "IfNotPresent" },
            masterkeySecretName: "litellm-secrets",
            masterkeySecretKey: "masterKey",
            environmentSecrets: ["litellm-env"],
            envVars: { DISABLE_SCHEMA_UPDATE: "true", LITELLM_LOG: "INFO" },
            service: { type: "ClusterIP", port: 4000 },
            proxy_config: {
                general_settings: { master_key: "os.environ/PROXY_MASTER_KEY", database_url: "os.environ/DATABASE_URL" },
                model_list: [{ model_name: "llama", litellm_params: { model: "oci/meta.llama-3.3-70b-instruct", oci_key_file: "/etc/oci/oci_api_key.pem" } }],
            },
            db: { useExisting: true, deployStandalone: false, endpoint: "postgres", database: "litellm", secret: { name: "postgres", usernameKey: "username", passwordKey: "password" } },
            resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
            podSecurityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
            securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
            migrationJob: { enabled: true, hooks: { helm: { enabled: true }, argocd: { enabled: false } } },
        },
    };
}

/** A deep copy, so a test can break one field without touching the builder's other users. */
export function clone<T>(v: T): T {
    return JSON.parse(JSON.stringify(v)) as T;
}
