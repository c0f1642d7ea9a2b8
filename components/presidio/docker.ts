/**
 * Presidio analyzer + anonymizer for the PII guardrail on `dev`: official images from Presidio's
 * current registry (ghcr.io/data-privacy-stack), pinned, with healthchecks and memory sized for the
 * analyzer's spaCy model, on the private network only. LiteLLM calls them before the upstream call.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { healthcheck, memoryLimit, pinnedImage } from "../shared/docker";

export interface DockerPresidioArgs {
    /** Name of the private Docker network to join. */
    network: pulumi.Input<string>;
    /** Pinned presidio-analyzer image. */
    analyzerImage: pulumi.Input<string>;
    /** Pinned presidio-anonymizer image. */
    anonymizerImage: pulumi.Input<string>;
    /**
     * Analyzer memory limit in MB. Default 3072: en_core_web_lg adds about 0.5 GB once loaded, each
     * gunicorn worker loads its own engine, and Presidio's own k8s sample limits the analyzer to 3000Mi.
     */
    analyzerMemoryMb?: number;
    /** Anonymizer memory limit in MB (it has no NLP model). Default 512. */
    anonymizerMemoryMb?: number;
}

/** Presidio images listen on $PORT, 3000 by default (their Dockerfiles). */
export const PRESIDIO_PORT = 3000;
export const ANALYZER_HOST = "presidio-analyzer";
export const ANONYMIZER_HOST = "presidio-anonymizer";

export class DockerPresidio extends pulumi.ComponentResource {
    /** Base URL of the analyzer as the gateway sees it. */
    readonly analyzerUrl: pulumi.Output<string>;
    /** Base URL of the anonymizer as the gateway sees it. */
    readonly anonymizerUrl: pulumi.Output<string>;
    readonly analyzer: docker.Container;
    readonly anonymizer: docker.Container;

    constructor(name: string, args: DockerPresidioArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:presidio:DockerPresidio", name, {}, opts);
        const service = (role: "analyzer" | "anonymizer", image: pulumi.Input<string>, host: string, memoryMb: number, startPeriodSeconds: number) =>
            new docker.Container(
                `${name}-${role}`,
                {
                    name: `${name}-${role}`,
                    image: pinnedImage(this, `${name}-${role}-image`, image).imageId,
                    envs: [`PORT=${PRESIDIO_PORT}`, "WORKERS=1"],
                    networksAdvanced: [{ name: args.network, aliases: [host] }],
                    healthcheck: healthcheck(["curl", "-fsS", `http://127.0.0.1:${PRESIDIO_PORT}/health`], { intervalSeconds: 5, retries: 12, startPeriodSeconds }),
                    ...memoryLimit(memoryMb),
                    restart: "unless-stopped",
                    wait: true,
                    waitTimeout: 240,
                },
                { parent: this },
            );
        // The analyzer loads its spaCy model at start: give it a longer grace period.
        this.analyzer = service("analyzer", args.analyzerImage, ANALYZER_HOST, args.analyzerMemoryMb ?? 3072, 60);
        this.anonymizer = service("anonymizer", args.anonymizerImage, ANONYMIZER_HOST, args.anonymizerMemoryMb ?? 512, 15);
        this.analyzerUrl = pulumi.output(`http://${ANALYZER_HOST}:${PRESIDIO_PORT}`);
        this.anonymizerUrl = pulumi.output(`http://${ANONYMIZER_HOST}:${PRESIDIO_PORT}`);
        this.registerOutputs({ analyzerUrl: this.analyzerUrl, anonymizerUrl: this.anonymizerUrl });
    }
}
