/**
 * The verification provider through Pulumi's own result conversion (issue #17). A real `pulumi up` failed
 * with "Unexpected struct type." after every check had run: the provider returned `undefined` fields,
 * and the host converts results with protobuf's `Struct.fromJavaScript`, which throws on them. Calling
 * `create` directly never converts anything, so these tests go through the conversion:
 * - every provider method, for every input shape the stacks produce, through the host's exact
 *   conversion (`hostRoundTrip`): the result must survive unchanged;
 * - the real host process (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC, the whole lifecycle.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verificationEngineBundle } from "../../components/verification/engine-bundle";
import { createVerificationProvider, VerificationInputs, withoutUndefined } from "../../components/verification/provider";
import { hostRoundTrip, ProviderHost, startProviderHostFor } from "../helpers/provider-host";
import type { LiteLLMSim } from "../standins/litellm-sim";
import { SIM_BROKEN } from "../standins/litellm-sim";
import { inputsFor, startSim } from "./fixtures";

const provider = createVerificationProvider(verificationEngineBundle().packed);
let sim: LiteLLMSim;
let host: ProviderHost;

before(async () => {
    sim = await startSim();
    host = await startProviderHostFor(provider);
});
after(async () => {
    await Promise.all([sim.close(), host.close()]);
});

/** The fields a stack may leave out; the stacks set each one only when its feature is on. */
type Optional =
    | "fallbackModel" | "fallbackProbeModel" | "only" | "spendLogTimeoutMs" | "expectCache" | "guardrail" | "upstreamReportUrl" | "langfuse"
    | "models" | "modelsConcurrency" | "latencyRequests" | "latencyConcurrency" | "overheadP95Ms" | "acceptedAdvisories";
const OPTIONAL: Optional[] = [
    "fallbackModel", "fallbackProbeModel", "only", "spendLogTimeoutMs", "expectCache", "guardrail", "upstreamReportUrl", "langfuse",
    "models", "modelsConcurrency", "latencyRequests", "latencyConcurrency", "overheadP95Ms", "acceptedAdvisories",
];

/** `inputsFor` with every optional field set, in warn mode. */
function fullInputs(target: LiteLLMSim): VerificationInputs {
    return inputsFor(target, {
        runId: `vrhost${Math.random().toString(36).slice(2, 8)}`,
        fallbackProbeModel: SIM_BROKEN,
        // `security` passes with exceptions when the simulator's advisories are accepted (inputsFor), fails without.
        only: ["health", "completion", "fallback", "cache", "guardrail-pii", "langfuse-trace", "models", "latency", "security"],
        // warn: shapes whose feature the simulator lacks fail a check, and the report must still come back.
        mode: "warn",
        expectCache: true,
        guardrail: "presidio-pii",
        upstreamReportUrl: "http://127.0.0.1:9",
        langfuse: { url: "http://127.0.0.1:9", publicKey: "pk-lf-test", secretKey: "sk-lf-test" },
        modelsConcurrency: 2,
        latencyRequests: 5,
        latencyConcurrency: 2,
        overheadP95Ms: 500,
    });
}

/**
 * Every shape: all optional fields set, none set, and each one missing alone. A stack builds its inputs
 * from `args.x` values that are `undefined` when a feature is off, so a missing field arrives as an
 * explicit `undefined` in process (the engine drops it before the host; both must work).
 */
function shapes(target: LiteLLMSim): { name: string; inputs: VerificationInputs }[] {
    const without = (fields: Optional[]) => {
        const inputs = fullInputs(target);
        for (const f of fields) (inputs as unknown as Record<string, unknown>)[f] = undefined;
        return inputs;
    };
    return [
        { name: "every optional field set", inputs: without([]) },
        { name: "no optional field set", inputs: without(OPTIONAL) },
        ...OPTIONAL.map((f) => ({ name: `all but ${f}`, inputs: without([f]) })),
    ];
}

function assertNoUndefined(value: unknown, where = "result"): void {
    assert.notEqual(value, undefined, `${where} is undefined`);
    if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) assertNoUndefined(v, `${where}.${k}`);
}

