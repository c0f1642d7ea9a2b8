/**
 * Every quantity the `oke` stack sets on a Pulumi-managed Kubernetes object is in the API server's canonical
 * form (issue #17): `1024Mi` reads back as `1Gi`, so a refresh would show a change nobody made. Under mocks
 * nothing reads back, so this test holds the rule over the fullest oke graph.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { canonicalQuantity, mebibytes } from "../../components/k8s/quantity";
import type { MockRecorder } from "../helpers/mocks";
import { unwrap } from "../helpers/mocks";
import { buildOkeFeatureStack } from "./features-support";

describe("Kubernetes quantity text", () => {
    test("canonical as the API server prints it", () => {
        const cases: [string, string][] = [
            ["1024Mi", "1Gi"], ["1536Mi", "1536Mi"], ["2048Ki", "2Mi"], ["1.5Gi", "1536Mi"], ["512", "512"], ["0", "0"],
            ["1000m", "1"], ["1500m", "1500m"], ["0.5", "500m"], ["2000", "2k"], ["1.5", "1500m"], ["100m", "100m"], ["20Gi", "20Gi"],
        ];
        for (const [given, canonical] of cases) assert.equal(canonicalQuantity(given), canonical, given);
        assert.equal(mebibytes(1024), "1Gi");
        assert.equal(mebibytes(320), "320Mi");
        assert.throws(() => canonicalQuantity("1.5Ki5"), /not a Kubernetes quantity/);
    });
});

/** Every `resources.requests/limits`, `emptyDir.sizeLimit` and PVC storage request, with where it sits. */
function quantities(value: unknown, where: string, out: [string, string][] = []): [string, string][] {
    if (Array.isArray(value)) value.forEach((v, i) => quantities(v, `${where}[${i}]`, out));
    else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            const at = `${where}.${k}`;
            if ((k === "requests" || k === "limits") && v && typeof v === "object") {
                for (const [name, q] of Object.entries(v)) if (typeof q === "string") out.push([`${at}.${name}`, q]);
            } else if (k === "sizeLimit" && typeof v === "string") out.push([at, v]);
            else quantities(v, at, out);
        }
    }
    return out;
}

describe("the oke graph converges on the first up", () => {
    let mocks: MockRecorder;
    before(async () => {
        ({ mocks } = await buildOkeFeatureStack({ cache: { enabled: true }, guardrails: { enabled: true } }));
    });

    test("every quantity on a Pulumi-managed Kubernetes object is canonical", () => {
        const managed = mocks.resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.includes("helm.sh"));
        const found = managed.flatMap((r) => quantities(unwrap(r.inputs), r.name));
        assert.ok(found.length >= 10, `${found.length} quantities checked`);
        for (const [where, q] of found) assert.equal(q, canonicalQuantity(q), `${where}: '${q}' reads back as '${canonicalQuantity(q)}'`);
    });
});
