/**
 * The negative controls: each changes ONE thing in the rendered config or the env of the real proxy, and
 * names the check that exists to catch it and the cause that check documents for it. `health` and
 * `completion` run beside it as witnesses that the gateway otherwise works, so a control cannot pass on a
 * proxy that is simply broken. Pure data and pure functions.
 */
import type { LiteLLMConfig } from "../../../components/gateway/render-config";
import type { SpecChanges } from "./suite-config";

export interface ExpectedFailure {
    check: string;
    /** Matched against the check's message (the documented "likely cause"). */
    cause: RegExp;
}

export interface NegativeControl {
    id: string;
    /** The one change, in words, for the report. */
    change: string;
    /** A change of the spec (re-rendered)... */
    spec?: SpecChanges;
    /** ...or of the rendered config... */
    config?(config: LiteLLMConfig): void;
    /** ...or of the env; `files` are written beside config.yaml (a callback module it names). */
    env?(env: Record<string, string>): void;
    files?: Readonly<Record<string, string>>;
    expect: ExpectedFailure[];
    /** Witnesses, when the default ones cannot run on this change. */
    witnesses?: readonly string[];
}

/**
 * A LiteLLM custom callback whose pre-call hook stands for a slow remote guardrail: the proxy awaits it before
 * routing. It waits 4 s, more than the default SLO's gate (a confirmed median overhead of over 3 s beyond the
 * proxy's liveliness round trip, verify/latency-gate.ts) and far more than any noise of a busy host. With
 * the guardrail on, 1.108.7's own timing headers leave such a hook out (measured: a 700 ms hook reported as
 * 14 ms of overhead), so this control holds the check's own figure, not LiteLLM's.
 */
const SLOW_PRE_CALL_HOOK = `import asyncio
from litellm.integrations.custom_logger import CustomLogger


class SlowPreCallHook(CustomLogger):
    async def async_pre_call_hook(self, user_api_key_dict, cache, data, call_type):
        await asyncio.sleep(4)
        return data


proxy_handler_instance = SlowPreCallHook()
`;

/** Checks every control also runs, which must pass. */
export const WITNESS_CHECKS = ["health", "completion"] as const;

export const NEGATIVE_CONTROLS: readonly NegativeControl[] = [
    {
        id: "no-master-key",
        change: "LITELLM_MASTER_KEY unset (config.yaml still says master_key: os.environ/LITELLM_MASTER_KEY)",
        env(env) {
            delete env.LITELLM_MASTER_KEY;
            // LiteLLM >= 1.104 refuses to start without a master key unless told to; the proxy under test must run open.
            env.LITELLM_DANGEROUSLY_PERMIT_WEAK_OR_UNSET_MASTER_KEY = "true";
        },
        expect: [{ check: "auth-required", cause: /likely cause: the proxy runs without a master key/ }],
        // An open proxy neither enforces nor lets its caller delete the keys a check creates (403 on /key/delete).
        witnesses: ["health"],
    },
    {
        id: "cache-off",
        change: "cache.enabled false (no litellm_settings.cache block, no REDIS_* env)",
        spec: { cache: { enabled: false } },
        expect: [{ check: "cache", cause: /likely cause: caching is not enabled: litellm_settings\.cache is not true/ }],
    },
    {
        id: "wrong-redis-password",
        change: "REDIS_PASSWORD wrong",
        env(env) {
            env.REDIS_PASSWORD = `${env.REDIS_PASSWORD}-wrong`;
        },
        expect: [{ check: "cache", cause: /likely cause: the cache is configured but unhealthy: Redis is unreachable or REDIS_PASSWORD is wrong/ }],
    },
    {
        id: "fallback-removed",
        change: "the verified model's chain removed from router_settings.fallbacks (the fallback probe keeps its own)",
        config(config) {
            const router = config.router_settings as { fallbacks: Record<string, string[]>[] };
            router.fallbacks = router.fallbacks.filter((entry) => !("chat" in entry));
        },
        expect: [{ check: "fallback", cause: /likely cause: no router fallback from "chat" to "chat-backup" is configured/ }],
    },
    {
        id: "guardrail-off",
        change: "guardrails.enabled false (no guardrails block)",
        spec: { guardrails: { enabled: false } },
        expect: [{ check: "guardrail-pii", cause: /likely cause: "presidio-pii" did not run on an ordinary request/ }],
    },
    {
        id: "ssn-not-an-entity",
        change: "US_SSN removed from guardrails.entities",
        spec: { guardrails: { entities: ["CREDIT_CARD", "EMAIL_ADDRESS", "PHONE_NUMBER"] } },
        expect: [{ check: "guardrail-pii", cause: /the SSN digits reached the upstream.*likely cause: the guardrail does not mask before the model call: .*US_SSN is missing from the entities/ }],
    },
    {
        id: "unpriced-model",
        change: "input_cost_per_token/output_cost_per_token removed from every model_info",
        config(config) {
            for (const entry of config.model_list as { model_info: Record<string, unknown> }[]) {
                delete entry.model_info.input_cost_per_token;
                delete entry.model_info.output_cost_per_token;
            }
        },
        expect: [
            { check: "budget", cause: /likely cause: "chat" is unpriced, so spend stays \$0/ },
            { check: "spend-logs", cause: /likely cause: "chat" is unpriced/ },
            { check: "models", cause: /likely cause: "chat": unpriced model: \/model\/info shows no input_cost_per_token\/output_cost_per_token for "chat"/ },
        ],
    },
    {
        id: "dead-endpoint",
        change: "chat-backup's api_base points at a closed port (chat, which the witnesses call, is untouched)",
        config(config) {
            const entry = (config.model_list as { model_name: string; litellm_params: Record<string, unknown> }[]).find((m) => m.model_name === "chat-backup");
            if (!entry) throw new Error("the suite's spec declares no chat-backup");
            entry.litellm_params.api_base = "http://127.0.0.1:9/v1";
        },
        expect: [{ check: "models", cause: /likely cause: "chat-backup": the upstream of "chat-backup" is unreachable \(litellm_params\.model "openai\/stub-model-backup"\)/ }],
    },
    {
        id: "slow-pre-call-hook",
        change: "a pre-call hook that waits 4 s on every request (litellm_settings.callbacks: slow_pre_call_hook)",
        files: { "slow_pre_call_hook.py": SLOW_PRE_CALL_HOOK },
        config(config) {
            const settings = config.litellm_settings as { callbacks?: string[] };
            settings.callbacks = [...(settings.callbacks ?? []), "slow_pre_call_hook.proxy_handler_instance"];
        },
        expect: [{ check: "latency", cause: /likely cause: the gateway itself is slow \(every request pays it: a pre-call guardrail or callback/ }],
    },
];

/** The checks a control runs: its targets and the witnesses. */
export function controlChecks(control: NegativeControl): string[] {
    return [...new Set([...control.expect.map((e) => e.check), ...(control.witnesses ?? WITNESS_CHECKS)])];
}