describe("every provider result survives the host's Struct conversion, for every input shape", { concurrency: true }, () => {
    it("withoutUndefined drops undefined at every depth and keeps everything else", () => {
        const value = { a: 1, b: undefined, c: [1, undefined, { d: undefined, e: null, f: false, g: "" }], h: { i: undefined } };
        assert.deepEqual(withoutUndefined(value), { a: 1, c: [1, { e: null, f: false, g: "" }], h: {} });
        assert.throws(() => hostRoundTrip({ a: undefined }), /Unexpected struct type/, "the conversion the host applies throws on undefined");
    });

    it("check, diff, create, update and read, in process, for each shape", async () => {
        const all = shapes(sim);
        await Promise.all(
            all.map(async ({ name, inputs }) => {
                const checked = await provider.check!(inputs, inputs);
                assert.deepEqual(hostRoundTrip(checked.inputs), checked.inputs, `${name}: check`);
                assert.equal(checked.failures, undefined, `${name}: check failures`);
                const diff = await provider.diff!("id", inputs as never, inputs);
                assert.deepEqual(hostRoundTrip(diff), diff, `${name}: diff`);

                const created = await provider.create(inputs);
                const outs = created.outs!;
                assertNoUndefined(outs, `${name}: create outs`);
                assert.deepEqual(hostRoundTrip(outs), outs, `${name}: create`);
                assert.equal(outs.report.checks.length > 0, true, `${name}: the report came back`);
                assert.equal("masterKey" in outs || "langfuse" in outs, false, `${name}: no secret input in the outputs`);

                const updated = await provider.update!(created.id, outs, inputs);
                assert.deepEqual(hostRoundTrip(updated.outs), updated.outs, `${name}: update`);
                const read = await provider.read!(created.id, outs);
                assert.deepEqual(hostRoundTrip(read.props), read.props, `${name}: read`);
            }),
        );
        assert.deepEqual(sim.keys(), [], "every run deleted its keys");
    });
});

describe("the real provider host process, over gRPC", () => {
    /** What reaches the host: the engine drops undefined inputs, and secrets arrive unwrapped. */
    const wire = (inputs: VerificationInputs) => withoutUndefined(inputs) as unknown as Record<string, unknown>;

    it("check, create, diff, update, read and delete with the minimal dev shape (no only, no guardrail, no langfuse)", async () => {
        const inputs = shapes(sim).find((s) => s.name === "no optional field set")!.inputs;
        const checked = await host.check({}, wire(inputs));
        assert.deepEqual(checked.failures, []);
        const created = await host.create(checked.inputs);
        assert.equal(created.id, `${sim.url}#${inputs.runId}`);
        const report = created.outs.report as { checks: { id: string; status: string }[] };
        assert.ok(report.checks.length >= 8, JSON.stringify(report));
        assert.equal("masterKey" in created.outs, false);

        const diff = await host.diff(created.id, created.outs, checked.inputs);
        assert.deepEqual(diff, { changes: "some", replaces: [] });
        const updated = await host.update(created.id, created.outs, checked.inputs);
        assert.equal((updated.outs.report as { checks: unknown[] }).checks.length, report.checks.length);
        const read = await host.read(created.id, updated.outs);
        assert.deepEqual(read, { id: created.id, props: updated.outs });
        await host.delete(created.id, updated.outs);
        assert.deepEqual(sim.keys(), []);
        assert.doesNotMatch(host.stderr(), /Unexpected struct type/);
    });

    it("create with every optional field set", async () => {
        const inputs = shapes(sim)[0].inputs;
        const created = await host.create(wire(inputs));
        assert.deepEqual(created.outs.only, inputs.only);
        assert.deepEqual([created.outs.models, created.outs.overheadP95Ms, created.outs.latencyRequests], [inputs.models, 500, 5], "the models and latency inputs survive the wire");
        const checks = (created.outs.report as { checks: { id: string; status: string; message: string }[] }).checks;
        assert.equal(checks.find((c) => c.id === "models")?.status, "pass", JSON.stringify(checks));
        assert.match(checks.find((c) => c.id === "latency")?.message ?? "", /5 of 5 request\(s\).*within the SLO \(p95 ≤ 500 ms\)/);
        assert.equal(created.outs.guardrail, "presidio-pii");
        assert.equal("langfuse" in created.outs, false, "the Langfuse keys stay out of the outputs");
    });

    it("enforce mode: a failing check fails create with the readable summary, not a conversion error", async () => {
        const inputs = { ...wire(shapes(sim)[1].inputs), mode: "enforce", only: ["health", "guardrail-pii"], guardrail: "presidio-pii" };
        await assert.rejects(host.create(inputs), (err: Error) => {
            assert.match(err.message, /gateway verification failed: 1 of 2 check\(s\) failed\n {2}- guardrail-pii: /);
            assert.doesNotMatch(err.message, /Unexpected struct type/);
            return true;
        });
    });
});
