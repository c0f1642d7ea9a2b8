/**
 * The gateway's Postgres on oke, by `database.mode`: three sibling components behind one contract
 * (PostgresEndpoint plus the URL query the chart must append). Oracle Autonomous Database was already
 * refused by config validation (Prisma has no Oracle support).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../../config/spec";
import type { OkeSettings } from "../../config/sections/oke";
import { imageRunAs } from "../../config/image-user";
import type { PostgresEndpoint } from "../postgres/contract";
import { ExternalPostgres } from "../postgres/external";
import { KubernetesPostgres } from "../postgres/k8s";
import { OciPostgres } from "../postgres/oci";

export interface GatewayDatabase extends PostgresEndpoint {
    /** Appended to the chart's DATABASE_URL: `?sslmode=require` for OCI, the external URL's own query, or empty. */
    readonly urlQuery: string;
}

export type OkeDatabase = KubernetesPostgres | OciPostgres | ExternalPostgres;

export interface DatabaseOptions {
    /** Options carrying the Kubernetes provider (in-cluster). */
    kubernetes: pulumi.ComponentResourceOptions;
    /** Options carrying the OCI provider (oci-psql). */
    oci: pulumi.ComponentResourceOptions;
}

export function createDatabase(name: string, spec: GatewaySpec, oke: OkeSettings, opts: DatabaseOptions): OkeDatabase {
    switch (spec.database.mode) {
        case "in-cluster": {
            const runAs = imageRunAs("postgres", spec.database.image, spec.database);
            if (!runAs) throw new Error(`createDatabase: cannot tell the user of '${spec.database.image}' (config validation should have said so)`);
            return new KubernetesPostgres(
                name,
                { namespace: oke.namespace, image: spec.database.image, serviceName: `${oke.releaseName}-postgres`, database: spec.database.name, storageGb: spec.database.storageGb, storageClassName: oke.storageClassName, resources: oke.resources.postgres, runAsUser: runAs.user, runAsGroup: runAs.group },
                opts.kubernetes,
            );
        }
        case "oci-psql": {
            const o = spec.database.oci;
            if (!o || !spec.oci.compartmentId) throw new Error("createDatabase: oci-psql needs database.oci.subnetId and oci.compartmentId (config validation should have said so)");
            return new OciPostgres(
                name,
                {
                    compartmentId: spec.oci.compartmentId,
                    subnetId: o.subnetId,
                    nsgIds: o.nsgIds,
                    displayName: `${spec.project}-${spec.stack}-postgres`,
                    database: spec.database.name,
                    dbVersion: o.dbVersion,
                    shape: o.shape,
                    instanceOcpuCount: o.instanceOcpuCount,
                    instanceMemorySizeInGbs: o.instanceMemorySizeInGbs,
                },
                opts.oci,
            );
        }
        case "external":
            if (!spec.secrets.databaseUrl) throw new Error("createDatabase: external needs the databaseUrl secret (config validation should have said so)");
            return new ExternalPostgres(name, { url: spec.secrets.databaseUrl }, opts.kubernetes);
        default:
            throw new Error(`createDatabase: database.mode '${spec.database.mode}' is not available on oke`);
    }
}
