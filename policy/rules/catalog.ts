/**
 * The list of rules the pack enforces, in one place, so the PolicyPack, `evaluatePolicies` and the
 * docs/policy.md table can never disagree about which rules exist.
 */
import { dockerLoopbackPortsRule } from "./dockerLoopbackPorts";
import { gatewaySecurityContextRule } from "./gatewaySecurityContext";
import { acceptedAdvisoriesRule, liteLLMVersionRule } from "./liteLLMVersion";
import { memoryLimitsRule } from "./memoryLimits";
import { noPlaintextSecretsRule } from "./noPlaintextSecrets";
import { noPublicServicesRule } from "./noPublicServices";
import { imagesPinnedByDigestRule, imagesPinnedRule } from "./pinnedImages";
import type { ResourceRule, StackRule } from "./types";
import { verificationEnabledRule } from "./verificationEnabled";

export const RESOURCE_RULES: readonly ResourceRule[] = [
    noPublicServicesRule,
    noPlaintextSecretsRule,
    imagesPinnedRule,
    imagesPinnedByDigestRule,
    liteLLMVersionRule,
    acceptedAdvisoriesRule,
    memoryLimitsRule,
    gatewaySecurityContextRule,
    dockerLoopbackPortsRule,
];

export const STACK_RULES: readonly StackRule[] = [verificationEnabledRule];
