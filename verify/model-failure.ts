/**
 * Why a model group did not answer, from what LiteLLM sent back. The messages are LiteLLM's wrappers
 * around the provider's error (read from 1.108.7 answering a closed port, a wrong key and an unknown
 * model id: `litellm.InternalServerError: … OpenAIException - Connection error.`, `litellm.AuthenticationError:
 * …`, `litellm.NotFoundError: … does not exist`), and the router's own refusals. Pure.
 */
import { readProxyError, ResponseLike } from "./gateway-response";

/** The router refuses a group whose deployments all failed recently (`cooldown_time`, 5 s by default). */
export function inCooldown(res: ResponseLike): boolean {
    const err = readProxyError(res.data);
    return res.status === 429 && (err?.type === "all_deployments_in_cooldown" || /No deployments available/i.test(err?.message ?? ""));
}

/** Seconds the router asks to wait ("Try again in 5 seconds"), default 5. */
export function cooldownSeconds(res: ResponseLike): number {
    const m = /Try again in (\d+(?:\.\d+)?) seconds?/i.exec(readProxyError(res.data)?.message ?? "");
    return m ? Number(m[1]) : 5;
}

/** `(litellm_params.model "oci/…")`, or "" when the provider model id is unknown. */
function upstreamNote(upstreamModels: readonly string[]): string {
    return upstreamModels.length === 0 ? "" : ` (litellm_params.model ${upstreamModels.map((m) => `"${m}"`).join(", ")})`;
}

/**
 * The cause when the gateway's pre-call guardrail could not run, from LiteLLM's error message (1.108.7 with
 * Presidio stopped: 500 "Presidio PII analysis failed: ClientConnectorError"), or undefined. LiteLLM then refuses
 * every request on the guardrail's path, whatever the model.
 */
export function guardrailServiceCause(message: string): string | undefined {
    if (!/presidio|analyze|anonymize/i.test(message)) return undefined;
    return "the gateway cannot reach its guardrail service, Presidio (PRESIDIO_ANALYZER_API_BASE / PRESIDIO_ANONYMIZER_API_BASE), so the guardrail fails closed and refuses the request";
}

/** The likely cause of a non-200 answer for `group`, naming the fix. */
export function modelFailureCause(res: ResponseLike, group: string, upstreamModels: readonly string[] = []): string {
    const err = readProxyError(res.data);
    const text = `${err?.type ?? ""} ${err?.message ?? ""}`;
    const upstream = upstreamNote(upstreamModels);
    const guardrail = guardrailServiceCause(err?.message ?? "");
    if (guardrail) return guardrail;
    if (err?.type === "key_model_access_denied") return `the run's key was refused "${group}": the group is not served under this name, or an access group hides it`;
    if (/Connection error|APIConnectionError|Connect(ion)?Error|Connection refused|ECONNREFUSED|Name or service not known|getaddrinfo|nodename nor servname/i.test(text)) {
        return `the upstream of "${group}" is unreachable${upstream}: a wrong api_base, a closed port, DNS, or a firewall/egress rule`;
    }
    if (res.status === 401 || res.status === 403 || /AuthenticationError|PermissionDenied|Incorrect API key|invalid.api.key|NotAuthenticated|credential/i.test(text)) {
        return `missing or wrong credentials for the upstream of "${group}"${upstream}: check its api_key / OCI key, user, fingerprint and tenancy`;
    }
    if (res.status === 404 || /NotFoundError|model_not_found|does not exist|Entity with key .* not found|NotAuthorizedOrNotFound/i.test(text)) {
        return `wrong model id: the provider does not know the model of "${group}"${upstream}, or the compartment/project may not use it`;
    }
    if (/no healthy deployments|Invalid model name|not a valid model|LLM Provider NOT provided/i.test(text)) {
        return `"${group}" is not served under this name: check the spelling against /v1/models, or the gateway's model_list did not load`;
    }
    if (inCooldown(res)) return `every deployment of "${group}" is cooling down after recent failures: the gateway log has the upstream error${upstream}`;
    if (res.status === 429) return `the provider rate-limits "${group}"${upstream}: lower --models-concurrency or raise the quota`;
    if (res.status === 408 || /Timeout/i.test(text)) return `the upstream of "${group}" is too slow or black-holes connections${upstream}`;
    return `the upstream of "${group}" fails${upstream}: the gateway log has the provider's error`;
}
