/**
 * oke with Debian-flavoured official images for Postgres and Redis: the pods run as the images' own users
 * (999:999 both), not Alpine's 70 and 999:1000 (tests/oke/features-cache-in-cluster.test.ts holds the Alpine ones).
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder } from "../helpers/mocks";
import { buildOkeFeatureStack, K8S } from "./features-support";

const podSecurity = (r: { inputs: Record<string, unknown> }) => (r.inputs.spec as any).template.spec.securityContext;

describe("oke stack with Debian Postgres and Redis images", () => {
    let mocks: MockRecorder;

    before(async () => {
        ({ mocks } = await buildOkeFeatureStack({ database: { mode: "in-cluster", image: "postgres:16.6" }, cache: { enabled: true, image: "redis:7.4.1-bookworm" } }));
    });

    test("Postgres runs as 999:999 with fsGroup 999", () => {
        const pg = mocks.one("kubernetes:apps/v1:StatefulSet");
        assert.equal((pg.inputs.spec as any).template.spec.containers[0].image, "postgres:16.6");
        assert.deepEqual(podSecurity(pg), { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: "RuntimeDefault" } });
    });

    test("Redis runs as 999:999", () => {
        const redis = mocks.byType(K8S.deployment).find((d) => /redis/.test(d.name));
        assert.ok(redis);
        assert.deepEqual(podSecurity(redis), { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: "RuntimeDefault" } });
    });
});
