/**
 * Builders for check outcomes, so every failure reads the same way:
 * "expected …; got …; likely cause: …".
 */
import type { AcceptedException, CheckOutcome } from "./types";

export function pass(message: string): CheckOutcome {
    return { status: "pass", message };
}

/**
 * A pass that holds only because the deployment accepts known problems: still `pass` (the run is ok, exit 0),
 * and the exceptions travel with it into the table and the JSON report, so they are never out of sight.
 */
export function passWithExceptions(message: string, exceptions: AcceptedException[]): CheckOutcome {
    return exceptions.length === 0 ? pass(message) : { status: "pass", message, exceptions };
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
