/**
 * What the gateway needs from any Postgres implementation (container, in-cluster, OCI Database with
 * PostgreSQL, or an external URL): one connection URL, kept secret because it embeds the password.
 */
import * as pulumi from "@pulumi/pulumi";

export interface PostgresEndpoint {
    /** Host name as seen from the gateway. */
    host: pulumi.Output<string>;
    port: pulumi.Output<number>;
    database: pulumi.Output<string>;
    user: pulumi.Output<string>;
    /** Secret. */
    password: pulumi.Output<string>;
    /** Secret: postgresql://user:password@host:port/database[?params]. */
    url: pulumi.Output<string>;
}

/** Builds the connection URL; user and password are percent-encoded so any generated value is safe. */
export function postgresUrl(
    user: pulumi.Input<string>,
    password: pulumi.Input<string>,
    host: pulumi.Input<string>,
    port: pulumi.Input<number>,
    database: pulumi.Input<string>,
    params?: Record<string, string>,
): pulumi.Output<string> {
    const query = params && Object.keys(params).length > 0 ? `?${new URLSearchParams(params).toString()}` : "";
    return pulumi.secret(
        pulumi.all([user, password, host, port, database]).apply(
            ([u, p, h, po, db]) => `postgresql://${encodeURIComponent(u)}:${encodeURIComponent(p)}@${h}:${po}/${db}${query}`,
        ),
    );
}
