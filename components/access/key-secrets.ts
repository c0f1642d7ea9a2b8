/**
 * AccessKeySecrets (oke): delivers declared keys as Kubernetes Secrets, so an app mounts its key with no
 * copy-paste:
 * - one Secret per delivered key, in the consumer's namespace: `LITELLM_API_KEY` (the raw key) and
 *   `LITELLM_BASE_URL` (the gateway's in-cluster URL), ready for `envFrom`;
 * - one Secret in the gateway's namespace with every key value by alias (`keys`, JSON), which only the
 *   verification Job reads (as LITELLM_ACCESS_KEYS) to prove each key is held to its models. The master key
 *   already lives in that namespace, so this widens nothing.
 * Values go in `stringData` wrapped with pulumi.secret, so they stay encrypted in state.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PART_OF } from "../k8s/labels";
import type { SecretKeyRef } from "../k8s/gateway-secrets";

/** Keys of a delivered Secret: what a consumer reads. */
export const DELIVERED_KEYS = { apiKey: "LITELLM_API_KEY", baseUrl: "LITELLM_BASE_URL" } as const;
/** Key of the verification Secret that holds `{alias: key}` as JSON. */
export const VERIFICATION_KEYS_ITEM = "keys";

export interface KeyDelivery {
    alias: string;
    namespace: string;
    /** Secret name in `namespace`. */
    name: string;
    /** The raw key (secret). */
    value: pulumi.Input<string>;
}

export interface AccessKeySecretsArgs {
    /** The gateway's in-cluster base URL, e.g. `http://litellm.litellm.svc.cluster.local:4000`. */
    baseUrl: pulumi.Input<string>;
    /** Keys to deliver, each into its consumer namespace (which must exist). Default: none. */
    deliveries?: KeyDelivery[];
    /** Every declared key value by alias, for the verification Job; with `namespace` and `name`. Default: none. */
    verification?: { namespace: pulumi.Input<string>; name: string; values: Record<string, pulumi.Input<string>> };
}

export class AccessKeySecrets extends pulumi.ComponentResource {
    readonly secrets: k8s.core.v1.Secret[] = [];
    /** Where the verification Job finds the key values, when `verification` was given. */
    readonly verificationKeys?: SecretKeyRef;

    constructor(name: string, args: AccessKeySecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:access:AccessKeySecrets", name, {}, opts);
        const labels = { ...PART_OF, "app.kubernetes.io/component": "access-key" };
        for (const d of args.deliveries ?? []) {
            this.secrets.push(
                new k8s.core.v1.Secret(
                    `${name}-${d.namespace}-${d.name}`,
                    {
                        metadata: { name: d.name, namespace: d.namespace, labels, annotations: { "litellm-gateway/key-alias": d.alias } },
                        type: "Opaque",
                        stringData: { [DELIVERED_KEYS.apiKey]: pulumi.secret(d.value), [DELIVERED_KEYS.baseUrl]: args.baseUrl },
                    },
                    { parent: this },
                ),
            );
        }
        if (args.verification) {
            const v = args.verification;
            const json = pulumi.all(v.values).apply((values) => JSON.stringify(Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))));
            this.secrets.push(
                new k8s.core.v1.Secret(
                    `${name}-verification`,
                    { metadata: { name: v.name, namespace: v.namespace, labels }, type: "Opaque", stringData: { [VERIFICATION_KEYS_ITEM]: pulumi.secret(json) } },
                    { parent: this },
                ),
            );
            this.verificationKeys = { name: v.name, key: VERIFICATION_KEYS_ITEM };
        }
        this.registerOutputs({});
    }
}
