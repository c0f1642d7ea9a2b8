/**
 * Budget enforcement, every contract (litellm.md §3, litellm-current.md §3):
 * - v1.82: read-time check on the in-memory key spend, 400; the crossing call always succeeds.
 * - v1.84: an optimistic reservation of the estimated cost before dispatch, 429.
 * - v1.104+: the read-time check, refused with `budget_exceeded_status_code` (422 by default) and a message
 *   without the key hash.
 */
import { countTokens } from "../../../stub/upstream";
import { beforeV184 } from "./types";
import type { KeyRecord, ResolvedSimOptions, SimFaults, SimModel } from "./types";

export type BudgetDecision = { allowed: true; reservation: number } | { allowed: false; status: number; message: string };

function estimatedPromptTokens(body: Record<string, unknown>): number {
    const messages = Array.isArray(body.messages) ? body.messages : [];
    return messages.reduce((sum: number, m: unknown) => {
        const content = m && typeof m === "object" ? (m as { content?: unknown }).content : undefined;
        return sum + (typeof content === "string" ? countTokens(content) : 0) + 3;
    }, 0);
}

export function decideBudget(options: ResolvedSimOptions, faults: SimFaults, key: KeyRecord | undefined, model: SimModel, body: Record<string, unknown>): BudgetDecision {
    if (!key || key.maxBudget === null || faults.budgetNeverEnforced) return { allowed: true, reservation: 0 };
    const max = key.maxBudget;
    if (beforeV184(options.version)) {
        if (key.spend >= max) return { allowed: false, status: 400, message: `Budget has been exceeded! Current cost: ${key.spend}, Max budget: ${max}` };
        return { allowed: true, reservation: 0 };
    }
    if (options.version === "1.104") {
        if (key.spend >= max) return { allowed: false, status: options.budgetExceededStatus, message: "Budget has been exceeded for this key." };
        return { allowed: true, reservation: 0 };
    }
    const refuse = (): BudgetDecision => ({ allowed: false, status: 429, message: `Budget has been exceeded! Key=${key.token} Current cost: ${key.reserved}, Max budget: ${max}` });
    if (key.reserved >= max) return refuse();
    const rawMax = body.max_completion_tokens ?? body.max_tokens;
    const outputTokens = Math.min(typeof rawMax === "number" ? rawMax : 16384, model.maxOutputTokens ?? 4096);
    const estimate = estimatedPromptTokens(body) * model.inputCostPerToken + outputTokens * model.outputCostPerToken;
    const left = max - key.reserved;
    let reservation = estimate;
    if (estimate > left) {
        if (options.budgetReservation === "strict") return refuse();
        reservation = left;
    }
    key.reserved += reservation;
    return { allowed: true, reservation };
}

/** The spend callback, run just after the response: the key's cached spend grows, the reservation is reconciled. */
export function settleSpend(key: KeyRecord | undefined, cost: number, reservation: number): void {
    if (!key) return;
    key.spend += cost;
    key.reserved += cost - reservation;
}

/** A refused or failed call releases its reservation. */
export function releaseReservation(key: KeyRecord | undefined, reservation: number): void {
    if (key) key.reserved -= reservation;
}
