/**
 * Every image reference a resource will run, wherever it sits: a RemoteImage name, a Docker container
 * image, Kubernetes container images, and images inside Helm values. The image rules share this list.
 */
import { isImageId, isLiteLLMImage } from "../../config/image";
import { asRecord, asString, isUnknown } from "./props";
import { DOCKER_CONTAINER, DOCKER_REMOTE_IMAGE, HELM_TYPES, K8S_WORKLOADS } from "./resourceTypes";
import type { Props } from "./types";
import { helmValues, isLiteLLMChart, podOf } from "./workloads";

export interface ImageSource {
    /** Where the reference was found, for messages (e.g. `values.image`). */
    where: string;
    reference: string;
    /** How to change it, in the vocabulary of this resource type. */
    fixHint: string;
}

/** The image the legacy LiteLLM chart runs when `image.repository` is not overridden. */
const LITELLM_CHART_DEFAULT_REPOSITORY = "ghcr.io/berriai/litellm-database";

export const IMAGE_RULE_TYPES: readonly string[] = [DOCKER_REMOTE_IMAGE, DOCKER_CONTAINER, ...K8S_WORKLOADS, ...HELM_TYPES];

export function imageSources(type: string, props: Props): ImageSource[] {
    if (type === DOCKER_REMOTE_IMAGE) {
        const name = asString(props.name);
        return name === undefined ? [] : [{ where: "name", reference: name, fixHint: "set `name` to `repo:<version>` or `repo@sha256:<digest>`" }];
    }
    if (type === DOCKER_CONTAINER) {
        const image = asString(props.image);
        // `RemoteImage.imageId` is a content id (sha256:...), already as pinned as it gets; the RemoteImage is checked itself.
        if (image === undefined || isImageId(image)) return [];
        return [{ where: "image", reference: image, fixHint: "pass a pinned `docker.RemoteImage`'s `imageId` as `image`" }];
    }
    if (K8S_WORKLOADS.includes(type)) {
        const pod = podOf(type, props);
        if (!pod) return [];
        return pod.containers.flatMap(({ where, container }) => {
            const image = asString(container.image);
            return image === undefined ? [] : [{ where: `${where}.image`, reference: image, fixHint: "set the container `image` to `repo:<version>` or `repo@sha256:<digest>`" }];
        });
    }
    if (HELM_TYPES.includes(type)) return helmImageSources(props);
    return [];
}

function helmImageSources(props: Props): ImageSource[] {
    const values = helmValues(props);
    const found: ImageSource[] = [];
    const fixHint = "set `<image>.tag` to an exact version (optionally `<version>@sha256:<digest>`) or `<image>.digest`";
    walkImages(values, "values", found, fixHint);
    const hasTopLevelImage = values.image !== undefined;
    if (!hasTopLevelImage && !isUnknown(props.values) && isLiteLLMChart(props, isLiteLLMImage)) {
        // The chart then renders `<default repo>:main-<appVersion>`: a moving, chart-chosen image.
        found.push({ where: "values.image (chart default)", reference: LITELLM_CHART_DEFAULT_REPOSITORY, fixHint: "set `values.image.repository` and `values.image.tag` to a pinned LiteLLM release" });
    }
    return found;
}

/** Finds `{repository, tag?, digest?, registry?}` objects and string-valued `image` keys anywhere in Helm values. */
function walkImages(v: unknown, path: string, found: ImageSource[], fixHint: string): void {
    if (Array.isArray(v)) {
        v.forEach((x, i) => walkImages(x, `${path}[${i}]`, found, fixHint));
        return;
    }
    const record = asRecord(v);
    if (!record) return;
    const repository = asString(record.repository);
    if (repository !== undefined) {
        const registry = asString(record.registry);
        const tag = scalarString(record.tag);
        const digest = asString(record.digest);
        if (isUnknown(record.tag) || isUnknown(record.digest)) return;
        const reference = `${registry ? `${registry}/` : ""}${repository}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
        found.push({ where: path, reference, fixHint });
        return;
    }
    for (const [key, value] of Object.entries(record)) {
        if (key === "image" && typeof value === "string") {
            found.push({ where: `${path}.image`, reference: value, fixHint });
        } else {
            walkImages(value, `${path}.${key}`, found, fixHint);
        }
    }
}

/** YAML turns `tag: 16` into a number; it is still a tag. */
function scalarString(v: unknown): string | undefined {
    if (typeof v === "number") return String(v);
    return asString(v);
}
