/**
 * Entry point of the access bundle: the code LiteLLMTeam's and LiteLLMKey's providers carry as a string
 * and evaluate inside Pulumi's provider host (components/access/provider.ts).
 */
export { teamLifecycle } from "./team-lifecycle";
export { keyLifecycle } from "./key-lifecycle";
