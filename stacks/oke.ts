/**
 * The `oke` stack: LiteLLM on an existing Oracle Kubernetes Engine cluster, reachable only inside it.
 * Explicit providers -> namespace -> Postgres (in-cluster, OCI Database with PostgreSQL, or external)
 * -> Secrets -> NetworkPolicies -> the gateway's ServiceAccount -> the LiteLLM Helm release -> the
 * in-cluster verification Job.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../config/spec";
import { okeSettings } from "../config/sections/oke";
import { gatewayEnv } from "../components/gateway/env";
import { HelmLiteLLMGateway } from "../components/gateway/helm";
import { GatewayKeys } from "../components/gateway/keys";
import { OciIdentity, OkeClusterAccess } from "../components/k8s/cluster-access";
import { createDatabase } from "../components/k8s/database";
import { mergeOkeFeatures, OkeFeatureContext, OkeFeatureResult, verificationFlags } from "../components/k8s/features";
import { GatewaySecrets } from "../components/k8s/gateway-secrets";
import { gatewaySelector, PART_OF } from "../components/k8s/labels";
import { okePodRequests, schedulingWarnings } from "../components/k8s/sizing";
import { BackendArgs, GatewayNetworkPolicies } from "../components/k8s/network-policy";
import { KubernetesPostgres, POSTGRES_PORT } from "../components/postgres/k8s";
import { VerificationJob, verificationCliBundle } from "../components/verification/job";
import { verificationModels } from "../components/verification/models";
import { GatewayAccess } from "../components/access";
import { AccessKeySecrets } from "../components/access/key-secrets";
import { consumerNamespaces, keyDeliveries } from "../config/sections/access";
import { accessCliArgs, declaresAccess } from "./access";
import { newRunId } from "../verify/options";
import { chartSecrets, gatewayChartValues } from "./oke-chart";
import { okeCache } from "./features/oke-cache";
import { okeGuardrails } from "./features/oke-guardrails";
import { okeObservability } from "./features/oke-observability";
import { okeOtel } from "./features/otel-observability";
import { DeployedStack, gatewayOutputs } from "./types";

/** Each optional feature's oke side (the dev siblings are in stacks/features/docker-*.ts). */
const OKE_FEATURES: { enabled: (spec: GatewaySpec) => boolean; deploy: (ctx: OkeFeatureContext) => OkeFeatureResult }[] = [
    { enabled: (s) => s.cache.enabled, deploy: okeCache },
    { enabled: (s) => s.guardrails.enabled, deploy: okeGuardrails },
    { enabled: (s) => s.observability.enabled, deploy: okeObservability },
    { enabled: (s) => s.observability.enabled, deploy: okeOtel },
];

function ociIdentity(spec: GatewaySpec): OciIdentity {
    const { region, tenancyOcid, userOcid, fingerprint } = spec.oci;
    const privateKey = spec.secrets.ociPrivateKey;
    if (!region || !tenancyOcid || !userOcid || !fingerprint || !privateKey) {
        throw new Error("deployOke: the OCI provider needs oci.region, oci.tenancyOcid, oci.userOcid, oci.fingerprint and ociPrivateKey (config validation should have said so)");
    }
    return { region, tenancyOcid, userOcid, fingerprint, privateKey: pulumi.secret(privateKey) };
}

