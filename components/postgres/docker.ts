/**
 * Postgres in a Docker container for the `dev` stack: pinned image, named volume, healthcheck,
 * generated password (secret), reachable only on the private network.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { dockerEnvs, healthcheck, pinnedImage } from "../shared/docker";
import { PostgresEndpoint, postgresUrl } from "./contract";

export interface DockerPostgresArgs {
    /** Name of the private Docker network to join. */
    network: pulumi.Input<string>;
    /** Pinned Postgres image. */
    image: pulumi.Input<string>;
    /** Database to create. Default `litellm`. */
    database?: pulumi.Input<string>;
    /** Role to create. Default `litellm`. */
    user?: pulumi.Input<string>;
    /** Network alias other containers use as host name. Default `postgres`. */
    hostAlias?: string;
    /** Memory limit in MB. Default 512. */
    memoryMb?: pulumi.Input<number>;
}

export class DockerPostgres extends pulumi.ComponentResource implements PostgresEndpoint {
    readonly host: pulumi.Output<string>;
    readonly port: pulumi.Output<number>;
    readonly database: pulumi.Output<string>;
    readonly user: pulumi.Output<string>;
    readonly password: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly container: docker.Container;

    constructor(name: string, args: DockerPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:postgres:DockerPostgres", name, {}, opts);
        const alias = args.hostAlias ?? "postgres";
        this.database = pulumi.output(args.database ?? "litellm");
        this.user = pulumi.output(args.user ?? "litellm");
        this.host = pulumi.output(alias);
        this.port = pulumi.output(5432);

        // URL-safe characters only: the password is embedded in DATABASE_URL.
        const password = new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this });
        this.password = pulumi.secret(password.result);

        const image = pinnedImage(this, `${name}-image`, args.image);
        const volume = new docker.Volume(`${name}-data`, { name: `${name}-data` }, { parent: this, retainOnDelete: false });

        this.container = new docker.Container(
            `${name}-container`,
            {
                name: `${name}`,
                image: image.imageId,
                envs: dockerEnvs([
                    { name: "POSTGRES_DB", value: this.database },
                    { name: "POSTGRES_USER", value: this.user },
                    { name: "POSTGRES_PASSWORD", value: this.password, secret: true },
                ]),
                volumes: [{ volumeName: volume.name, containerPath: "/var/lib/postgresql/data" }],
                networksAdvanced: [{ name: args.network, aliases: [alias] }],
                healthcheck: pulumi.all([this.user, this.database]).apply(([u, db]) => healthcheck(["pg_isready", "-U", u, "-d", db], { intervalSeconds: 2, retries: 15 })),
                memory: args.memoryMb ?? 512,
                restart: "unless-stopped",
                wait: true,
                waitTimeout: 120,
            },
            { parent: this },
        );

        this.url = postgresUrl(this.user, this.password, this.host, this.port, this.database);
        this.registerOutputs({ host: this.host, port: this.port, database: this.database, user: this.user, password: this.password, url: this.url });
    }
}
