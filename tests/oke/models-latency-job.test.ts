/**
 * The oke stack's verification Job gets the declared models (`--models`) and the latency SLO and sample as
 * flags its CLI reads back unchanged.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import { parseCliArgs } from "../../verify/cli-args";
import type { MockRecorder } from "../helpers/mocks";
import { buildOkeFeatureStack, jobContainer } from "./features-support";

describe("oke stack: models and latency flags of the verification Job", () => {
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildOkeFeatureStack({ verification: { latency: { overheadP95Ms: 120, concurrency: 1 } } }));
        await new Promise((r) => setTimeout(r, 100));
    });

    test("--models lists the declared groups, without the probe; the SLO and sample follow verification.latency", () => {
        const args: string[] = jobContainer(mocks).command.slice(2);
        const options = parseCliArgs(args, {}).options;
        assert.deepEqual(options.models, ["chat", "chat-backup"], "the models of Pulumi.oke.yaml");
        assert.ok(args.includes(FALLBACK_PROBE_MODEL), "the probe is the fallback check's (--fallback-probe-model)");
        assert.deepEqual([options.overheadP95Ms, options.latencyRequests, options.latencyConcurrency], [120, 20, 1]);
    });
});
