import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkNoPlaintextSecrets } from "../../policy/rules/noPlaintextSecrets";
import { DOCKER_CONTAINER, HELM_RELEASE, K8S_CONFIG_MAP, K8S_DEPLOYMENT, K8S_JOB } from "../../policy/rules/resourceTypes";
import { isSecretName, secretContentKinds } from "../../policy/rules/secretMaterial";
import { clone, dockerGatewayContainer, dockerPostgresContainer, helmLiteLLMRelease, k8sGatewayDeployment, RENDERED_CONFIG } from "./fixtures";

const MASTER_KEY = "sk-Zq8vB1x9LmN4pR7tY2wK5c";
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";

function gatewayEnv(deployment: Record<string, any>): Record<string, unknown>[] {
    return deployment.spec.template.spec.containers[0].env;
}

describe("secret material recognition", () => {
    test("secret names are recognised; pointers to secrets and look-alikes are not", () => {
        for (const name of ["LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "PROXY_MASTER_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD", "LANGFUSE_SECRET_KEY", "LANGFUSE_PUBLIC_KEY", "OCI_KEY", "NEXTAUTH_SECRET", "HF_TOKEN", "api_key", "master_key", "masterkey", "OPENAI_API_KEY"]) {
            assert.ok(isSecretName(name), name);
        }
        for (const name of ["OCI_KEY_FILE", "masterkeySecretName", "POSTGRES_PASSWORD_FILE", "max_tokens", "DATABASE_HOST", "PWD", "LITELLM_LOG", "disable_master_key_return", "passwordKey", "input_cost_per_token", "token_counter", "GOOGLE_APPLICATION_CREDENTIALS"]) {
            assert.ok(!isSecretName(name), name);
        }
    });

    test("content detection: sk- keys of 20+ chars, PEM private keys, URLs with literal passwords", () => {
        assert.deepEqual(secretContentKinds(`key=${MASTER_KEY}`), ["an `sk-` API key"]);
        assert.deepEqual(secretContentKinds("sk-short"), []);
        assert.deepEqual(secretContentKinds(PEM), ["a PEM private key"]);
        assert.deepEqual(secretContentKinds("postgresql://litellm:hunter2@db:5432/litellm"), ["a URL with an embedded password"]);
        assert.deepEqual(secretContentKinds("redis://:hunter2@redis:6379/0"), ["a URL with an embedded password"]);
        assert.deepEqual(secretContentKinds("postgresql://$(DATABASE_USERNAME):$(DATABASE_PASSWORD)@db/litellm"), []);
        assert.deepEqual(secretContentKinds("http://stub:8080/v1"), []);
    });
});

describe("no-plaintext-secrets: ConfigMaps", () => {
    test("a ConfigMap holding the rendered config with os.environ references passes", () => {
        assert.deepEqual(checkNoPlaintextSecrets(K8S_CONFIG_MAP, { metadata: { name: "litellm-config" }, data: { "config.yaml": RENDERED_CONFIG, LITELLM_LOG: "INFO" } }), []);
    });

    test("a literal master key in the config file, an env-style secret key, and a PEM key all fail", () => {
        const data = {
            "config.yaml": RENDERED_CONFIG.replace("master_key: os.environ/LITELLM_MASTER_KEY", `master_key: ${MASTER_KEY}`),
            REDIS_PASSWORD: "hunter2",
            "oci_api_key.pem": PEM,
        };
        const messages = checkNoPlaintextSecrets(K8S_CONFIG_MAP, { data });
        assert.ok(messages.some((m) => /"config\.yaml" line 3: key "master_key" holds a literal secret/.test(m)), messages.join("\n"));
        assert.ok(messages.some((m) => /"REDIS_PASSWORD" is a secret name holding a literal value/.test(m)));
        assert.ok(messages.some((m) => /"oci_api_key\.pem" contains a PEM private key/.test(m)));
        assert.ok(messages.every((m) => m.includes("Fix: move the value into a Kubernetes Secret")));
        assert.ok(messages.every((m) => !m.includes(MASTER_KEY) && !m.includes("hunter2")), "messages never echo the secret");
    });
});

describe("no-plaintext-secrets: Kubernetes workloads", () => {
    test("secretKeyRef env vars and a $(VAR)-expanded DATABASE_URL pass", () => {
        assert.deepEqual(checkNoPlaintextSecrets(K8S_DEPLOYMENT, k8sGatewayDeployment()), []);
    });

    test("a plain `value` for the master key fails with the secretKeyRef fix", () => {
        const deployment = clone(k8sGatewayDeployment()) as Record<string, any>;
        gatewayEnv(deployment)[0] = { name: "LITELLM_MASTER_KEY", value: MASTER_KEY };
        const messages = checkNoPlaintextSecrets(K8S_DEPLOYMENT, deployment);
        assert.ok(messages.length >= 1);
        assert.match(messages[0], /containers\[0\] \(litellm\)\.env\[0\] "LITELLM_MASTER_KEY" is a secret name holding a literal value\. Fix: replace `value` with `valueFrom\.secretKeyRef`/);
    });

    test("a DATABASE_URL with an embedded password fails", () => {
        const deployment = clone(k8sGatewayDeployment()) as Record<string, any>;
        gatewayEnv(deployment)[3] = { name: "DATABASE_URL", value: "postgresql://litellm:hunter2@postgres:5432/litellm" };
        assert.match(checkNoPlaintextSecrets(K8S_DEPLOYMENT, deployment)[0], /"DATABASE_URL" contains a URL with an embedded password/);
    });

    test("secrets in container args fail: --flag=value, --flag value, and secret content", () => {
        const job = { spec: { template: { spec: { containers: [{ name: "verify", image: "node:20.18.1", args: ["--master-key", MASTER_KEY, "--redis_password=hunter2", "--url", "http://litellm:4000"] }] } } } };
        const messages = checkNoPlaintextSecrets(K8S_JOB, job);
        assert.ok(messages.some((m) => /args\[0\] passes secret flag "--master-key" a literal value/.test(m)), messages.join("\n"));
        assert.ok(messages.some((m) => /args\[1\] contains an `sk-` API key/.test(m)));
        assert.ok(messages.some((m) => /args\[2\] passes secret flag "--redis_password"/.test(m)));
        assert.ok(messages.every((m) => m.includes("Fix: pass the secret through a Secret-backed env var")));
    });

    test("a secret flag followed by another flag, or given an env reference, passes", () => {
        const job = { spec: { template: { spec: { containers: [{ name: "verify", image: "node:20.18.1", args: ["--master-key-env", "LITELLM_MASTER_KEY", "--token", "--verbose", "--password=$(DB_PASSWORD)"] }] } } } };
        assert.deepEqual(checkNoPlaintextSecrets(K8S_JOB, job), []);
    });
});

describe("no-plaintext-secrets: Docker", () => {
    test("secrets in `envs` are allowed (Docker has no secret store; Pulumi encrypts them in state)", () => {
        assert.deepEqual(checkNoPlaintextSecrets(DOCKER_CONTAINER, dockerGatewayContainer()), []);
        assert.deepEqual(checkNoPlaintextSecrets(DOCKER_CONTAINER, dockerPostgresContainer()), []);
    });

    test("an uploaded config with a literal key or a DB URL with a password fails", () => {
        const container = dockerGatewayContainer();
        const content = RENDERED_CONFIG.replace("api_key: os.environ/STUB_API_KEY", "api_key: stub-key").replace("database_url: os.environ/DATABASE_URL", "database_url: postgresql://litellm:hunter2@postgres/litellm");
        container.uploads = [{ file: "/app/config.yaml", content }];
        const messages = checkNoPlaintextSecrets(DOCKER_CONTAINER, container);
        assert.ok(messages.some((m) => /uploads\[0\] \(\/app\/config\.yaml\) line \d+: key "api_key" holds a literal secret/.test(m)), messages.join("\n"));
        assert.ok(messages.some((m) => /contains a URL with an embedded password/.test(m)));
        assert.ok(messages.every((m) => m.includes("Fix: render the key as `os.environ/<VAR>`")));
    });

    test("contentBase64 uploads are decoded and checked", () => {
        const container = { ...dockerGatewayContainer(), uploads: [{ file: "/app/key.pem", contentBase64: Buffer.from(PEM).toString("base64") }] };
        assert.match(checkNoPlaintextSecrets(DOCKER_CONTAINER, container)[0], /contains a PEM private key/);
    });

    test("a secret in command or entrypoints fails", () => {
        const container = { ...dockerGatewayContainer(), command: ["--config", "/app/config.yaml", "--master_key", MASTER_KEY] };
        assert.ok(checkNoPlaintextSecrets(DOCKER_CONTAINER, container).length >= 1);
        const entry = { ...dockerGatewayContainer(), entrypoints: ["sh", "-c", "DATABASE_URL=postgresql://u:hunter2@db/x litellm"] };
        assert.match(checkNoPlaintextSecrets(DOCKER_CONTAINER, entry)[0], /entrypoints\[2\] contains a URL with an embedded password/);
    });
});

describe("no-plaintext-secrets: Helm values", () => {
    test("the LiteLLM release with masterkeySecretName, os.environ references and pointer keys passes", () => {
        assert.deepEqual(checkNoPlaintextSecrets(HELM_RELEASE, helmLiteLLMRelease()), []);
    });

    test("a literal masterkey, a secret envVar, and a literal key in proxy_config fail", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        release.values.masterkey = MASTER_KEY;
        release.values.envVars.LITELLM_SALT_KEY = "salty-salt";
        release.values.proxy_config.general_settings.master_key = "my-master";
        const messages = checkNoPlaintextSecrets(HELM_RELEASE, release);
        assert.ok(messages.some((m) => /values\.masterkey holds a literal secret/.test(m)), messages.join("\n"));
        assert.ok(messages.some((m) => /values\.envVars "LITELLM_SALT_KEY" is a secret name holding a literal value/.test(m)));
        assert.ok(messages.some((m) => /values\.proxy_config\.general_settings\.master_key holds a literal secret instead of os\.environ/.test(m)));
        assert.ok(messages.every((m) => m.includes("Fix: keep secrets out of Helm values")));
    });

    test("proxy_config given as YAML text and extraEnvVars are checked too", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        release.values.proxy_config = RENDERED_CONFIG.replace("master_key: os.environ/LITELLM_MASTER_KEY", `master_key: ${MASTER_KEY}`);
        release.values.extraEnvVars = [{ name: "REDIS_PASSWORD", value: "hunter2" }, { name: "REDIS_HOST", value: "redis" }];
        const messages = checkNoPlaintextSecrets(HELM_RELEASE, release);
        assert.ok(messages.some((m) => /values\.proxy_config line 3: key "master_key"/.test(m)), messages.join("\n"));
        assert.ok(messages.some((m) => /values\.extraEnvVars\[0\] "REDIS_PASSWORD"/.test(m)));
        assert.ok(!messages.some((m) => m.includes("REDIS_HOST")));
    });

    test("a bundled Postgres password in values fails", () => {
        const release = clone(helmLiteLLMRelease()) as Record<string, any>;
        release.values.postgresql = { auth: { username: "litellm", password: "NoTaGrEaTpAsSwOrD" } };
        assert.match(checkNoPlaintextSecrets(HELM_RELEASE, release)[0], /values\.postgresql\.auth\.password holds a literal secret/);
    });
});
