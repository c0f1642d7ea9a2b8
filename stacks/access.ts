/**
 * The `access` section's share of a stack: the teams and keys it declares, as GatewayAccess arguments and
 * as what the `access` check expects on the gateway (through every door: the dev resource, the oke Job's
 * `--access` flag, the CLI).
 */
import type { GatewaySpec } from "../config/spec";
import { withoutUndefined } from "../components/shared/dynamic-provider";
import type { AccessExpectation } from "../verify/types";

export function declaresAccess(spec: Pick<GatewaySpec, "access">): boolean {
    return spec.access.teams.length + spec.access.keys.length > 0;
}

/** The declared teams and keys without what only Pulumi needs (import, rotation, delivery, lifetime). */
export function accessExpectation(spec: Pick<GatewaySpec, "access">): AccessExpectation {
    return {
        teams: spec.access.teams.map(({ alias, models, maxBudgetUsd, budgetDuration, tpmLimit, rpmLimit }) => withoutUndefined({ alias, models, maxBudgetUsd, budgetDuration, tpmLimit, rpmLimit })),
        keys: spec.access.keys.map(({ alias, team, models, maxBudgetUsd, budgetDuration, metadata }) => withoutUndefined({ alias, team, models, maxBudgetUsd, budgetDuration, metadata })),
    };
}

/** The CLI flag carrying the expectation (no secret in it: key values travel as LITELLM_ACCESS_KEYS). */
export function accessCliArgs(spec: Pick<GatewaySpec, "access">): string[] {
    return declaresAccess(spec) ? ["--access", JSON.stringify(accessExpectation(spec))] : [];
}
