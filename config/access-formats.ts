/**
 * LiteLLM's formats for team and key settings, shared by config validation and the access providers (which
 * ship this module inside their bundle).
 */

/**
 * LiteLLM's key-alias rule (`_enforce_key_alias_format`); teams use it too so both are safe in URLs and labels.
 * Defined by the verification engine, which names its own keys by it and must not import config.
 */
export { ALIAS_PATTERN } from "../verify/key-alias";
/** LiteLLM durations (`duration_in_seconds`): a positive whole number and s, m, h, d or mo. */
export const DURATION_PATTERN = /^[1-9][0-9]*(s|m|h|d|mo)$/;
