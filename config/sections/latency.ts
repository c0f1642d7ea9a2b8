/**
 * Config `verification.latency`: the `latency` check's SLO and sample (docs/checks-models-latency.md). The
 * defaults are the engine's (verify/options.ts), so the CLI and the stacks hold a gateway to the same SLO.
 */
import { z } from "zod";
import { fixed } from "../primitives";

const overhead = fixed(
    "must be a number of milliseconds between 1 and 60000",
    "set the overhead p95 the gateway must stay under, e.g. 500 (the default; 2500 with guardrails.enabled), or about twice the p95 the check reports on a healthy deploy to tighten it",
);
const requests = fixed("must be a whole number between 1 and 200", "use 20 (the default): with fewer, p95 is just the slowest request; more only cost more tokens");
const concurrency = fixed("must be a whole number between 1 and 20", "use 2 (the default): more requests at once time the gateway's own queue, not its work per request");

export const latencySchema = z
    .object({
        /** Highest acceptable p95 of the gateway's overhead, in ms. Default 500; 2500 with `guardrails.enabled`. */
        overheadP95Ms: z.number().min(1, overhead).max(60_000, overhead).optional(),
        /** Requests sent to the verified model. Default 20. */
        requests: z.number().int(requests).min(1, requests).max(200, requests).optional(),
        /** Requests in flight at once. Default 2. */
        concurrency: z.number().int(concurrency).min(1, concurrency).max(20, concurrency).optional(),
    })
    .strict();
