/**
 * The pack's entry point, and the ONLY place that calls `new PolicyPack`: constructing it starts the gRPC
 * server the Pulumi CLI talks to, so nothing else (tests included) may import this file.
 *
 *   npm ci --prefix policy && pulumi preview --policy-pack policy
 */
// The "/policy" subpath, not the package root: @pulumi/policy 1.21's index.d.ts re-exports two @internal
// names its proxy.d.ts strips, which breaks the repo-wide `tsc` (skipLibCheck: false). Same class at runtime.
import { PolicyPack } from "@pulumi/policy/policy";
import { policies } from "./policies";

new PolicyPack("litellm-gateway", {
    description: "Guardrails for the LiteLLM gateway stacks: no public Services, no plaintext secrets, pinned and non-vulnerable images, memory limits, hardened gateway pods, loopback-only Docker ports, verification on non-dev stacks.",
    // Each policy sets its own level; this default only applies to a policy that forgets to.
    enforcementLevel: "mandatory",
    policies,
});
