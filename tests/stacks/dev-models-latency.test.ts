/**
 * The dev stack passes the `models` check its declared models (never the fallback probe) and the `latency`
 * check the SLO and sample from `verification.latency`, through the verification resource's inputs.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { FALLBACK_PROBE_MODEL } from "../../config/defaults";
import { buildStack } from "../helpers/build-stack";
import { MockRecorder, unwrap } from "../helpers/mocks";

const MODELS = [
    { name: "chat", upstream: "stub", model: "stub-model" },
    { name: "chat-backup", upstream: "stub", model: "stub-model-backup" },
    { name: "summarize", upstream: "stub", model: "stub-model" },
];

describe("dev stack: models and latency inputs", () => {
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildStack("dev", { models: MODELS, fallbacks: [{ model: "chat", to: ["chat-backup"] }], verification: { latency: { overheadP95Ms: 75, requests: 10 } } }));
        await new Promise((r) => setTimeout(r, 100));
    });

    test("the verification run gets every declared model, and the probe only as the fallback check's", () => {
        const inputs = unwrap(mocks.one("pulumi-nodejs:dynamic/verification:GatewayVerificationRun").inputs) as Record<string, unknown>;
        assert.deepEqual(inputs.models, ["chat", "chat-backup", "summarize"]);
        assert.equal(inputs.fallbackProbeModel, FALLBACK_PROBE_MODEL);
    });

    test("and the latency SLO and sample from verification.latency, defaults filling the rest", () => {
        const inputs = unwrap(mocks.one("pulumi-nodejs:dynamic/verification:GatewayVerificationRun").inputs) as Record<string, unknown>;
        assert.deepEqual([inputs.overheadP95Ms, inputs.latencyRequests, inputs.latencyConcurrency], [75, 10, 2]);
    });
});
