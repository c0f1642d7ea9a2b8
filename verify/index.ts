/** The engine's public surface: what the CLI, the Pulumi dynamic provider and the in-cluster Job call. */
export { runVerification, selectChecks } from "./engine";
export type { RunHooks } from "./engine";
export { ALL_CHECKS, BASE_CHECKS, BASE_CHECK_IDS, CAPABILITY_CHECKS, CHECK_IDS } from "./checks";
export { formatReportTable } from "./report-table";
export { redactSecrets } from "./redact";
export { VerifyUsageError } from "./options";
export type * from "./types";
