/**
 * LiteLLM's formats for team and key settings, shared by config validation and the access providers. No
 * imports: the providers ship this module inside their bundle.
 */

/** LiteLLM's key-alias rule (`_enforce_key_alias_format`); teams use it too so both are safe in URLs and labels. */
export const ALIAS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_\-/.]{0,253}[a-zA-Z0-9]$/;
/** LiteLLM durations (`duration_in_seconds`): a positive whole number and s, m, h, d or mo. */
export const DURATION_PATTERN = /^[1-9][0-9]*(s|m|h|d|mo)$/;
