/**
 * The oke stack's chart choice (`oke.chart.name`): which Secrets the gateway's values point at, and the
 * values themselves, for `litellm-helm` (components/gateway/helm-values.ts) or the official `litellm` chart
 * (components/gateway/litellm-chart-values.ts). Glue between resources and the pure renderers; creates nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../config/spec";
import type { OkeSettings } from "../config/sections/oke";
import { CACHE_ENV } from "../components/gateway/features/cache";
import { chartDatabaseUrl, chartEnv, liteLLMHelmValues, secretEnvToStore } from "../components/gateway/helm-values";
import { CHART_REDIS_ENV, liteLLMChartValues } from "../components/gateway/litellm-chart-values";
import type { OkeDatabase } from "../components/k8s/database";
import { DB_SECRET_KEYS, GatewaySecretNames, gatewaySecretNames, GatewaySecrets, OCI_PRIVATE_KEY_ITEM, REDIS_SECRET_PASSWORD_KEY } from "../components/k8s/gateway-secrets";
import type { EnvVar } from "../components/shared/docker";

/** What GatewaySecrets needs to know of the chart: its Secret names, the feature env it stores, and the Redis password Secret. */
export interface ChartSecrets {
    names: GatewaySecretNames;
    env: Record<string, pulumi.Input<string>>;
    redisPassword?: pulumi.Input<string>;
}

const envEntry = (env: EnvVar[], name: string) => env.find((v) => v.name === name);

/** The official chart reads the Redis password from its own Secret (`redis.passwordSecret`), not from `<release>-env`. */
export function chartSecrets(oke: OkeSettings, env: EnvVar[]): ChartSecrets {
    const names = gatewaySecretNames(oke.chart.name, oke.releaseName);
    const stored = secretEnvToStore(env);
    const redisPassword = envEntry(env, CACHE_ENV.password);
    if (oke.chart.name !== "litellm" || redisPassword === undefined) return { names, env: stored };
    const { [CACHE_ENV.password]: _moved, ...rest } = stored;
    return { names, env: rest, redisPassword: redisPassword.value };
}

export interface GatewayValuesArgs {
    spec: GatewaySpec;
    oke: OkeSettings;
    env: EnvVar[];
    secrets: GatewaySecrets;
    database: OkeDatabase;
}

export function gatewayChartValues(a: GatewayValuesArgs): Record<string, unknown> {
    const { spec, oke, env, secrets, database } = a;
    const ociKey = secrets.ociSecretName ? { secretName: secrets.ociSecretName, item: OCI_PRIVATE_KEY_ITEM } : undefined;
    if (oke.chart.name === "litellm") {
        const host = envEntry(env, CACHE_ENV.host);
        const port = envEntry(env, CACHE_ENV.port);
        const chartRedis = host && port && secrets.redisSecretName ? { host: host.value, port: port.value, secretName: secrets.redisSecretName, passwordKey: REDIS_SECRET_PASSWORD_KEY } : undefined;
        return liteLLMChartValues({
            spec,
            oke,
            masterKey: secrets.masterKeyRef,
            database: {
                host: database.host,
                port: database.port,
                name: database.database,
                urlQuery: database.urlQuery,
                secretName: secrets.dbSecretName,
                usernameKey: DB_SECRET_KEYS.username,
                passwordKey: DB_SECRET_KEYS.password,
            },
            redis: chartRedis,
            env: chartEnv(chartRedis ? env.filter((v) => !CHART_REDIS_ENV.has(v.name)) : env, secrets.envRefs),
            ociKey,
        });
    }
    return liteLLMHelmValues({
        spec,
        oke,
        masterKey: secrets.masterKeyRef,
        database: {
            host: database.host,
            name: database.database,
            url: database.port.apply((port) => chartDatabaseUrl(port, database.urlQuery)),
            secretName: secrets.dbSecretName,
            usernameKey: DB_SECRET_KEYS.username,
            passwordKey: DB_SECRET_KEYS.password,
        },
        env: chartEnv(env, secrets.envRefs),
        ociKey,
    });
}
