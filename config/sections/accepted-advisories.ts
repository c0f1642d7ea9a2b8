/**
 * Config `gateway.acceptedAdvisories`: advisories a deployment runs with on purpose, each with a reason and an
 * expiry at most 90 days ahead (docs/litellm-versions.md). The schema holds the shape; the rule judges
 * `gateway.image` with the same function the policy pack and the runtime `security` check use, at `now`.
 */
import { z } from "zod";
import { advisoriesAffecting, findAdvisory, LITELLM_FLOOR, liteLLMVersionProblem, MAX_ACCEPTANCE_DAYS, type AcceptedAdvisory } from "../advisories";
import { displayValue, type ConfigProblem } from "../errors";
import { parseImageRef } from "../image";
import { formatVersion, liteLLMVersionFromTag } from "../litellm-release";
import { fixed } from "../primitives";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const acceptedAdvisorySchema = z
    .object({
        /** Any id of an advisory in the table (CVE, GHSA, PYSEC, MAL). */
        id: z.string().min(1, fixed("must name an advisory", "use an id from docs/litellm-versions.md, e.g. GHSA-4xpc-pv4p-pm3w")),
        /** Why running with it is acceptable for now; shown in every preview and verification report. */
        reason: z.string().trim().min(1, fixed("must say why the advisory is acceptable", "write the reason a reviewer signed off on, e.g. \"upgrade to 1.108 scheduled for 2027-01-10, vendor hold\"")),
        /** The last day (UTC) the exception holds: `YYYY-MM-DD`, at most 90 days ahead. */
        expires: z.string().regex(DATE, fixed("is not a date", `use YYYY-MM-DD, at most ${MAX_ACCEPTANCE_DAYS} days ahead`)),
    })
    .strict();

/**
 * `gateway.image` against the advisories (each one it is affected by must be accepted by an entry that holds at
 * `now`), and every entry against `gateway.image` (an entry for an advisory that does not affect it is stale).
 */
export function acceptedAdvisoryRules(spec: { project: string; gateway: { image: string; acceptedAdvisories?: AcceptedAdvisory[] } }, now: Date): ConfigProblem[] {
    const key = (path: string) => `${spec.project}:gateway.${path}`;
    const accepted = spec.gateway.acceptedAdvisories ?? [];
    const tag = parseImageRef(spec.gateway.image)?.tag;
    const version = tag ? liteLLMVersionFromTag(tag) : undefined;
    // An image whose release cannot be read is refused by the schema (liteLLMImage) already.
    if (!version) return [];
    const floor = formatVersion(LITELLM_FLOOR);
    const problems: ConfigProblem[] = [];
    const problem = liteLLMVersionProblem(version, accepted, now);
    if (problem) {
        problems.push({
            key: key("image"),
            value: displayValue(spec.gateway.image),
            message: problem,
            fix: `set gateway.image to a pinned release clear of every advisory (${floor} or newer), or remove it to use the project's pin; to run it anyway for a while, list each advisory in gateway.acceptedAdvisories with a reason and an expiry at most ${MAX_ACCEPTANCE_DAYS} days ahead (docs/litellm-versions.md)`,
        });
    }
    accepted.forEach((entry, i) => {
        const advisory = findAdvisory(entry.id);
        if (!advisory) {
            problems.push({ key: key(`acceptedAdvisories[${i}].id`), value: displayValue(entry.id), message: "no advisory in the table has this id", fix: "use an id listed in docs/litellm-versions.md (CVE, GHSA, PYSEC or MAL)" });
        } else if (!advisoriesAffecting(version).some((hit) => hit.advisory === advisory)) {
            problems.push({
                key: key(`acceptedAdvisories[${i}].id`),
                value: displayValue(entry.id),
                message: `${advisory.id} does not affect LiteLLM ${formatVersion(version)} (gateway.image), so there is nothing to accept`,
                fix: "remove the entry: an exception outliving the release it was granted for would hide the next one",
            });
        }
    });
    return problems;
}
