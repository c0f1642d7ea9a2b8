/**
 * An existing Postgres given as a secret URL (database.mode external). Nothing is created: the URL is
 * split into the parts the Helm chart wants (user and password into a Secret, host, port, database and
 * query as values), and reassembling them yields the URL exactly, percent-encoding included.
 */
import * as pulumi from "@pulumi/pulumi";
import { PostgresComponent } from "./contract";

export interface PostgresUrlParts {
    /** As written in the URL (still percent-encoded), so `$(DATABASE_USERNAME)` expands to valid URL text. */
    user: string;
    /** As written in the URL (still percent-encoded). */
    password: string;
    host: string;
    port: number;
    database: string;
    /** `?...` including the question mark, or empty. */
    query: string;
}

/** Splits a postgres:// or postgresql:// URL. Throws, without echoing the URL, when a part is missing. */
export function parsePostgresUrl(url: string): PostgresUrlParts {
    const m = /^postgres(?:ql)?:\/\/([^:@/?#]+):([^@/?#]*)@([^:/?#]+|\[[0-9a-fA-F:.]+\])(?::(\d+))?\/([^/?#]+)(\?[^#]*)?$/.exec(url);
    if (!m) throw new Error("databaseUrl must look like postgresql://user:password@host[:port]/database[?params]");
    return { user: m[1], password: m[2], host: m[3], port: m[4] ? Number(m[4]) : 5432, database: m[5], query: m[6] ?? "" };
}

export class ExternalPostgres extends PostgresComponent {
    readonly urlQuery: string;

    /** @param url the `databaseUrl` secret as read from config; wrapped as a secret here. */
    constructor(name: string, args: { url: string }, opts?: pulumi.ComponentResourceOptions) {
        super("litellm-gateway:postgres:ExternalPostgres", name, {}, opts);
        const parts = parsePostgresUrl(args.url);
        this.urlQuery = parts.query;
        this.publish({
            host: pulumi.output(parts.host),
            port: pulumi.output(parts.port),
            database: pulumi.output(parts.database),
            user: pulumi.output(parts.user),
            password: pulumi.output(parts.password),
            url: pulumi.output(args.url),
        });
    }
}
