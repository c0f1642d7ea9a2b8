/**
 * The policy pack and `gateway.acceptedAdvisories`: an affected LiteLLM image passes the mandatory rule only when
 * the stack accepts every advisory affecting it (same judge as config), and the advisory-level rule reports each
 * accepted advisory in every preview. The pack reads the list from the stack config Pulumi hands it (PULUMI_CONFIG).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { advisoriesAffecting, type AcceptedAdvisory } from "../../config/advisories";
import { evaluatePolicies, mandatoryViolations } from "../../policy/evaluate";
import { policies } from "../../policy/policies";
import { checkAcceptedAdvisories, checkLiteLLMVersion } from "../../policy/rules/liteLLMVersion";
import { DOCKER_REMOTE_IMAGE, HELM_RELEASE } from "../../policy/rules/resourceTypes";
import { acceptedAdvisoriesFromEnv, ruleContextFromEnv } from "../../policy/rules/stackConfig";
import { fakeResourceArgs, runResourcePolicy } from "./fakePolicyArgs";
import { GOOD_LITELLM, helmLiteLLMRelease } from "./fixtures";

const NOW = new Date("2026-12-07T09:00:00Z");
const OLD = "ghcr.io/berriai/litellm:v1.83.10-stable";
const HITS = advisoriesAffecting([1, 83, 10]);
const acceptAll = (expires = "2027-01-31"): AcceptedAdvisory[] => HITS.map((h) => ({ id: h.advisory.id.split(" / ")[0], reason: "vendor hold", expires }));
const ctx = (acceptedAdvisories: AcceptedAdvisory[]) => ({ acceptedAdvisories, now: NOW });
const image = (name: string) => ({ name });

describe("litellm-no-vulnerable-version with accepted advisories", () => {
    test("an affected image passes only when every advisory is accepted, and the refusal names the way through", () => {
        assert.deepEqual(checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, image(OLD), ctx(acceptAll())), []);
        const [refused] = checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, image(OLD), ctx([]));
        assert.match(refused, /is denied: LiteLLM 1\.83\.10 is affected by .*accept each advisory in the stack's gateway\.acceptedAdvisories with a reason and an expiry at most 90 days ahead/);
    });

    test("a partial list is denied naming only what it leaves out; an expired entry, naming its date; one too far ahead or without a reason", () => {
        const [left, ...rest] = acceptAll();
        const [partial] = checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, image(OLD), ctx(rest));
        assert.ok(partial.includes(`${HITS[0].advisory.id} (`), partial);
        assert.ok(!partial.includes(`${HITS[1].advisory.id} (`), partial);
        assert.equal(left.id, HITS[0].advisory.id.split(" / ")[0]);
        assert.match(checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, image(OLD), ctx(acceptAll("2026-12-01")))[0], /it expired on 2026-12-01/);
        assert.match(checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, image(OLD), ctx(acceptAll("2027-06-01")))[0], /more than 90 days ahead \(at most 2027-03-07\)/);
        assert.match(checkLiteLLMVersion(DOCKER_REMOTE_IMAGE, image(OLD), ctx(acceptAll().map((e) => ({ ...e, reason: "" }))))[0], /it gives no reason/);
    });

    test("each accepted advisory is an advisory-level finding, with its reason and expiry; nothing for a clean image", () => {
        const findings = checkAcceptedAdvisories(DOCKER_REMOTE_IMAGE, image(OLD), ctx(acceptAll()));
        assert.equal(findings.length, HITS.length);
        for (const [i, hit] of HITS.entries()) {
            assert.ok(findings[i].includes(`runs with the accepted advisory ${hit.advisory.id} (`) && findings[i].includes(`until 2027-01-31: "vendor hold"`), findings[i]);
            assert.ok(findings[i].includes(`move to ${hit.fixedIn.join(".")} or newer`), findings[i]);
        }
        assert.deepEqual(checkAcceptedAdvisories(DOCKER_REMOTE_IMAGE, image(GOOD_LITELLM), ctx(acceptAll())), []);
        assert.deepEqual(checkAcceptedAdvisories(DOCKER_REMOTE_IMAGE, image(OLD), ctx([])), []);
        const helm = helmLiteLLMRelease() as { values: { image: Record<string, unknown> } };
        helm.values.image = { ...helm.values.image, tag: "v1.83.10-stable" };
        assert.equal(checkAcceptedAdvisories(HELM_RELEASE, helm, ctx(acceptAll())).length, HITS.length, "Helm values are read as well");
    });

    test("evaluatePolicies: with the list, no mandatory violation and one advisory finding per accepted advisory", () => {
        const resources = [{ type: DOCKER_REMOTE_IMAGE, name: "gateway-image", inputs: image(OLD) }];
        const withList = evaluatePolicies(resources, { stack: "dev", acceptedAdvisories: acceptAll(), now: NOW });
        assert.deepEqual(mandatoryViolations(withList), []);
        const findings = withList.filter((v) => v.policyName === "litellm-accepted-advisories");
        assert.equal(findings.length, HITS.length);
        assert.ok(findings.every((f) => f.enforcementLevel === "advisory"));
        const without = evaluatePolicies(resources, { stack: "dev", now: NOW });
        assert.deepEqual(mandatoryViolations(without).map((v) => v.policyName), ["litellm-no-vulnerable-version"]);
    });
});

describe("the stack config the pack reads", () => {
    const config = (gateway: unknown, project = "litellm-gateway") => JSON.stringify({ [`${project}:gateway`]: typeof gateway === "string" ? gateway : JSON.stringify(gateway), [`${project}:target`]: "docker" });

    test("gateway.acceptedAdvisories from PULUMI_CONFIG (a structured value is JSON text), in the project of PULUMI_PROJECT", () => {
        const list = acceptAll();
        assert.deepEqual(acceptedAdvisoriesFromEnv({ PULUMI_CONFIG: config({ image: OLD, acceptedAdvisories: list }) }), list);
        assert.deepEqual(acceptedAdvisoriesFromEnv({ PULUMI_CONFIG: config({ acceptedAdvisories: list }, "my-gw"), PULUMI_PROJECT: "my-gw" }), list);
        assert.deepEqual(ruleContextFromEnv({ PULUMI_CONFIG: config({ acceptedAdvisories: list }) }, NOW), { acceptedAdvisories: list, now: NOW });
    });

    test("anything unreadable is no acceptance, so an affected image stays denied", () => {
        for (const env of [{}, { PULUMI_CONFIG: "not json" }, { PULUMI_CONFIG: config("port=8080") }, { PULUMI_CONFIG: config({ acceptedAdvisories: "all" }) }, { PULUMI_CONFIG: config({ acceptedAdvisories: [null, 3] }) }]) {
            assert.deepEqual(acceptedAdvisoriesFromEnv(env), [], JSON.stringify(env));
        }
    });

    test("the CrossGuard wrappers read it: the mandatory rule lets the image through, the advisory rule reports each acceptance", async () => {
        const saved = process.env.PULUMI_CONFIG;
        process.env.PULUMI_CONFIG = config({ image: OLD, acceptedAdvisories: acceptAll(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)) });
        try {
            const byName = (name: string) => policies.find((p) => p.name === name) as Parameters<typeof runResourcePolicy>[0];
            const args = fakeResourceArgs(DOCKER_REMOTE_IMAGE, image(OLD));
            assert.deepEqual((await runResourcePolicy(byName("litellm-no-vulnerable-version"), args)).violations, []);
            assert.equal((await runResourcePolicy(byName("litellm-accepted-advisories"), args)).violations.length, HITS.length);
        } finally {
            if (saved === undefined) delete process.env.PULUMI_CONFIG;
            else process.env.PULUMI_CONFIG = saved;
        }
    });
});
