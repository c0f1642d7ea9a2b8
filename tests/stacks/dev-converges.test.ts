/**
 * The first `up` of `dev` must converge: right after it, a preview must show no change to any container
 * (issue #17). A real preview showed two kinds of drift that mocks cannot see, because no provider reads
 * anything back under mocks:
 * - durations the Docker provider reads back in Go's canonical form (`60s` came back as `1m0s`);
 * - `memorySwap`, which Docker fills in (2 × memory) when the program leaves it unset.
 * So this graph test holds the rule for every container of the fullest `dev` graph (cache, guardrails and
 * a self-hosted Langfuse all on): every duration canonical, every memory limit with an explicit swap.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { goDuration } from "../../components/shared/docker";
import { buildStack } from "../helpers/build-stack";
import { MockRecorder, RecordedResource, unwrap } from "../helpers/mocks";

const CONTAINER = "docker:index/container:Container";

/** A Go `time.Duration` string parsed back to seconds, or undefined when it is not one. */
function parseGoDuration(text: string): number | undefined {
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(\d+)s$/.exec(text);
    return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3]) : undefined;
}

/** Whether `text` is exactly how Go prints its duration (what the provider reads back). */
export function isCanonicalGoDuration(text: string): boolean {
    const seconds = parseGoDuration(text);
    return seconds !== undefined && goDuration(seconds) === text;
}

describe("Go duration text", () => {
    test("whole seconds print as Go prints them", () => {
        assert.deepEqual([0, 5, 59, 60, 61, 180, 3600, 3725].map(goDuration), ["0s", "5s", "59s", "1m0s", "1m1s", "3m0s", "1h0m0s", "1h2m5s"]);
        assert.throws(() => goDuration(1.5), /whole, non-negative seconds/);
    });

    test("the canonical-form rule rejects every other spelling of the same duration", () => {
        for (const ok of ["5s", "1m0s", "3m0s", "1h0m0s", "1h2m5s"]) assert.ok(isCanonicalGoDuration(ok), ok);
        for (const bad of ["60s", "180s", "1m", "90s", "01s", "1h", "5000ms", "1m60s"]) assert.equal(isCanonicalGoDuration(bad), false, bad);
    });
});

describe("the dev graph converges on the first up", () => {
    let containers: RecordedResource[];
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildStack("dev", { guardrails: { enabled: true }, observability: { enabled: true } }));
        containers = mocks.byType(CONTAINER);
    });

    test("the graph holds every container kind (the rule is not vacuous)", () => {
        const roles = containers.map((c) => c.name.replace(/^litellm-gateway-dev-/, "")).sort();
        for (const role of ["litellm-container", "postgres-container", "redis-container", "stub-container", "presidio-analyzer", "langfuse-web-container", "langfuse-clickhouse-container"]) {
            assert.ok(roles.some((r) => r.startsWith(role)), `${role} in ${roles.join(", ")}`);
        }
    });

    test("every healthcheck duration is in Go's canonical form", () => {
        let seen = 0;
        for (const c of containers) {
            const hc = unwrap(c.inputs.healthcheck) as Record<string, unknown> | undefined;
            assert.ok(hc, `${c.name} has a healthcheck`);
            for (const field of ["interval", "timeout", "startPeriod", "startInterval"]) {
                const value = hc[field];
                if (value === undefined) continue;
                seen++;
                assert.ok(isCanonicalGoDuration(String(value)), `${c.name}: healthcheck.${field} '${value}' is read back as '${goDuration(parseGoDuration(String(value)) ?? 0)}'`);
            }
        }
        assert.ok(seen >= containers.length * 3, `${seen} durations checked`);
    });

    test("every container sets a memory limit and an explicit swap equal to it (no swap)", () => {
        for (const c of containers) {
            const memory = unwrap(c.inputs.memory);
            assert.equal(typeof memory, "number", `${c.name} has a memory limit`);
            assert.equal(unwrap(c.inputs.memorySwap), memory, `${c.name}: memorySwap must equal memory, or Docker fills in 2 × memory`);
        }
    });
});
