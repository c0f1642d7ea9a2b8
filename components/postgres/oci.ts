/**
 * OCI Database with PostgreSQL (database.mode oci-psql): an `oci.psql.DbSystem` in a private subnet,
 * with a generated admin password. The service accepts TLS connections only, so the URL carries
 * `sslmode=require` (pulumi.md §9). Oracle Autonomous Database is not an option: Prisma has no Oracle support.
 *
 * Pass the explicit OCI provider through `opts.providers`; the connection-detail lookup inherits it.
 */
import * as oci from "@pulumi/oci";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PostgresComponent } from "./contract";

export const OCI_PSQL_DEFAULTS = { dbVersion: "16", shape: "PostgreSQL.VM.Standard.E5.Flex", instanceOcpuCount: 2, instanceMemorySizeInGbs: 32 } as const;
/** TLS only: the service rejects plaintext connections. */
export const OCI_PSQL_URL_PARAMS = { sslmode: "require" } as const;

export interface OciPostgresArgs {
    compartmentId: pulumi.Input<string>;
    /** Private subnet the DB system's endpoint is placed in; must be reachable from the OKE pods. */
    subnetId: pulumi.Input<string>;
    /** Network security groups of the endpoint (allow 5432 from the OKE pod/worker subnets). Default: none. */
    nsgIds?: pulumi.Input<string>[];
    displayName: pulumi.Input<string>;
    /** Database LiteLLM uses; Prisma's `migrate deploy` creates it on first run. Default `litellm`. */
    database?: string;
    /** Admin user. Default `litellm`. */
    user?: string;
    /** PostgreSQL major version. Default 16. */
    dbVersion?: pulumi.Input<string>;
    /** Default PostgreSQL.VM.Standard.E5.Flex. */
    shape?: pulumi.Input<string>;
    /** Default 2. */
    instanceOcpuCount?: pulumi.Input<number>;
    /** Default 32. */
    instanceMemorySizeInGbs?: pulumi.Input<number>;
}

export class OciPostgres extends PostgresComponent {
    readonly urlQuery = `?${new URLSearchParams(OCI_PSQL_URL_PARAMS).toString()}`;
    readonly dbSystem: oci.psql.DbSystem;

    constructor(name: string, args: OciPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:postgres:OciPostgres", name, {}, opts);
        const user = args.user ?? "litellm";
        // The service demands upper, lower, digit and a special character; `-` and `_` need no escaping
        // in DATABASE_URL, which the chart assembles from the raw password.
        const password = pulumi.secret(
            new random.RandomPassword(
                `${name}-password`,
                { length: 32, special: true, overrideSpecial: "-_", minSpecial: 1, minUpper: 1, minLower: 1, minNumeric: 1 },
                { parent: this },
            ).result,
        );

        this.dbSystem = new oci.psql.DbSystem(
            `${name}-dbsystem`,
            {
                compartmentId: args.compartmentId,
                displayName: args.displayName,
                dbVersion: args.dbVersion ?? OCI_PSQL_DEFAULTS.dbVersion,
                shape: args.shape ?? OCI_PSQL_DEFAULTS.shape,
                instanceCount: 1,
                instanceOcpuCount: args.instanceOcpuCount ?? OCI_PSQL_DEFAULTS.instanceOcpuCount,
                instanceMemorySizeInGbs: args.instanceMemorySizeInGbs ?? OCI_PSQL_DEFAULTS.instanceMemorySizeInGbs,
                networkDetails: { subnetId: args.subnetId, ...(args.nsgIds ? { nsgIds: args.nsgIds } : {}) },
                storageDetails: { systemType: "OCI_OPTIMIZED_STORAGE", isRegionallyDurable: true },
                credentials: { username: user, passwordDetails: { passwordType: "PLAIN_TEXT", password } },
                freeformTags: { "part-of": "litellm-gateway", "managed-by": "pulumi" },
            },
            { parent: this },
        );

        const connection = oci.psql.getDbSystemConnectionDetailOutput({ dbSystemId: this.dbSystem.id }, { parent: this });
        const primary = connection.primaryDbEndpoints.apply((endpoints) => {
            if (!endpoints || endpoints.length === 0) throw new Error(`OCI Database with PostgreSQL ${name} reports no primary endpoint`);
            return endpoints[0];
        });
        // The FQDN, not the IP: it matches the service certificate.
        this.publish({
            host: primary.apply((e) => e.fqdn || e.ipAddress),
            port: primary.apply((e) => e.port || 5432),
            database: pulumi.output(args.database ?? "litellm"),
            user: pulumi.output(user),
            password,
            urlParams: { ...OCI_PSQL_URL_PARAMS },
        });
    }
}
