/**
 * Presidio analyzer + anonymizer for the PII guardrail on `oke`: one Deployment and one ClusterIP Service
 * each, from the pinned images of Presidio's current registry (ghcr.io/data-privacy-stack). Sizes come from
 * `oke.resources.presidioAnalyzer` / `presidioAnonymizer` (defaults and their measurement: docs/oke.md); no CPU
 * limit by default, so loading the model is not throttled. The analyzer loads its model before answering
 * /health, so a startup probe gives it minutes before liveness applies.
 *
 * The gateway-only NetworkPolicies are added by the stack through `backends`.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { backendLabels, backendSelector } from "../k8s/labels";
import { ContainerSize, containerResources } from "../k8s/resources";
import { PRESIDIO_PORT } from "./docker";

/** The non-root user of the official images. */
export const PRESIDIO_UID = 1001;

export interface KubernetesPresidioArgs {
    namespace: pulumi.Input<string>;
    /** Prefix of the Deployment and Service names: `<baseName>-analyzer`, `<baseName>-anonymizer`. */
    baseName: string;
    /** Pinned presidio-analyzer image. */
    analyzerImage: pulumi.Input<string>;
    /** Pinned presidio-anonymizer image. */
    anonymizerImage: pulumi.Input<string>;
    /** Pods per service. Default 1. The guardrail fails closed, so a second replica keeps requests flowing through a node drain. */
    replicas?: number;
    /** Analyzer requests and limits (oke.resources.presidioAnalyzer). */
    analyzerResources: ContainerSize;
    /** Anonymizer requests and limits (oke.resources.presidioAnonymizer). */
    anonymizerResources: ContainerSize;
}

interface ServiceParts {
    deployment: k8s.apps.v1.Deployment;
    service: k8s.core.v1.Service;
    selector: Record<string, string>;
    url: pulumi.Output<string>;
}

export class KubernetesPresidio extends pulumi.ComponentResource {
    /** Base URL of the analyzer as the gateway sees it (cluster DNS). */
    readonly analyzerUrl: pulumi.Output<string>;
    /** Base URL of the anonymizer as the gateway sees it (cluster DNS). */
    readonly anonymizerUrl: pulumi.Output<string>;
    /** Labels selecting the analyzer pods (for NetworkPolicies). */
    readonly analyzerSelector: Record<string, string>;
    /** Labels selecting the anonymizer pods (for NetworkPolicies). */
    readonly anonymizerSelector: Record<string, string>;
    readonly analyzer: k8s.apps.v1.Deployment;
    readonly anonymizer: k8s.apps.v1.Deployment;
    readonly services: k8s.core.v1.Service[];

    constructor(name: string, args: KubernetesPresidioArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:presidio:KubernetesPresidio", name, {}, opts);
        const replicas = args.replicas ?? 1;
        const part = (role: "analyzer" | "anonymizer", image: pulumi.Input<string>, size: ContainerSize, startupDelaySeconds: number, extraEnv: { name: string; value: string }[]): ServiceParts => {
            const serviceName = `${args.baseName}-${role}`;
            const labels = backendLabels(serviceName, "guardrail");
            const selector = backendSelector(serviceName);
            const health = { httpGet: { path: "/health", port: "http" } };
            const service = new k8s.core.v1.Service(
                `${name}-${role}-service`,
                {
                    metadata: { name: serviceName, namespace: args.namespace, labels },
                    spec: { type: "ClusterIP", selector, ports: [{ name: "http", port: PRESIDIO_PORT, targetPort: "http", protocol: "TCP" }] },
                },
                { parent: this },
            );
            const deployment = new k8s.apps.v1.Deployment(
                `${name}-${role}`,
                {
                    metadata: { name: serviceName, namespace: args.namespace, labels },
                    spec: {
                        replicas,
                        // The guardrail fails closed: never take the old pod away before the new one answers.
                        strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
                        selector: { matchLabels: selector },
                        template: {
                            metadata: { labels },
                            spec: {
                                automountServiceAccountToken: false,
                                enableServiceLinks: false,
                                securityContext: { runAsNonRoot: true, runAsUser: PRESIDIO_UID, runAsGroup: PRESIDIO_UID, fsGroup: PRESIDIO_UID, seccompProfile: { type: "RuntimeDefault" } },
                                containers: [
                                    {
                                        name: role,
                                        image,
                                        ports: [{ name: "http", containerPort: PRESIDIO_PORT, protocol: "TCP" }],
                                        env: [
                                            { name: "PORT", value: String(PRESIDIO_PORT) },
                                            // Each gunicorn worker loads its own engine: memory grows with WORKERS.
                                            { name: "WORKERS", value: "1" },
                                            ...extraEnv,
                                        ],
                                        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                        resources: containerResources(size),
                                        startupProbe: { ...health, initialDelaySeconds: startupDelaySeconds, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 },
                                        readinessProbe: { ...health, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
                                        livenessProbe: { ...health, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 },
                                        // gunicorn's worker heartbeat files and the tldextract cache; the root filesystem is read-only.
                                        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
                                    },
                                ],
                                volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
                            },
                        },
                    },
                },
                { parent: this },
            );
            const url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${PRESIDIO_PORT}`;
            return { deployment, service, selector, url };
        };

        // The email recognizer's tldextract fetches the public suffix list on first use. The pod may reach
        // nothing but DNS, so cap that attempt (it then uses its bundled snapshot) instead of letting the
        // first request with an e-mail address hang on a dropped connection.
        const tldextract = [
            { name: "TLDEXTRACT_CACHE_TIMEOUT", value: "2" },
            { name: "TLDEXTRACT_CACHE", value: "/tmp/tldextract" },
        ];
        const analyzer = part("analyzer", args.analyzerImage, args.analyzerResources, 30, tldextract);
        const anonymizer = part("anonymizer", args.anonymizerImage, args.anonymizerResources, 5, []);
        this.analyzer = analyzer.deployment;
        this.anonymizer = anonymizer.deployment;
        this.services = [analyzer.service, anonymizer.service];
        this.analyzerSelector = analyzer.selector;
        this.anonymizerSelector = anonymizer.selector;
        this.analyzerUrl = analyzer.url;
        this.anonymizerUrl = anonymizer.url;
        this.registerOutputs({ analyzerUrl: this.analyzerUrl, anonymizerUrl: this.anonymizerUrl });
    }
}
