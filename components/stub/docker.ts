/**
 * The stub upstream model on `dev`: this repo's stub/ server, bundled into one file and run by a
 * pinned Node image on the private network. It stands in for the LLM provider so `dev` is offline.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { bundleEntry, CONTAINER_NODE_TARGET, sourceEntry } from "../shared/bundle";
import { healthcheck, memoryLimit, pinnedImage } from "../shared/docker";
import { STUB_HOST, STUB_PORT } from "../gateway/contract";

export interface DockerStubUpstreamArgs {
    /** Name of the private Docker network to join. */
    network: pulumi.Input<string>;
    /** Pinned Node.js image that runs the bundle. */
    image: pulumi.Input<string>;
    /** Models that always fail with HTTP 500 (for fallback drills). Default `["stub-fail"]`. */
    failingModels?: string[];
    /** Memory limit in MB. Default 128. */
    memoryMb?: pulumi.Input<number>;
    /**
     * Host port (127.0.0.1 only) for the stub's report endpoint, so post-deploy checks can see exactly
     * what reached the model (e.g. that PII was masked). Default: not published.
     */
    reportPort?: pulumi.Input<number>;
}

const BUNDLE_PATH = "/app/stub-upstream.js";

export class DockerStubUpstream extends pulumi.ComponentResource {
    /** OpenAI-compatible base URL as the gateway sees it, e.g. http://stub-upstream:8080/v1. */
    readonly apiBase: pulumi.Output<string>;
    /** http://127.0.0.1:<reportPort> when published; `/stub/last-request` lives there. */
    readonly reportUrl: pulumi.Output<string> | undefined;
    readonly container: docker.Container;

    constructor(name: string, args: DockerStubUpstreamArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:stub:DockerStubUpstream", name, {}, opts);
        const bundle = bundleEntry(sourceEntry("stub/main"), { target: CONTAINER_NODE_TARGET });
        const image = pinnedImage(this, `${name}-image`, args.image);
        this.container = new docker.Container(
            `${name}-container`,
            {
                name: `${name}`,
                image: image.imageId,
                command: ["node", BUNDLE_PATH],
                envs: [`PORT=${STUB_PORT}`, `STUB_FAILING_MODELS=${(args.failingModels ?? ["stub-fail"]).join(",")}`],
                uploads: [{ file: BUNDLE_PATH, content: bundle.code }],
                labels: [{ label: "litellm-gateway.bundle-sha256", value: bundle.sha256 }],
                ports: args.reportPort !== undefined ? [{ internal: STUB_PORT, external: args.reportPort, ip: "127.0.0.1" }] : undefined,
                networksAdvanced: [{ name: args.network, aliases: [STUB_HOST] }],
                healthcheck: healthcheck(["node", "-e", `fetch('http://127.0.0.1:${STUB_PORT}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`], { intervalSeconds: 2 }),
                ...memoryLimit(args.memoryMb ?? 128),
                restart: "unless-stopped",
                wait: true,
                waitTimeout: 60,
            },
            { parent: this },
        );
        this.apiBase = pulumi.output(`http://${STUB_HOST}:${STUB_PORT}/v1`);
        this.reportUrl = args.reportPort !== undefined ? pulumi.interpolate`http://127.0.0.1:${args.reportPort}` : undefined;
        this.registerOutputs({ apiBase: this.apiBase, reportUrl: this.reportUrl });
    }
}
