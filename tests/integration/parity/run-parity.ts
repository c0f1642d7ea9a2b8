/**
 * Parity: the same scenario against the real proxy and against tests/standins/litellm-sim, configured like
 * the real one (models, prices, fallbacks, cache, guardrail) in the variant matching the LiteLLM version
 * under test. Any drift fails, naming the step and the field. Reality decides: fix the simulator.
 */
import { fallbackProbe } from "../../../components/gateway/fallback-probe";
import { compareVersions, liteLLMVersionFromTag, Version } from "../../../config/litellm-release";
import type { GatewaySpec } from "../../../config/spec";
import { DEFAULT_FAILING_MODELS } from "../../../stub/upstream";
import { createLiteLLMSim, SimVersion } from "../../standins/litellm-sim";
import type { Gateway, SuiteEnvironment } from "../environment";
import { SUITE_SPEND_BATCH_SECONDS, suiteModels } from "../gateway/suite-config";
import { formatDrift, parityDrift } from "./compare";
import { attachRows, deleteKeys, Models, runScenario, Target } from "./scenario";

/**
 * "1.104" for 1.104 and later, "1.84" for 1.84 to 1.103, "1.83" (measured on 1.83.10) for the 1.83 line,
 * "1.82" before and for anything that is not a release number (see SimVersion).
 */
export function simVersionFor(litellmVersion: string): SimVersion {
    const version = liteLLMVersionFromTag(litellmVersion);
    const since = (release: Version) => version !== undefined && compareVersions(version, release) >= 0;
    if (since([1, 104, 0])) return "1.104";
    if (since([1, 84, 0])) return "1.84";
    return since([1, 83, 0]) ? "1.83" : "1.82";
}

/** The simulator configured like the real gateway of `spec`. */
export function simFor(spec: GatewaySpec, version: SimVersion, batchIntervalMs = SUITE_SPEND_BATCH_SECONDS * 1000) {
    // The fallback probe the config renders: its closed-port deployment is the stub's always-failing model here.
    const probe = fallbackProbe(spec);
    const probeModel = probe ? [{ modelName: String(probe.entry.model_name), upstreamModel: DEFAULT_FAILING_MODELS[0], inputCostPerToken: 0, outputCostPerToken: 0 }] : [];
    return createLiteLLMSim({
        version,
        models: [...spec.models.map((m) => ({ modelName: m.name, upstreamModel: m.model, inputCostPerToken: m.inputCostPerToken ?? 0, outputCostPerToken: m.outputCostPerToken ?? 0 })), ...probeModel],
        fallbacks: [...spec.fallbacks.map((f) => ({ [f.model]: [...f.to] })), ...(probe ? [probe.fallbacks] : [])],
        cache: spec.cache.enabled,
        guardrail: spec.guardrails.enabled ? { name: spec.guardrails.name, storePrompts: spec.guardrails.storePromptsInSpendLogs } : undefined,
        batchIntervalMs,
    });
}

async function observe(target: Target, models: Models) {
    const { observations, keys } = await runScenario(target, models);
    await attachRows(target, observations, 40_000);
    const deleted = await deleteKeys(target, keys);
    if (deleted !== 200) throw new Error(`parity: deleting the scenario's keys on ${target.url} → ${deleted}`);
    return observations;
}

export async function runParity(suite: SuiteEnvironment, gateway: Gateway): Promise<string> {
    const { model, fallbackModel, fallbackProbeModel } = suiteModels();
    const models = { primary: model, fallback: fallbackModel as string, probe: fallbackProbeModel };
    const version = simVersionFor(suite.litellm.version);
    const sim = simFor(gateway.spec, version);
    await sim.listen();
    try {
        const [real, simulated] = await Promise.all([observe({ url: gateway.proxy.url, masterKey: gateway.masterKey }, models), observe({ url: sim.url, masterKey: sim.options.masterKey }, models)]);
        const drifts = parityDrift(real, simulated);
        if (drifts.length > 0) throw new Error(`the simulator ("${version}" variant) drifts from real LiteLLM ${suite.litellm.version} in ${drifts.length} field(s):\n${drifts.map(formatDrift).join("\n")}`);
        return `${real.length} requests, status, error.type, ${real.filter((o) => o.row).length} spend rows and the checks' headers identical on the real proxy and the simulator ("${version}" variant)`;
    } finally {
        await sim.close();
    }
}
