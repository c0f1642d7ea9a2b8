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

/** What an implementation hands `publish`: the endpoint, with the URL built from the parts unless given. */
export type PostgresEndpointParts = Omit<PostgresEndpoint, "url"> & { url?: pulumi.Output<string>; urlParams?: Record<string, string> };

/**
 * Base of every Postgres implementation: the endpoint fields are declared once here, and `publish`
 * sets them and registers them as the component's outputs. Call it last in the constructor.
 */
export abstract class PostgresComponent extends pulumi.ComponentResource implements PostgresEndpoint {
    // `declare`: no class-field initialisation that would reset them after super() (pulumi.md §3).
    declare readonly host: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly database: pulumi.Output<string>;
    declare readonly user: pulumi.Output<string>;
    /** Secret. */
    declare readonly password: pulumi.Output<string>;
    /** Secret. */
    declare readonly url: pulumi.Output<string>;

    protected publish(parts: PostgresEndpointParts): void {
        const { host, port, database, user, password } = parts;
        const url = parts.url ?? postgresUrl(user, password, host, port, database, parts.urlParams);
        const endpoint: PostgresEndpoint = { host, port, database, user, password: pulumi.secret(password), url: pulumi.secret(url) };
        Object.assign(this, endpoint);
        this.registerOutputs({ ...endpoint });
    }
}