export function deployOke(spec: GatewaySpec): DeployedStack {
    const prefix = `${spec.project}-${spec.stack}`;
    const oke = okeSettings(spec);
    const usesOciModels = spec.models.some((m) => m.upstream === "oci");
    // A pod no node can place stays Pending and the update times out ten minutes later: say so at preview.
    for (const warning of schedulingWarnings(okePodRequests(spec, oke), { cpu: oke.nodeCpu, memory: oke.nodeMemory })) pulumi.log.warn(warning);
    const needsOciProvider = (oke.clusterId !== undefined && !spec.secrets.kubeconfig) || spec.database.mode === "oci-psql" || (spec.cache.enabled && spec.cache.mode === "oci-cache");

    const access = new OkeClusterAccess(`${prefix}-cluster`, {
        clusterId: oke.clusterId,
        kubeconfig: spec.secrets.kubeconfig,
        kubeconfigEndpoint: oke.kubeconfigEndpoint,
        ociIdentity: needsOciProvider ? ociIdentity(spec) : undefined,
    });
    const provider = access.kubernetes;
    const namespaceResource = oke.createNamespace
        ? new k8s.core.v1.Namespace(
              `${prefix}-namespace`,
              {
                  metadata: {
                      name: oke.namespace,
                      // Every pod here is built to the restricted profile; enforcing baseline leaves room for add-ons.
                      labels: { ...PART_OF, "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "restricted" },
                  },
              },
              { provider },
          )
        : undefined;
    const namespace = namespaceResource ? namespaceResource.metadata.name : pulumi.output(oke.namespace);
    const inNamespace: pulumi.ComponentResourceOptions = { providers: [provider], dependsOn: namespaceResource ? [namespaceResource] : [] };
    const ociOpts: pulumi.ComponentResourceOptions = access.oci ? { providers: [access.oci] } : {};

    const keys = new GatewayKeys(`${prefix}-keys`, { masterKey: spec.secrets.masterKey, saltKey: spec.secrets.saltKey });
    const database = createDatabase(`${prefix}-postgres`, spec, oke, { kubernetes: inNamespace, oci: ociOpts });

    const selector = gatewaySelector(oke.releaseName);
    const featureCtx: OkeFeatureContext = { spec, oke, prefix, namespace, opts: inNamespace, ociOpts, gatewaySelector: selector };
    const features = mergeOkeFeatures(OKE_FEATURES.flatMap((f) => (f.enabled(spec) ? [f.deploy(featureCtx)] : [])));

    const env = gatewayEnv(spec, { masterKey: keys.masterKey, saltKey: keys.saltKey, databaseUrl: database.url, extra: features.env });
    const oci = spec.oci;
    const stored = chartSecrets(oke, env);
    const secrets = new GatewaySecrets(
        `${prefix}-secrets`,
        {
            namespace,
            baseName: oke.releaseName,
            masterKey: keys.masterKey,
            saltKey: keys.saltKey,
            database: { user: database.user, password: database.password },
            oci: usesOciModels
                ? { region: oci.region ?? "", compartmentId: oci.compartmentId ?? "", tenancyOcid: oci.tenancyOcid ?? "", userOcid: oci.userOcid ?? "", fingerprint: oci.fingerprint ?? "", privateKey: pulumi.secret(spec.secrets.ociPrivateKey ?? "") }
                : undefined,
            env: stored.env,
            names: stored.names,
            redisPassword: stored.redisPassword,
        },
        inNamespace,
    );

    const backends: BackendArgs[] = [
        ...(database instanceof KubernetesPostgres ? [{ name: `${oke.releaseName}-postgres`, selector: database.selector, port: POSTGRES_PORT }] : []),
        ...features.backends,
    ];
    const policies = oke.networkPolicies
        ? new GatewayNetworkPolicies(
              `${prefix}-netpol`,
              {
                  namespace,
                  baseName: oke.releaseName,
                  gatewaySelector: selector,
                  port: spec.gateway.port,
                  // Namespaces that receive a key Secret are where its consumers run.
                  allowedNamespaces: [...new Set([...oke.allowedNamespaces, ...consumerNamespaces(spec.access)])],
                  allowedPodLabels: oke.allowedPodLabels,
                  backends,
                  verificationEgress: features.verifyEgress,
              },
              inNamespace,
          )
        : undefined;

    const values = gatewayChartValues({ spec, oke, env, secrets, database });
    const gatewayDependsOn: pulumi.Resource[] = [...(namespaceResource ? [namespaceResource] : []), database, secrets, ...(policies ? [policies] : []), ...features.dependsOn];
    const gateway = new HelmLiteLLMGateway(
        `${prefix}-litellm`,
        { namespace, releaseName: oke.releaseName, chart: oke.chart, values, port: spec.gateway.port, timeoutSeconds: oke.helmTimeoutSeconds },
        { providers: [provider], dependsOn: gatewayDependsOn },
    );

    // Teams and keys go through the admin URL Pulumi can reach (the Service is cluster-internal).
    const teamsAndKeys = declaresAccess(spec)
        ? new GatewayAccess(`${prefix}-access`, { adminUrl: spec.access.adminUrl as string, masterKey: keys.masterKey, teams: spec.access.teams, keys: spec.access.keys }, { dependsOn: [gateway] })
        : undefined;
    const keySecrets = teamsAndKeys
        ? new AccessKeySecrets(
              `${prefix}-access-secrets`,
              {
                  baseUrl: gateway.url,
                  deliveries: keyDeliveries(spec.access).map((d) => ({ ...d, value: teamsAndKeys.keyValues[d.alias] })),
                  verification: spec.verification.enabled && spec.access.keys.length > 0 ? { namespace, name: `${oke.releaseName}-access-keys`, values: teamsAndKeys.keyValues } : undefined,
              },
              { providers: [provider], dependsOn: [teamsAndKeys] },
          )
        : undefined;
    const verifyAfter: pulumi.Resource[] = [gateway, ...(policies ? [policies] : []), ...(teamsAndKeys ? [teamsAndKeys] : []), ...(keySecrets ? [keySecrets] : [])];

    const verification = spec.verification.enabled
        ? new VerificationJob(
              `${prefix}-verify`,
              {
                  namespace,
                  baseName: oke.releaseName,
                  image: oke.verificationImage,
                  bundle: verificationCliBundle(),
                  gatewayUrl: gateway.url,
                  masterKey: secrets.masterKeyRef,
                  ...verificationModels(spec),
                  runId: newRunId(),
                  spendLogTimeoutSeconds: spec.verification.spendLogTimeoutSeconds,
                  overheadP95Ms: spec.verification.latency.overheadP95Ms,
                  latencyRequests: spec.verification.latency.requests,
                  latencyConcurrency: spec.verification.latency.concurrency,
                  ...(spec.gateway.acceptedAdvisories.length > 0 ? { acceptedAdvisories: spec.gateway.acceptedAdvisories } : {}),
                  only: spec.verification.checks,
                  mode: spec.verification.mode,
                  resources: oke.resources.verification,
                  extraArgs: [...verificationFlags(features.verification), ...accessCliArgs(spec)],
                  extraEnv: [
                      ...features.verifyEnv,
                      ...(keySecrets?.verificationKeys ? [{ name: "LITELLM_ACCESS_KEYS", valueFrom: { secretKeyRef: { name: keySecrets.verificationKeys.name, key: keySecrets.verificationKeys.key } } }] : []),
                  ],
              },
              { providers: [provider], dependsOn: verifyAfter },
          )
        : undefined;

    return {
        outputs: {
            ...gatewayOutputs(spec, gateway.url, keys.masterKey),
            namespace,
            ...(verification ? { verificationJob: verification.jobName, verificationReport: verification.logsCommand } : {}),
            // Where each delivered key landed: `<namespace>/<Secret>` by alias.
            ...(teamsAndKeys ? { accessKeySecrets: Object.fromEntries(keyDeliveries(spec.access).map((d) => [d.alias, `${d.namespace}/${d.name}`])) } : {}),
            ...features.outputs,
        },
        components: {
            cluster: access,
            keys,
            database,
            secrets,
            gateway,
            ...(namespaceResource ? { namespace: namespaceResource } : {}),
            ...(policies ? { networkPolicies: policies } : {}),
            ...(verification ? { verification } : {}),
            ...(teamsAndKeys ? { access: teamsAndKeys } : {}),
            ...(keySecrets ? { accessSecrets: keySecrets } : {}),
        },
        dependencies: { gateway: gatewayDependsOn, verification: verification ? verifyAfter : [], ...(teamsAndKeys ? { access: [gateway] } : {}) },
    };
}
