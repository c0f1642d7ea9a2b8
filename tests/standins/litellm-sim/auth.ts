/** Who is calling: the simulated `user_api_key_auth` (litellm.md §2, "Auth failures seen by the LLM routes"). */
import type { IncomingMessage, ServerResponse } from "node:http";
import { abbreviateKey, presentedKey, sendProxyError } from "./http";
import { hashToken, KeyTable } from "./keys";
import { beforeV184 } from "./types";
import type { KeyRecord, ResolvedSimOptions, SimFaults } from "./types";

export type Caller = { kind: "master" } | { kind: "key"; key: KeyRecord } | { kind: "open" };

/** Authenticates or answers the refusal and returns undefined. Expiry applies to every authenticated route. */
export function authenticate(req: IncomingMessage, res: ServerResponse, options: ResolvedSimOptions, faults: SimFaults, keys: KeyTable): Caller | undefined {
    // Without a master key LiteLLM accepts every request as an internal user.
    if (faults.noAuth) return { kind: "open" };
    const raw = presentedKey(req.headers);
    if (raw === undefined) {
        sendProxyError(res, 401, "Authentication Error, No api key passed in.", "auth_error", "None");
        return undefined;
    }
    if (raw === options.masterKey) return { kind: "master" };
    const key = faults.dbDisconnected ? undefined : keys.find(raw);
    if (!key) {
        // Since 1.104 the message no longer quotes the key or its hash.
        const message =
            options.version === "1.104"
                ? "Authentication Error, Invalid proxy server token passed. Unable to find token in cache or `LiteLLM_VerificationTokenTable`"
                : `Authentication Error, Invalid proxy server token passed. Received API Key = ${abbreviateKey(raw)}, Key Hash (Token) =${hashToken(raw)}. Unable to find token in cache or \`LiteLLM_VerificationTokenTable\``;
        sendProxyError(res, 401, message, "token_not_found_in_db", "None");
        return undefined;
    }
    if (key.expires !== null && new Date(key.expires).getTime() < Date.now() && !faults.expiredKeysAccepted) {
        sendProxyError(
            res,
            options.expiredKeyStatus,
            `Authentication Error - Expired Key. Key Expiry time ${key.expires} and current time ${new Date().toISOString()}`,
            "expired_key",
            key.keyName,
        );
        return undefined;
    }
    return { kind: "key", key };
}

/** `_can_object_call_model`: 401 in v1.82, 403 in v1.84+, with a generic message since 1.104. Returns true when the refusal was sent. */
export function refuseModelAccess(res: ServerResponse, options: ResolvedSimOptions, faults: SimFaults, key: KeyRecord | undefined, model: string): boolean {
    if (!key || key.models.length === 0 || key.models.includes(model) || faults.allowlistNotEnforced) return false;
    const message =
        options.version === "1.104"
            ? `The requested model '${model}' is not available for this API key, or the model name is invalid. Check the model name, or ask your admin for access.`
            : `key not allowed to access model. This key can only access models=${JSON.stringify(key.models)}. Tried to access ${model}`;
    sendProxyError(res, beforeV184(options.version) ? 401 : 403, message, "key_model_access_denied", "model");
    return true;
}
