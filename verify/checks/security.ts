/**
 * `security`: the LiteLLM release the gateway is running now is clear of every known advisory, or each advisory
 * it is affected by is accepted on purpose (`acceptedAdvisories`, config `gateway.acceptedAdvisories`). Config
 * validation and the policy pack judge the image before deploy; this judges what answers, so an image changed
 * out of band, or someone else's gateway, is caught too. Same table, same judge (verify/advisories.ts).
 *
 * An accepted advisory passes "with exception": the status stays `pass`, the message names each one with its
 * expiry, and the row carries `exceptions` (id, reason, expiry, fixed release), which the table prints below.
 */
import { describeHit, judgeRelease, LITELLM_ADVISORIES, LITELLM_FLOOR } from "../advisories";
import { formatVersion, type Version } from "../litellm-version";
import { fail, pass, passWithExceptions } from "../outcome";
import type { CheckDefinition } from "../types";
import { liveVersion } from "./reported-version";

/** `1.108.7`, also with a suffix (`1.82.1-stable`, `1.83.10.post1`); undefined when it names no release. */
function releaseOf(reported: string): Version | undefined {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?![0-9])/.exec(reported.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export const securityCheck: CheckDefinition = {
    id: "security",
    title: "the running LiteLLM release is clear of every known advisory, or each one is accepted",
    skipReason: () => undefined,
    async run(ctx) {
        const reported = await liveVersion(ctx);
        const version = releaseOf(reported);
        const floor = formatVersion(LITELLM_FLOOR);
        if (!version) {
            return fail({ expected: "the proxy to report its LiteLLM release", got: reported, cause: "without a release number the running gateway cannot be checked against the advisory table" });
        }
        const shown = formatVersion(version);
        const verdict = judgeRelease(version, ctx.options.acceptedAdvisories ?? [], new Date());
        if (verdict.refused.length > 0) {
            return fail({
                expected: `LiteLLM clear of every known advisory (${floor} or newer), or each advisory it is affected by accepted`,
                got: `LiteLLM ${shown}, affected by ${verdict.refused.map((r) => (r.why ? `${describeHit(r.hit)}, ${r.why}` : describeHit(r.hit))).join("; ")}`,
                cause: `the gateway runs an affected release (an image changed out of band, or one nobody checked): move to ${floor} or newer, or accept each advisory in gateway.acceptedAdvisories (--accepted-advisories) with a reason and an expiry`,
            });
        }
        if (verdict.belowFloor) {
            return fail({ expected: `LiteLLM ${floor} or newer`, got: `LiteLLM ${shown}`, cause: `${shown} carries every listed fix, but its line is out of support; move to ${floor} or newer` });
        }
        if (verdict.accepted.length === 0) return pass(`LiteLLM ${shown}: clear of every known advisory (${LITELLM_ADVISORIES.length} in the table)`);
        const exceptions = verdict.accepted.map(({ hit, entry }) => ({ id: hit.advisory.id, reason: entry.reason, expires: entry.expires, fixedIn: formatVersion(hit.fixedIn) }));
        return passWithExceptions(
            `LiteLLM ${shown}: passed with ${exceptions.length} accepted exception(s): ${exceptions.map((e) => `${e.id} until ${e.expires}`).join("; ")}`,
            exceptions,
        );
    },
};
