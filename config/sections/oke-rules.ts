/**
 * Rules of the `oke` section that span fields or look outside the config: replicas against the PDB and
 * HPA, the gateway image against the pod's non-root, read-only contract, the verification image digest,
 * and a chart on disk (`oke.chart.path`) against the chart the stack pins.
 * (The OCI identity the oke providers are built from is already required by ociRules: every oke model is OCI.)
 */
import type { ConfigProblem } from "../errors";
import type { GatewaySpec } from "../gateway-spec";
import { DEFAULT_IMAGES } from "../defaults";
import { digestConflictProblems, isNonRootLiteLLMImage } from "../image";
import { readLocalChart } from "../local-chart";
import { OKE_CHARTS, OkeSettings, okeSettings } from "./oke";

type Key = (path: string) => string;

const CHART_NAME_LIST = Object.keys(OKE_CHARTS);

/** What the oke rules read from the spec. */
type OkeRuleInput = Pick<GatewaySpec, "project" | "target" | "oke" | "gateway">;

function replicaProblems(oke: OkeSettings, key: Key): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (oke.autoscaling.enabled && oke.autoscaling.minReplicas > oke.autoscaling.maxReplicas) {
        problems.push({ key: key("oke.autoscaling.minReplicas"), message: `is greater than oke.autoscaling.maxReplicas (${oke.autoscaling.maxReplicas})`, fix: "make minReplicas at most maxReplicas" });
    }
    const floor = oke.autoscaling.enabled ? oke.autoscaling.minReplicas : oke.replicas;
    if (oke.podDisruptionBudget.enabled && oke.podDisruptionBudget.minAvailable >= floor) {
        problems.push({ key: key("oke.podDisruptionBudget.minAvailable"), message: `(${oke.podDisruptionBudget.minAvailable}) is not below the replica count (${floor}), so no node could ever be drained`, fix: "lower minAvailable, raise oke.replicas, or set oke.podDisruptionBudget.enabled false" });
    }
    return problems;
}

function imageProblems(spec: OkeRuleInput, key: Key): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    if (!isNonRootLiteLLMImage(spec.gateway.image)) {
        problems.push({
            key: key("gateway.image"),
            message: `'${spec.gateway.image}' is not the litellm-non_root image; oke runs the gateway and its migration hook as uid 65534 on a read-only root filesystem, where the main image's root-owned Prisma engines and client cannot be used`,
            fix: `use the non-root variant of the same release, e.g. ${DEFAULT_IMAGES.litellmNonRoot} (or its copy in your registry), or remove gateway.image`,
        });
    }
    return [...problems, ...digestConflictProblems(spec.project, "oke.verificationImage", spec.oke.verificationImage ?? DEFAULT_IMAGES.node, spec.oke.verificationImageDigest)];
}

function chartProblems(spec: OkeRuleInput, oke: OkeSettings, key: Key): ConfigProblem[] {
    const chartPath = oke.chart.path;
    if (chartPath === undefined) return [];
    const at = key("oke.chart.path");
    const pull = `on a machine that reaches the registry, run \`helm pull ${oke.chart.repository} --version ${oke.chart.version}\` and copy the .tgz next to the project`;
    if (spec.oke.chart?.repository !== undefined) {
        return [{ key: at, message: `'${chartPath}' is set together with oke.chart.repository`, fix: "set only one: oke.chart.path for a chart on disk, oke.chart.repository for a registry" }];
    }
    const read = readLocalChart(chartPath);
    if ("problem" in read) return [{ key: at, message: `'${chartPath}' ${read.problem}`, fix: `${pull}, then point oke.chart.path at it (relative paths start at the project directory)` }];
    const { name, version, missingDependencies } = read.chart;
    const problems: ConfigProblem[] = [];
    if (name !== oke.chart.name) {
        problems.push({
            key: at,
            message: `'${chartPath}' holds the chart '${name}', but the Helm values are written for '${oke.chart.name}' (oke.chart.name)`,
            fix: (CHART_NAME_LIST as readonly string[]).includes(name) ? `set oke.chart.name to ${name}, or ${pull} and point oke.chart.path at it` : `${pull}, and point oke.chart.path at it`,
        });
    } else if (version !== oke.chart.version) {
        problems.push({
            key: at,
            message: `'${chartPath}' holds ${name} ${version}, but the stack pins ${oke.chart.version}${spec.oke.chart?.version ? " (oke.chart.version)" : ` (the ${name} chart's pin)`}`,
            fix: `${pull}, or set oke.chart.version to ${version} if you mean to install that chart`,
        });
    }
    if (missingDependencies.length > 0) {
        problems.push({
            key: at,
            message: `'${chartPath}' lists the subcharts ${missingDependencies.join(", ")} but does not carry them under charts/; Helm refuses to install it (even with them disabled)`,
            fix: `use the packaged chart from \`helm pull\` (it carries them), or run \`helm dependency build ${chartPath}\` where the registry is reachable`,
        });
    }
    return problems;
}

export function okeRules(spec: OkeRuleInput): ConfigProblem[] {
    if (spec.target !== "oke") return [];
    const key: Key = (path) => `${spec.project}:${path}`;
    const oke = okeSettings(spec);
    return [...replicaProblems(oke, key), ...imageProblems(spec, key), ...chartProblems(spec, oke, key)];
}
