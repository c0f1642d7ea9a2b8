/**
 * The `dev` stack: everything on local Docker, on one private network, offline by default.
 * Postgres + the stub upstream + the LiteLLM gateway, plus optional features, then verification.
 */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { GatewaySpec } from "../config/spec";
import { DockerLiteLLMGateway } from "../components/gateway/docker";
import { gatewayEnv } from "../components/gateway/env";
import { GatewayKeys } from "../components/gateway/keys";
import { renderLiteLLMConfig } from "../components/gateway/render-config";
import { DockerPostgres } from "../components/postgres/docker";
import { DockerStubUpstream } from "../components/stub/docker";
import { GatewayVerification } from "../components/verification";
import { GatewayAccess } from "../components/access";
import { accessExpectation, declaresAccess } from "./access";
import { verificationModels } from "../components/verification/models";

import { DeployedStack, gatewayOutputs } from "./types";
import { dockerCache } from "./features/docker-cache";
import { dockerGuardrails } from "./features/docker-guardrails";
import { dockerObservability } from "./features/docker-observability";
import { dockerOtel } from "./features/otel-observability";
import { mergeFeatures } from "./features/types";

export function deployDocker(spec: GatewaySpec): DeployedStack {
    const prefix = `${spec.project}-${spec.stack}`;
    const provider = new docker.Provider(`${prefix}-docker`, {});
    const opts = { providers: [provider] };

    const network = new docker.Network(`${prefix}-net`, { name: `${prefix}-net`, driver: "bridge" }, { provider });
    const keys = new GatewayKeys(`${prefix}-keys`, { masterKey: spec.secrets.masterKey, saltKey: spec.secrets.saltKey }, opts);

    const postgres =
        spec.database.mode === "external"
            ? undefined
            : new DockerPostgres(`${prefix}-postgres`, { network: network.name, image: spec.database.image, database: spec.database.name }, opts);
    const databaseUrl = postgres?.url ?? pulumi.secret(spec.secrets.databaseUrl as string);

    const usesStub = spec.models.some((m) => m.upstream === "stub");
    const stub = usesStub ? new DockerStubUpstream(`${prefix}-stub`, { network: network.name, image: spec.stub.image, reportPort: spec.stub.reportPort }, opts) : undefined;

    // Optional features: each adds its containers and hands back gateway env, ordering and outputs.
    const featureCtx = { spec, prefix, network: network.name, opts };
    const features = mergeFeatures([dockerCache(featureCtx), dockerGuardrails(featureCtx), dockerObservability(featureCtx), dockerOtel(featureCtx)]);

    const gatewayDependsOn: pulumi.Resource[] = [...(postgres ? [postgres] : []), ...(stub ? [stub] : []), ...features.dependsOn];
    const gateway = new DockerLiteLLMGateway(
        `${prefix}-litellm`,
        {
            network: network.name,
            image: spec.gateway.image,
            configYaml: renderLiteLLMConfig(spec),
            env: gatewayEnv(spec, {
                masterKey: keys.masterKey,
                saltKey: keys.saltKey,
                databaseUrl,
                stubApiBase: stub?.apiBase,
                extra: features.env,
            }),
            hostPort: spec.gateway.port,
            ociPrivateKey: spec.secrets.ociPrivateKey,
            numWorkers: spec.gateway.numWorkers,
            memoryMb: spec.gateway.memoryMb,
        },
        { ...opts, dependsOn: gatewayDependsOn },
    );

    // Teams and keys: created through the gateway's admin API once it is up.
    const access = declaresAccess(spec)
        ? new GatewayAccess(`${prefix}-access`, { adminUrl: gateway.url, masterKey: keys.masterKey, teams: spec.access.teams, keys: spec.access.keys }, { dependsOn: [gateway] })
        : undefined;
    const verifyAfter: pulumi.Resource[] = [gateway, ...(access ? [access] : [])];

    const verification = spec.verification.enabled
        ? new GatewayVerification(
              `${prefix}-verification`,
              {
                  gatewayUrl: gateway.url,
                  masterKey: keys.masterKey,
                  ...verificationModels(spec),
                  only: spec.verification.checks,
                  mode: spec.verification.mode,
                  spendLogTimeoutMs: spec.verification.spendLogTimeoutSeconds * 1000,
                  overheadP95Ms: spec.verification.latency.overheadP95Ms,
                  latencyRequests: spec.verification.latency.requests,
                  latencyConcurrency: spec.verification.latency.concurrency,
                  ...(spec.gateway.acceptedAdvisories.length > 0 ? { acceptedAdvisories: spec.gateway.acceptedAdvisories } : {}),
                  // What reached the stub model, for the guardrail check's strongest proof.
                  upstreamReportUrl: stub?.reportUrl,
                  ...(access ? { access: accessExpectation(spec), accessKeys: access.keyValues } : {}),
                  ...features.verification,
              },
              { ...opts, dependsOn: verifyAfter },
          )
        : undefined;

    return {
        outputs: {
            ...gatewayOutputs(spec, gateway.url, keys.masterKey),
            ...features.outputs,
            // One secret value per declared key: `pulumi stack output accessKeys --show-secrets`.
            ...(access ? { accessKeys: access.keyValues } : {}),
            ...(verification ? { verificationReport: verification.report } : {}),
        },
        components: { network, keys, gateway, ...(access ? { access } : {}), ...(verification ? { verification } : {}), ...(postgres ? { postgres } : {}), ...(stub ? { stub } : {}) },
        dependencies: { gateway: gatewayDependsOn, ...(access ? { access: [gateway] } : {}), ...(verification ? { verification: verifyAfter } : {}) },
    };
}
