/**
 * Builders for check outcomes, so every failure reads the same way:
 * "expected …; got …; likely cause: …".
 */
import type { CheckOutcome } from "./types";

export function pass(message: string): CheckOutcome {
    return { status: "pass", message };
}

export function skip(message: string): CheckOutcome {
    return { status: "skip", message };
}

export interface FailureDetail {
    expected: string;
    got: string;
    cause: string;
}

export function fail(detail: FailureDetail): CheckOutcome {
    return { status: "fail", message: `expected ${detail.expected}; got ${detail.got}; likely cause: ${detail.cause}` };
}

/** Thrown by a check step to end the check with a failure; the engine turns it into the outcome. */
export class CheckFailure extends Error {
    constructor(readonly detail: FailureDetail) {
        super(fail(detail).message);
        this.name = "CheckFailure";
    }
}
