/**
 * LiteLLM's alias rule (`_enforce_key_alias_format`): letters, digits, `_-/.`, alnum at both ends. The engine's
 * run keys, config validation and the access providers hold aliases to it (config/access-formats.ts). A leaf
 * with no imports, so config can share it without loading the engine's HTTP code.
 */
export const ALIAS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_\-/.]{0,253}[a-zA-Z0-9]$/;
