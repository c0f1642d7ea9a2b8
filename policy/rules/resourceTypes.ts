/**
 * Pulumi type tokens the rules inspect. Strings, not provider classes: the pack must not depend on
 * @pulumi/docker or @pulumi/kubernetes just to compare a type (the tokens are the classes' `__pulumiType`).
 */
export const DOCKER_CONTAINER = "docker:index/container:Container";
export const DOCKER_REMOTE_IMAGE = "docker:index/remoteImage:RemoteImage";

export const K8S_SERVICE = "kubernetes:core/v1:Service";
export const K8S_CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
export const K8S_POD = "kubernetes:core/v1:Pod";
export const K8S_DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const K8S_STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
export const K8S_DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
export const K8S_REPLICA_SET = "kubernetes:apps/v1:ReplicaSet";
export const K8S_JOB = "kubernetes:batch/v1:Job";
export const K8S_CRON_JOB = "kubernetes:batch/v1:CronJob";

/** `helm.v3.Release` is one custom resource: the chart's Service and Deployment never reach the policy engine. */
export const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
/** `helm.v4.Chart` registers its children in a real run, but under mocks only its values are visible. */
export const HELM_CHART_V4 = "kubernetes:helm.sh/v4:Chart";

/** Every dynamic provider resource shares this token; they are told apart by their props. */
export const DYNAMIC_RESOURCE = "pulumi-nodejs:dynamic:Resource";

export const K8S_WORKLOADS: readonly string[] = [
    K8S_POD,
    K8S_DEPLOYMENT,
    K8S_STATEFUL_SET,
    K8S_DAEMON_SET,
    K8S_REPLICA_SET,
    K8S_JOB,
    K8S_CRON_JOB,
];

export const HELM_TYPES: readonly string[] = [HELM_RELEASE, HELM_CHART_V4];
