/**
 * The LiteLLM gateway as a Docker container on `dev`: pinned image, rendered config.yaml uploaded
 * into the container, secrets through env, published on 127.0.0.1 only, and Pulumi waits until the
 * container's healthcheck (/health/liveliness) passes.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { dockerEnvs, EnvVar, healthcheck, memoryLimit, pinnedImage } from "../shared/docker";
import { DOCKER_CONFIG_PATH, GATEWAY_CONTAINER_PORT, OCI_KEY_FILE } from "./contract";

export interface DockerLiteLLMGatewayArgs {
    /** Name of the private Docker network to join. */
    network: pulumi.Input<string>;
    /** Pinned LiteLLM image (validated against the deny-list before this runs). */
    image: pulumi.Input<string>;
    /** The rendered config.yaml. Holds no secrets (only os.environ/ references). */
    configYaml: pulumi.Input<string>;
    /** The gateway's environment (see gatewayEnv); entries flagged secret stay secret. */
    env: EnvVar[];
    /** Host port, bound to 127.0.0.1 only. Default 4000. */
    hostPort?: pulumi.Input<number>;
    /** PEM of the OCI API signing key, uploaded read-only to OCI_KEY_FILE (secret). Default: none. */
    ociPrivateKey?: pulumi.Input<string>;
    /** LiteLLM worker processes. Default 1. */
    numWorkers?: pulumi.Input<number>;
    /** Memory limit in MB. Default 2048. */
    memoryMb?: pulumi.Input<number>;
    /** Seconds to wait for the container to become healthy (migrations run at first boot). Default 300. */
    waitTimeoutSeconds?: number;
}

export class DockerLiteLLMGateway extends pulumi.ComponentResource {
    /** URL on the host, e.g. http://127.0.0.1:4000. */
    readonly url: pulumi.Output<string>;
    readonly container: docker.Container;

    constructor(name: string, args: DockerLiteLLMGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:gateway:DockerLiteLLMGateway", name, {}, opts);
        const hostPort = pulumi.output(args.hostPort ?? GATEWAY_CONTAINER_PORT);
        const image = pinnedImage(this, `${name}-image`, args.image);

        const uploads: docker.types.input.ContainerUpload[] = [{ file: DOCKER_CONFIG_PATH, content: args.configYaml }];
        if (args.ociPrivateKey !== undefined) {
            // 0400: readable by the container user only; the key never enters env or config.yaml.
            uploads.push({ file: OCI_KEY_FILE, content: pulumi.secret(args.ociPrivateKey), permissions: "0400" });
        }

        this.container = new docker.Container(
            `${name}-container`,
            {
                name: `${name}`,
                image: image.imageId,
                command: pulumi.all([args.numWorkers ?? 1]).apply(([w]) => ["--config", DOCKER_CONFIG_PATH, "--port", String(GATEWAY_CONTAINER_PORT), "--num_workers", String(w)]),
                envs: dockerEnvs(args.env),
                uploads,
                ports: [{ internal: GATEWAY_CONTAINER_PORT, external: hostPort, ip: "127.0.0.1" }],
                networksAdvanced: [{ name: args.network, aliases: ["litellm"] }],
                healthcheck: healthcheck(
                    ["python3", "-c", `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${GATEWAY_CONTAINER_PORT}/health/liveliness', timeout=4)`],
                    { intervalSeconds: 5, retries: 10, startPeriodSeconds: 60 },
                ),
                ...memoryLimit(args.memoryMb ?? 2048),
                restart: "unless-stopped",
                wait: true,
                waitTimeout: args.waitTimeoutSeconds ?? 300,
            },
            { parent: this },
        );
        this.url = pulumi.interpolate`http://127.0.0.1:${hostPort}`;
        this.registerOutputs({ url: this.url });
    }
}
