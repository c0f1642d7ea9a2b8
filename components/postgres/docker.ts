/**
 * Postgres in a Docker container for the `dev` stack: pinned image, named volume, healthcheck,
 * generated password (secret), reachable only on the private network.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { dockerEnvs, healthcheck, memoryLimit, pinnedImage } from "../shared/docker";
import { PostgresComponent } from "./contract";

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

export class DockerPostgres extends PostgresComponent {
    readonly container: docker.Container;

    constructor(name: string, args: DockerPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:postgres:DockerPostgres", name, {}, opts);
        const alias = args.hostAlias ?? "postgres";
        const database = pulumi.output(args.database ?? "litellm");
        const user = pulumi.output(args.user ?? "litellm");

        // URL-safe characters only: the password is embedded in DATABASE_URL.
        const password = pulumi.secret(new random.RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this }).result);

        const image = pinnedImage(this, `${name}-image`, args.image);
        const volume = new docker.Volume(`${name}-data`, { name: `${name}-data` }, { parent: this, retainOnDelete: false });

        this.container = new docker.Container(
            `${name}-container`,
            {
                name: `${name}`,
                image: image.imageId,
                envs: dockerEnvs([
                    { name: "POSTGRES_DB", value: database },
                    { name: "POSTGRES_USER", value: user },
                    { name: "POSTGRES_PASSWORD", value: password, secret: true },
                ]),
                volumes: [{ volumeName: volume.name, containerPath: "/var/lib/postgresql/data" }],
                networksAdvanced: [{ name: args.network, aliases: [alias] }],
                healthcheck: pulumi.all([user, database]).apply(([u, db]) => healthcheck(["pg_isready", "-U", u, "-d", db], { intervalSeconds: 2, retries: 15 })),
                ...memoryLimit(args.memoryMb ?? 512),
                restart: "unless-stopped",
                wait: true,
                waitTimeout: 120,
            },
            { parent: this },
        );

        this.publish({ host: pulumi.output(alias), port: pulumi.output(5432), database, user, password });
    }
}
