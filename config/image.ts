/**
 * Image references: parsing, pinning, and whether a LiteLLM image's release may run (the advisory table,
 * advisories.ts). Pure functions, shared by config validation (fail before deploy) and the policy pack
 * (fail in preview).
 */
import { LITELLM_FLOOR, liteLLMVersionProblem, type AcceptedAdvisory } from "./advisories";
import { formatVersion, liteLLMImageTag, liteLLMVersionFromTag } from "./litellm-release";

export interface ImageRef {
    /** Registry and path, e.g. `ghcr.io/berriai/litellm`. */
    repository: string;
    tag?: string;
    /** `sha256:<64 hex>` when pinned by digest. */
    digest?: string;
}

/** An image content digest, `sha256:<64 hex>`. */
export const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Tags that move: an image behind them can change under a running deployment without any diff. */
export const FLOATING_TAGS = new Set(["latest", "stable", "main", "main-latest", "main-stable", "main-nightly", "nightly", "lts", "edge", "dev"]);

/** A bare content id (e.g. `docker.RemoteImage.imageId`) rather than a repository reference. */
export function isImageId(ref: string): boolean {
    return IMAGE_DIGEST.test(ref.trim().toLowerCase());
}

/** Parses `repo[:tag][@sha256:digest]`; returns undefined when the text is not an image reference. */
export function parseImageRef(ref: string): ImageRef | undefined {
    const [nameAndTag, digest, ...rest] = ref.split("@");
    if (rest.length > 0 || (digest !== undefined && !IMAGE_DIGEST.test(digest))) return undefined;
    const lastColon = nameAndTag.lastIndexOf(":");
    const hasTag = lastColon > nameAndTag.lastIndexOf("/");
    const repository = hasTag ? nameAndTag.slice(0, lastColon) : nameAndTag;
    const tag = hasTag ? nameAndTag.slice(lastColon + 1) : undefined;
    if (!REPOSITORY.test(repository) || (tag !== undefined && !TAG.test(tag))) return undefined;
    return { repository, tag, digest };
}

/**
 * `ref` also pinned to `digest` (`repo:tag@sha256:…`), so the tag stays readable and the content is fixed.
 * Unchanged when no digest is given, or when `ref` already carries one (a differing one is a config error:
 * digestConflictProblems).
 */
export function withDigest(ref: string, digest: string | undefined): string {
    if (!digest || parseImageRef(ref)?.digest) return ref;
    return `${ref}@${digest}`;
}

/**
 * The problem when the image key `imageKey` (e.g. `stub.image`) already pins a digest that differs from the
 * one in its digest key (`stub.imageDigest`); empty when they agree or either is unset. Typed structurally
 * (a ConfigProblem) so the policy pack, which imports this module, does not compile config/errors.ts.
 */
export function digestConflictProblems(project: string, imageKey: string, ref: string | undefined, digest: string | undefined): { key: string; message: string; fix: string }[] {
    const own = ref === undefined ? undefined : parseImageRef(ref)?.digest;
    if (!digest || !own || own === digest) return [];
    return [{ key: `${project}:${imageKey}Digest`, message: `'${ref}' already pins ${own}, which differs from ${digest}`, fix: `drop the digest from ${imageKey}, or remove ${imageKey}Digest` }];
}

/**
 * Why an image reference is not pinned, or undefined when it is pinned to an exact tag or a digest.
 */
export function imagePinProblem(ref: string): string | undefined {
    const parsed = parseImageRef(ref);
    if (!parsed) return `'${ref}' is not a valid image reference (expected registry/repository:tag or @sha256:<digest>)`;
    if (parsed.digest) return undefined;
    if (!parsed.tag) return `'${ref}' has no tag or digest, so it floats to 'latest'; pin an exact version tag or a digest`;
    if (FLOATING_TAGS.has(parsed.tag.toLowerCase())) return `'${ref}' uses the floating tag '${parsed.tag}'; pin an exact version tag or a digest`;
    if (!/\d/.test(parsed.tag)) return `'${ref}' has the tag '${parsed.tag}', which carries no version number; pin an exact version tag or a digest`;
    return undefined;
}

/** LiteLLM's published images: ghcr.io/berriai/litellm*, docker.litellm.ai/berriai/litellm*, (docker.io/)berriai/litellm*. */
const LITELLM_REPOSITORY = /^(?:(?:ghcr\.io|docker\.litellm\.ai|docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?berriai\/litellm[a-z0-9._-]*$/;

export function isLiteLLMImage(ref: string): boolean {
    const parsed = parseImageRef(ref.trim().toLowerCase());
    return parsed !== undefined && LITELLM_REPOSITORY.test(parsed.repository);
}

/**
 * LiteLLM's image built to run as `nobody` (docker/Dockerfile.non_root): Prisma's CLI, engines and client
 * are fetched and generated as that user at build time, so nothing needs to be written under its root
 * filesystem at run time. Any registry (a mirror for air-gapped clusters) as long as the name is kept.
 */
export function isNonRootLiteLLMImage(ref: string): boolean {
    const repository = parseImageRef(ref.trim())?.repository ?? "";
    return repository.slice(repository.lastIndexOf("/") + 1) === "litellm-non_root";
}

/**
 * Why a LiteLLM image must not be deployed (unpinned, unknown version, or a release an advisory affects that
 * `accepted`, `gateway.acceptedAdvisories`, does not accept at `now`). A digest-only reference cannot be checked
 * against the advisory table, so it must also carry its version tag.
 */
export function liteLLMImageProblem(ref: string, accepted: readonly Partial<AcceptedAdvisory>[] = [], now: Date = new Date()): string | undefined {
    return imagePinProblem(ref) ?? liteLLMTagProblem((parseImageRef(ref) as ImageRef).tag, ref, accepted, now);
}

/** Why a LiteLLM image's release cannot be judged (unpinned, no version in its tag), or undefined. */
export function liteLLMImageUnreadable(ref: string): string | undefined {
    return imagePinProblem(ref) ?? unreadableTagProblem((parseImageRef(ref) as ImageRef).tag, ref);
}

function unreadableTagProblem(tag: string | undefined, ref: string): string | undefined {
    if (tag && liteLLMVersionFromTag(tag)) return undefined;
    return `cannot tell the LiteLLM release of '${ref}'; use a version tag such as ${liteLLMImageTag(formatVersion(LITELLM_FLOOR))} (optionally with @sha256:<digest>) so it can be checked against the advisory table`;
}

/** Why a LiteLLM image with this tag must not run (no version, denied release), or undefined. */
export function liteLLMTagProblem(tag: string | undefined, ref = `:${tag}`, accepted: readonly Partial<AcceptedAdvisory>[] = [], now: Date = new Date()): string | undefined {
    const version = tag ? liteLLMVersionFromTag(tag) : undefined;
    if (!version) return unreadableTagProblem(tag, ref);
    return liteLLMVersionProblem(version, accepted, now);
}
