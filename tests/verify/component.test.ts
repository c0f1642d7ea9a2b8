/**
 * GatewayVerification under Pulumi mocks: the component and its dynamic resource are registered with the
 * policy marker, a fresh run id, a secret master key and a serialized provider; warn mode logs a warning.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import type { VerificationReport } from "../../verify/types";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, any>;
}

const registered: Registered[] = [];
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const failingReport: VerificationReport = {
    ok: false,
    durationMs: 10,
    usage: { promptTokens: 1, completionTokens: 1, costUsd: 0 },
    checks: [{ id: "budget", status: "fail", durationMs: 5, message: "expected refusal; got 200; likely cause: budgets are not enforced" }],
};

// Mocks before the component module is loaded (pulumi.md §2).
pulumi.runtime.setMocks(
    {
        newResource(args) {
            registered.push({ type: args.type, name: args.name, inputs: args.inputs });
            // Stand in for the provider's create: the dynamic resource reports a failing run.
            const state = args.type.startsWith("pulumi-nodejs:dynamic") ? { ...args.inputs, report: failingReport } : args.inputs;
            return { id: `${args.name}-id`, state };
        },
        call: (args) => args.inputs,
    },
    "litellm-gateway",
    "dev",
);

let GatewayVerification: typeof import("../../components/verification").GatewayVerification;
before(async () => {
    ({ GatewayVerification } = await import("../../components/verification"));
});

function promiseOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

describe("GatewayVerification component", () => {
    it("registers the component and a dynamic run resource marked for the policy pack, with secrets kept secret", async () => {
        const warnings: string[] = [];
        const originalWarn = pulumi.log.warn;
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = async (msg: string) => { warnings.push(msg); };
        try {
            const v = new GatewayVerification("verify", {
                gatewayUrl: "http://127.0.0.1:4000",
                masterKey: "sk-component-master-key",
                model: "sim-primary",
                fallbackModel: "sim-fallback",
                mode: "warn",
                langfuse: { url: "http://lf", publicKey: "pk-lf", secretKey: "sk-lf-secret" },
            });
            const report = await promiseOf(v.report);
            await new Promise((r) => setTimeout(r, 50));
            assert.equal(report.ok, false);
            assert.ok(registered.some((r) => r.type === "litellm-gateway:verification:GatewayVerification" && r.name === "verify"));
            const run = registered.find((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
            assert.ok(run, "dynamic resource registered");
            assert.equal(run.name, "verify-run");
            assert.equal(run.inputs.suite, "litellm-gateway-verification");
            assert.match(run.inputs.runId, /^vr[a-z0-9]+$/);
            assert.equal(run.inputs.mode, "warn");
            assert.equal(run.inputs.model, "sim-primary");
            assert.equal(typeof run.inputs.__provider, "string");
            assert.ok(run.inputs.masterKey[SECRET_SIG_KEY], "masterKey is secret");
            assert.ok(run.inputs.langfuse[SECRET_SIG_KEY], "langfuse is secret");
            assert.ok(!JSON.stringify(run.inputs).includes('"masterKey":"sk-component-master-key"'));
            assert.equal(warnings.length, 1);
            assert.match(warnings[0], /gateway verification failed: 1 of 1 check\(s\) failed\n {2}- budget: .*budgets are not enforced/);
        } finally {
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = originalWarn;
        }
    });

    it("defaults to enforce mode and gets a fresh run id per program run", async () => {
        const before = registered.length;
        const a = new GatewayVerification("a", { gatewayUrl: "http://g", masterKey: "sk-a-master-key", model: "m" });
        const b = new GatewayVerification("b", { gatewayUrl: "http://g", masterKey: "sk-b-master-key", model: "m" });
        await Promise.all([promiseOf(a.report), promiseOf(b.report)]);
        await new Promise((r) => setTimeout(r, 50));
        const runs = registered.slice(before).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
        assert.equal(runs.length, 2);
        assert.equal(runs[0].inputs.mode, "enforce");
        assert.notEqual(runs[0].inputs.runId, runs[1].inputs.runId);
        assert.equal(runs[0].inputs.langfuse, undefined);
    });
});
