/**
 * Zod building blocks shared by every config section. Each rule carries its fix (`fixed(message, fix)`),
 * so a rejected config tells the user what to change, not only what is wrong.
 */
import { z } from "zod";
import { DURATION_PATTERN } from "./access-formats";
import { LITELLM_FLOOR } from "./advisories";
import { formatVersion } from "./litellm-release";
import { IMAGE_DIGEST, imagePinProblem, liteLLMImageUnreadable } from "./image";

export const TARGETS = ["docker", "oke"] as const;
export type Target = (typeof TARGETS)[number];

/**
 * Separates a rule's message from its fix inside a zod message. zod keeps only `message` on its built-in
 * checks (regex, min, max, int, email, url: `params` survive on custom issues alone), so the fix travels
 * inside the message and `splitFix` takes it out again before anything is shown.
 */
const FIX_SEPARATOR = "\u001f";

/** A zod error option (`.regex(re, fixed(...))`, `ctx.addIssue({ ..., ...fixed(...) })`) carrying the fix. */
export const fixed = (message: string, fix: string) => ({ message: `${message}${FIX_SEPARATOR}${fix}` });

/** The message and fix of a zod issue written with `fixed`; `fix` is undefined for zod's own messages. */
export function splitFix(text: string): { message: string; fix?: string } {
    const at = text.indexOf(FIX_SEPARATOR);
    return at < 0 ? { message: text } : { message: text.slice(0, at), fix: text.slice(at + FIX_SEPARATOR.length) };
}

export const modelName = z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, fixed("is not a valid model name", "use letters, digits and . _ : / - (it is the name clients send as `model`)"));

/** A non-root uid or gid for a pod's securityContext. */
export const runAsId = z.number().int().min(1, fixed("must be a non-root id", "use the uid or gid of the image's service user (not 0: the pods run as non-root)")).max(2147483647);

export const costPerToken = z.number().nonnegative(fixed("must not be negative", "set a price in USD per token, e.g. 0.0000005"));
export const positiveUsd = z.number().positive(fixed("must be greater than zero", "set a positive amount in USD, or remove the key"));

/** A LiteLLM duration (`duration_in_seconds`): key lifetimes and budget periods. */
export const liteLLMDuration = z.string().regex(DURATION_PATTERN, fixed("is not a LiteLLM duration", "use a number and a unit: 30s, 30m, 30h, 30d or 1mo"));

export const port = z
    .number()
    .int(fixed("must be a whole number", "use a TCP port between 1 and 65535"))
    .min(1, fixed("is not a valid TCP port", "use a TCP port between 1 and 65535"))
    .max(65535, fixed("is not a valid TCP port", "use a TCP port between 1 and 65535"));

/** An image reference pinned to an exact tag or a digest. */
export const pinnedImage = z.string().superRefine((ref, ctx) => {
    const problem = imagePinProblem(ref);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, ...fixed(problem, "pin the image, e.g. postgres:16.6 or repo@sha256:<digest>") });
});

/** A content digest that pins an image whose tag is set elsewhere. */
export const imageDigest = z
    .string()
    .regex(IMAGE_DIGEST, fixed("is not an image digest", "use sha256:<64 lower-case hex digits>, e.g. from `docker buildx imagetools inspect <image>`"));

/** Pinned, with a readable release; whether an advisory stops that release is a cross rule (it reads gateway.acceptedAdvisories). */
export const liteLLMImage = z.string().superRefine((ref, ctx) => {
    const problem = liteLLMImageUnreadable(ref);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, ...fixed(problem, `set gateway.image to a pinned release clear of every advisory (${formatVersion(LITELLM_FLOOR)} or newer), or remove it to use the project's pin`) });
});

export const ocid = (kind: string) =>
    z.string().regex(/^ocid1\.[a-z0-9]+\.oc[0-9]+\.[a-z0-9-]*\.[a-z0-9]+$/, fixed(`is not an OCI ${kind} OCID`, `copy the ${kind} OCID from the OCI console (it starts with ocid1.)`));

