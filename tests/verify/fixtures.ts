/** Shared set-up of the verification tests: a fast simulator and options that keep every wait short. */
import assert from "node:assert/strict";
import { createLiteLLMSim, LiteLLMSim, LiteLLMSimOptions, SIM_FALLBACK, SIM_PRIMARY, SIM_RELEASES } from "../standins/litellm-sim";
import { advisoriesAffecting, type AcceptedAdvisory } from "../../verify/advisories";
import { parseVersion } from "../../verify/litellm-version";
import type { VerifyOptions } from "../../verify/types";
import { VERIFICATION_SUITE, VerificationInputs } from "../../components/verification/provider";

/** Short batch interval so spend rows land within a second. */
export const TEST_BATCH_MS = 300;

export async function startSim(options: LiteLLMSimOptions = {}): Promise<LiteLLMSim> {
    const sim = createLiteLLMSim({ batchIntervalMs: TEST_BATCH_MS, ...options });
    await sim.listen();
    return sim;
}

/** `YYYY-MM-DD`, `days` from today (UTC). */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Every advisory the release `sim` reports is affected by, accepted for 30 days. The older contracts
 * ("1.82" to "1.84") stand for affected releases, so a run against them passes `security` with exceptions;
 * tests of the `security` check itself override this.
 */
export function simAcceptances(sim: LiteLLMSim): AcceptedAdvisory[] {
    const hits = advisoriesAffecting(parseVersion(SIM_RELEASES[sim.options.version]) as NonNullable<ReturnType<typeof parseVersion>>);
    return hits.map((h) => ({ id: h.advisory.id.split(" / ")[0], reason: `the simulator stands for LiteLLM ${SIM_RELEASES[sim.options.version]}`, expires: daysFromNow(30) }));
}

/** Engine options against `sim` with every wait shortened. */
export function fastOptions(sim: LiteLLMSim, extra: Partial<VerifyOptions> = {}): VerifyOptions {
    return {
        gatewayUrl: sim.url,
        masterKey: sim.options.masterKey,
        model: SIM_PRIMARY,
        fallbackModel: SIM_FALLBACK,
        // The declared groups, as the stacks pass them: `sim-broken` always fails (it is the runs' fallback probe).
        models: [SIM_PRIMARY, SIM_FALLBACK],
        keyExpirySeconds: 1,
        spendLogTimeoutMs: 3000,
        checkTimeoutMs: 10_000,
        requestTimeoutMs: 5000,
        acceptedAdvisories: simAcceptances(sim),
        ...extra,
    };
}

/** The verification resource's inputs against `target` as the dev stack gives them, enforcing; `extra` overrides. */
export function inputsFor(target: LiteLLMSim, extra: Partial<VerificationInputs> = {}): VerificationInputs {
    return {
        suite: VERIFICATION_SUITE,
        runId: `vrtest${Math.random().toString(36).slice(2, 8)}`,
        gatewayUrl: target.url,
        masterKey: target.options.masterKey,
        model: SIM_PRIMARY,
        fallbackModel: SIM_FALLBACK,
        // The declared groups, as the dev stack passes them (the simulator's `sim-broken` always fails).
        models: [SIM_PRIMARY, SIM_FALLBACK],
        mode: "enforce",
        spendLogTimeoutMs: 3000,
        ...(simAcceptances(target).length > 0 ? { acceptedAdvisories: simAcceptances(target) } : {}),
        ...extra,
    };
}

/** Any LiteLLM-style key (`sk-` + 4 or more key characters); `sk-...abcd` abbreviations do not match. */
const RAW_KEY = /sk-[A-Za-z0-9_-]{4,}/;

/** Fails if `text` holds a raw key or any of the given secrets. */
export function assertNoRawKeys(text: string, secrets: readonly string[] = []): void {
    const match = RAW_KEY.exec(text);
    assert.equal(match, null, `raw key in output: ${match?.[0]}`);
    for (const s of secrets) assert.ok(!text.includes(s), "a secret appears in the output");
}

export { SIM_FALLBACK, SIM_PRIMARY };
