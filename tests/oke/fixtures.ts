/** Shared fakes for the oke tests: invoke results, secrets, Helm values arguments, and helpers over recorded resources. */
import type { MockOptions, RecordedResource } from "../helpers/mocks";
import { unwrap } from "../helpers/mocks";
import { rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";
import { GatewaySpec, parseSpec } from "../../config/spec";
import { okeSettings } from "../../config/sections/oke";
import { gatewayEnv } from "../../components/gateway/env";
import { chartDatabaseUrl, chartEnv, LiteLLMHelmValuesArgs } from "../../components/gateway/helm-values";

export const KUBECONFIG_TOKEN = "oci:ContainerEngine/getClusterKubeConfig:getClusterKubeConfig";
export const PSQL_CONNECTION_TOKEN = "oci:Psql/getDbSystemConnectionDetail:getDbSystemConnectionDetail";

/** A PEM long enough to be unmistakable when searched for in recorded inputs. */
export const TEST_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEokeTestKeyMaterialThatMustNeverLeakIntoPlainValues0123456789\n-----END PRIVATE KEY-----\n";
export const TEST_MASTER_KEY = VALID_MASTER_KEY;

/** What OKE hands back: an exec-plugin kubeconfig (the OCI CLI mints the token). */
export const FAKE_OKE_KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: cluster-oke",
    "  cluster:",
    "    server: https://10.0.0.10:6443",
    "    certificate-authority-data: ZmFrZQ==",
    "contexts:",
    "- name: context-oke",
    "  context: {cluster: cluster-oke, user: user-oke}",
    "current-context: context-oke",
    "users:",
    "- name: user-oke",
    "  user:",
    "    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: oci, args: [ce, cluster, generate-token, --cluster-id, fake]}",
    "",
].join("\n");

export const PSQL_FQDN = "primary.abcdefgh.postgresql.us-chicago-1.oci.oraclecloud.com";

export const okeMockOptions: MockOptions = {
    calls: {
        [KUBECONFIG_TOKEN]: (inputs) => ({ ...inputs, content: FAKE_OKE_KUBECONFIG, id: "kubeconfig" }),
        [PSQL_CONNECTION_TOKEN]: (inputs) => ({
            ...inputs,
            id: "connection",
            caCertificate: "-----BEGIN CERTIFICATE-----\nZmFrZQ==\n-----END CERTIFICATE-----\n",
            primaryDbEndpoints: [{ fqdn: PSQL_FQDN, ipAddress: "10.0.2.15", port: 5432 }],
            readerEndpoints: [],
            instanceEndpoints: [],
        }),
    },
};

export const isKubernetesResource = (r: RecordedResource) => r.type.startsWith("kubernetes:");

/** The `provider` reference points at the provider resource named `name` (`<urn>::<id>`). */
export function providerName(r: RecordedResource): string | undefined {
    const urn = r.provider?.split("::").slice(0, -1).join("::");
    return urn?.slice(urn.lastIndexOf("::") + 2);
}

export function valuesOf(release: RecordedResource): any {
    return unwrap(release.inputs.values);
}

/** An oke spec from Pulumi.oke.yaml plus overrides, for the pure Helm values tests. */
export const okeValuesSpec = (overrides: Record<string, unknown> = {}): GatewaySpec => parseSpec(rawConfig("oke", overrides, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY }));

/** liteLLMHelmValues arguments as the oke stack builds them, with fixed Secret names. */
export function helmValuesArgs(s = okeValuesSpec(), over: Partial<LiteLLMHelmValuesArgs> = {}): LiteLLMHelmValuesArgs {
    const env = gatewayEnv(s, { masterKey: VALID_MASTER_KEY, saltKey: "salt-0123456789abcdef0123", databaseUrl: "postgresql://u:p@db:5432/litellm" });
    const refs = Object.fromEntries(["OCI_REGION", "OCI_USER", "OCI_TENANCY", "OCI_FINGERPRINT", "OCI_COMPARTMENT_ID"].map((n) => [n, { name: "oci-credentials", key: n }]));
    return {
        spec: s,
        oke: okeSettings(s),
        masterKey: { name: "litellm-keys", key: "masterkey" },
        database: { host: "litellm-postgres.litellm.svc.cluster.local", name: "litellm", url: chartDatabaseUrl(5432), secretName: "litellm-db", usernameKey: "username", passwordKey: "password" },
        env: chartEnv(env, { ...refs, LITELLM_SALT_KEY: { name: "litellm-keys", key: "saltkey" } }),
        ociKey: { secretName: "oci-credentials", item: "oci_api_key.pem" },
        ...over,
    };
}
