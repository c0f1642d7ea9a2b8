/**
 * `gateway.acceptedAdvisories`: an affected `gateway.image` is accepted only when every advisory affecting it is
 * listed with a reason and an expiry at most 90 days ahead of `now` (injected here), and refused again once an
 * acceptance expires, naming the date. Stale and unknown entries are refused too.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { advisoriesAffecting, type AcceptedAdvisory } from "../../config/advisories";
import { parseSpec } from "../../config/spec";
import { configProblems, rawConfig } from "../helpers/raw-config";

const NOW = new Date("2026-12-07T15:00:00Z");
const OLD_IMAGE = "ghcr.io/berriai/litellm:v1.83.10-stable";
const HITS = advisoriesAffecting([1, 83, 10]);
const KEY = "litellm-gateway:gateway";

const entry = (id: string, extra: Partial<AcceptedAdvisory> = {}): AcceptedAdvisory => ({ id, reason: "vendor hold until the 1.108 rollout", expires: "2027-01-31", ...extra });
const everyHit = (extra: Partial<AcceptedAdvisory> = {}) => HITS.map((h) => entry(h.advisory.id.split(" / ")[0], extra));
const parse = (gateway: Record<string, unknown>, now = NOW) => parseSpec(rawConfig("dev", { gateway }), { now });
const problems = (gateway: Record<string, unknown>, now = NOW) => configProblems(() => parse(gateway, now));

describe("gateway.acceptedAdvisories", () => {
    test("an affected image with every advisory accepted parses; the list reaches the spec; none by default", () => {
        const spec = parse({ image: OLD_IMAGE, acceptedAdvisories: everyHit() });
        assert.equal(spec.gateway.image, OLD_IMAGE);
        assert.deepEqual(spec.gateway.acceptedAdvisories, everyHit());
        assert.deepEqual(parse({}).gateway.acceptedAdvisories, []);
        // Any id an advisory goes by, in any case.
        assert.doesNotThrow(() => parse({ image: OLD_IMAGE, acceptedAdvisories: HITS.map((h) => entry(h.advisory.id.split(" / ").at(-1)!.toLowerCase())) }));
        // The 90th day ahead is the last one allowed.
        assert.doesNotThrow(() => parse({ image: OLD_IMAGE, acceptedAdvisories: everyHit({ expires: "2027-03-07" }) }));
    });

    test("without the list, the image is refused naming every advisory and its first fixed release, and the fix names the list", () => {
        const [p] = problems({ image: OLD_IMAGE });
        assert.equal(p.key, `${KEY}.image`);
        for (const h of HITS) assert.ok(p.message.includes(`${h.advisory.id} (${h.advisory.summary}; fixed in ${h.fixedIn.join(".")})`), h.advisory.id);
        assert.match(p.fix, /gateway\.acceptedAdvisories with a reason and an expiry at most 90 days ahead/);
    });

    test("a partial list is refused, naming only the advisories it leaves out", () => {
        const [left, ...listed] = HITS;
        const found = problems({ image: OLD_IMAGE, acceptedAdvisories: listed.map((h) => entry(h.advisory.id)) });
        assert.equal(found.length, 1);
        assert.ok(found[0].message.includes(left.advisory.id), found[0].message);
        for (const h of listed) assert.ok(!found[0].message.includes(h.advisory.id), `${h.advisory.id} is accepted, yet named`);
    });

    test("an expired acceptance is refused again, naming its date", () => {
        const [p] = problems({ image: OLD_IMAGE, acceptedAdvisories: everyHit({ expires: "2026-12-06" }) });
        assert.equal(p.key, `${KEY}.image`);
        assert.match(p.message, /accepted in gateway\.acceptedAdvisories as "[^"]+", but it expired on 2026-12-06/);
        // It holds through its own day (UTC).
        assert.doesNotThrow(() => parse({ image: OLD_IMAGE, acceptedAdvisories: everyHit({ expires: "2026-12-07" }) }));
    });

    test("an expiry more than 90 days ahead is refused, naming the latest allowed day", () => {
        const [p] = problems({ image: OLD_IMAGE, acceptedAdvisories: everyHit({ expires: "2027-03-08" }) });
        assert.match(p.message, /its expiry 2027-03-08 is more than 90 days ahead \(at most 2027-03-07\)/);
    });

    test("a missing or blank reason is refused at the entry's key; so is a date that is not one", () => {
        const list = everyHit();
        const { reason: _dropped, ...noReason } = list[0];
        const missing = problems({ image: OLD_IMAGE, acceptedAdvisories: [noReason, ...list.slice(1)] });
        assert.deepEqual(missing.map((p) => p.key), [`${KEY}.acceptedAdvisories[0].reason`]);
        const blank = problems({ image: OLD_IMAGE, acceptedAdvisories: [{ ...list[0], reason: "   " }, ...list.slice(1)] });
        assert.deepEqual(blank.map((p) => p.key), [`${KEY}.acceptedAdvisories[0].reason`]);
        assert.match(blank[0].message, /must say why the advisory is acceptable/);
        const notADate = problems({ image: OLD_IMAGE, acceptedAdvisories: [{ ...list[0], expires: "next month" }, ...list.slice(1)] });
        assert.deepEqual(notADate.map((p) => p.key), [`${KEY}.acceptedAdvisories[0].expires`]);
        const impossible = problems({ image: OLD_IMAGE, acceptedAdvisories: everyHit({ expires: "2027-02-30" }) });
        assert.match(impossible[0].message, /its expiry "2027-02-30" is not a date/);
    });

    test("an unknown id, and an entry for an advisory the image is not affected by, are refused at the entry", () => {
        const unknown = problems({ image: OLD_IMAGE, acceptedAdvisories: [...everyHit(), entry("CVE-2099-0001")] });
        assert.deepEqual(unknown.map((p) => [p.key, p.message]), [[`${KEY}.acceptedAdvisories[${HITS.length}].id`, "no advisory in the table has this id"]]);
        const stale = problems({ acceptedAdvisories: [entry("GHSA-4xpc-pv4p-pm3w")] });
        assert.equal(stale[0].key, `${KEY}.acceptedAdvisories[0].id`);
        assert.match(stale[0].message, /does not affect LiteLLM 1\.108\.7 \(gateway\.image\), so there is nothing to accept/);
    });

    test("a release below the floor that no advisory affects is refused whatever the list says", () => {
        const [p] = problems({ image: "ghcr.io/berriai/litellm:v1.103.1" });
        assert.match(p.message, /predates 1\.104\.0/);
    });
});
