/**
 * The one piece of stack config the pack reads: `gateway.acceptedAdvisories`. Pulumi starts a Node.js policy
 * pack with the stack's config in `PULUMI_CONFIG` (JSON: full key -> text; structured values are JSON text) and
 * the project in `PULUMI_PROJECT`, as it does for a program. Read defensively: anything unreadable counts as
 * no acceptance, so an affected image is refused rather than let through.
 */
import type { RuleContext } from "./types";

/** The program's project name (Pulumi.yaml), the config namespace when `PULUMI_PROJECT` is not set. */
export const PROJECT = "litellm-gateway";

const parse = (text: unknown): unknown => {
    if (typeof text !== "string") return text;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
};

/** `gateway.acceptedAdvisories` from the stack config in `env`, as entries the advisory judge checks itself. */
export function acceptedAdvisoriesFromEnv(env: Record<string, string | undefined>): RuleContext["acceptedAdvisories"] {
    const all = parse(env.PULUMI_CONFIG);
    if (!all || typeof all !== "object") return [];
    const project = env.PULUMI_PROJECT || env.PULUMI_NODEJS_PROJECT || PROJECT;
    const gateway = parse((all as Record<string, unknown>)[`${project}:gateway`]);
    const list = gateway && typeof gateway === "object" ? (gateway as { acceptedAdvisories?: unknown }).acceptedAdvisories : undefined;
    return Array.isArray(list) ? list.filter((e): e is Record<string, unknown> => !!e && typeof e === "object") : [];
}

/** The context of one policy evaluation in the pack: the stack's acceptances, judged now. */
export function ruleContextFromEnv(env: Record<string, string | undefined>, now: Date = new Date()): RuleContext {
    return { acceptedAdvisories: acceptedAdvisoriesFromEnv(env), now };
}
