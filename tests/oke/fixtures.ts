/** Shared fakes for the oke tests: invoke results, secrets, and helpers over recorded resources. */
import type { MockOptions, RecordedResource } from "../helpers/mocks";
import { unwrap } from "../helpers/mocks";
import { VALID_MASTER_KEY } from "../helpers/raw-config";

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
