/**
 * The host ports the port-clash rule knows (config/host-ports.ts) are exactly the ports the fullest dev
 * stack publishes: a container that starts publishing a new port fails here until the rule knows it.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { publishedHostPorts } from "../../config/host-ports";
import type { GatewaySpec } from "../../config/spec";
import { buildStack } from "../helpers/build-stack";
import { MockRecorder, settle, unwrap } from "../helpers/mocks";

const EVERYTHING = { observability: { enabled: true }, guardrails: { enabled: true }, cache: { enabled: true }, gateway: { port: 4100 }, stub: { reportPort: 4110 } };

describe("published host ports of the fullest dev stack", () => {
    let mocks: MockRecorder;
    let spec: GatewaySpec;
    before(async () => {
        const built = await buildStack("dev", EVERYTHING);
        mocks = built.mocks;
        await settle(built.stack.outputs.langfuseUrl as pulumi.Output<string>);
        const { loadSpec } = await import("../../config/load");
        spec = loadSpec();
    });

    test("are the ports publishedHostPorts lists, no more and no fewer", () => {
        const published = mocks
            .byType("docker:index/container:Container")
            .flatMap((c) => ((unwrap(c.inputs.ports) ?? []) as { external?: number }[]).map((p) => p.external))
            .filter((p): p is number => p !== undefined)
            .sort();
        assert.ok(published.length >= 3, `gateway, stub report and Langfuse UI publish ports (got ${published.join(", ")})`);
        assert.deepEqual(published, publishedHostPorts(spec).map((p) => p.port).sort());
    });
});
