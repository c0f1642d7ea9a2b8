/**
 * The advisory table (config/advisories.ts) shared by config validation and the policy pack: every range
 * refuses a release inside it and stops at its first fixed release, the floor clears every range, and the
 * pinned release is accepted by both doors.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { advisoriesAffecting, LITELLM_ADVISORIES, LITELLM_FLOOR, liteLLMVersionProblem } from "../../config/advisories";
import { LITELLM_VERSION, DEFAULT_IMAGES } from "../../config/defaults";
import { liteLLMImageProblem } from "../../config/image";
import { compareVersions, formatVersion, liteLLMImageTag, parseVersion, Version } from "../../config/litellm-release";
import { checkLiteLLMVersion } from "../../policy/rules/liteLLMVersion";
import { REPO_ROOT } from "../helpers/stack-config";

const lastBefore = ([a, b, c]: Version): Version => (c > 0 ? [a, b, c - 1] : [a, b - 1, 99]);

describe("the LiteLLM advisory table", () => {
    for (const advisory of LITELLM_ADVISORIES) {
        for (const range of advisory.ranges) {
            const inside = [range.from, lastBefore(range.fixedIn)];
            test(`${advisory.id}: ${formatVersion(range.from)} up to ${formatVersion(range.fixedIn)}`, () => {
                for (const v of inside) {
                    const hit = advisoriesAffecting(v).find((h) => h.advisory === advisory);
                    assert.ok(hit, `${formatVersion(v)} is inside the range`);
                    assert.deepEqual(hit.fixedIn, range.fixedIn);
                    const problem = liteLLMVersionProblem(v) ?? "";
                    assert.ok(problem.includes(`${advisory.id} (`) && problem.includes(`fixed in ${formatVersion(range.fixedIn)})`), problem);
                }
                assert.equal(advisoriesAffecting(range.fixedIn).some((h) => h.advisory === advisory), false, `${formatVersion(range.fixedIn)} carries the fix`);
                assert.ok(compareVersions(range.fixedIn, LITELLM_FLOOR) <= 0, "the floor clears this range");
            });
        }
    }

    test("the floor is the first release clear of every advisory, and nothing above it is refused", () => {
        assert.equal(formatVersion(LITELLM_FLOOR), "1.104.0");
        for (const v of [LITELLM_FLOOR, [1, 108, 7], [1, 110, 2], [2, 0, 0]] as Version[]) assert.equal(liteLLMVersionProblem(v), undefined, formatVersion(v));
        assert.match(liteLLMVersionProblem([1, 103, 1]) ?? "", /predates 1\.104\.0/, "a fully patched release of an unsupported line");
    });

    test("the pinned release is on a supported line and accepted by config and policy alike", () => {
        const pin = parseVersion(LITELLM_VERSION);
        assert.ok(pin && compareVersions(pin, LITELLM_FLOOR) >= 0, LITELLM_VERSION);
        assert.equal(DEFAULT_IMAGES.litellm, `ghcr.io/berriai/litellm:${liteLLMImageTag(LITELLM_VERSION)}`);
        assert.equal(liteLLMImageProblem(DEFAULT_IMAGES.litellm), undefined);
        assert.deepEqual(checkLiteLLMVersion("docker:index/remoteImage:RemoteImage", { name: DEFAULT_IMAGES.litellm }), []);
    });

    test("config and policy refuse the old pin with the same advisory text", () => {
        const old = "ghcr.io/berriai/litellm:v1.83.10-stable";
        const fromConfig = liteLLMImageProblem(old) ?? "";
        assert.match(fromConfig, /CVE-2026-49468/);
        const [fromPolicy] = checkLiteLLMVersion("docker:index/remoteImage:RemoteImage", { name: old });
        assert.ok(fromPolicy.includes(fromConfig), fromPolicy);
    });

    test("docs/litellm-versions.md lists every advisory and the floor", () => {
        const doc = readFileSync(join(REPO_ROOT, "docs", "litellm-versions.md"), "utf8");
        for (const advisory of LITELLM_ADVISORIES) assert.ok(doc.includes(`| ${advisory.id} |`), `${advisory.id} is missing from the docs table`);
        assert.ok(doc.includes(`floor is ${formatVersion(LITELLM_FLOOR)}`));
        assert.ok(doc.includes(`today **${LITELLM_VERSION}**`), "the docs name the pin");
    });

    test("image tags follow the scheme of their release", () => {
        assert.equal(liteLLMImageTag("1.83.10"), "v1.83.10-stable");
        assert.equal(liteLLMImageTag("1.84.0"), "v1.84.0");
        assert.equal(liteLLMImageTag("1.108.7"), "v1.108.7");
        assert.throws(() => liteLLMImageTag("1.108"), /not a LiteLLM release number/);
    });
});
