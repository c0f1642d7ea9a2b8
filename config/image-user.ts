/**
 * Which uid and gid an in-cluster Postgres or Redis runs as. The pods run non-root from the start (no
 * entrypoint step-down from root), so they must run as the image's own service user, which owns its
 * directories and which its entrypoint expects ("initdb: could not look up effective user ID 70" on a
 * Debian image run as Alpine's user). The official images differ by flavour (docker-library/postgres and
 * docker-library/redis Dockerfiles):
 * - postgres, Alpine: `addgroup -g 70 -S postgres; adduser -u 70 -S -D -G postgres …` -> 70:70;
 * - postgres, Debian: `groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999 …` -> 999:999;
 * - redis, Alpine: `addgroup -S -g 1000 redis; adduser -S -G redis -u 999 redis` -> 999:1000;
 * - redis, Debian: `groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis` -> 999:999.
 * The flavour is read from the tag (`-alpine`, or a Debian codename), or is Debian for an official image with
 * a bare version tag (`postgres:16.6`). Any other image needs `runAsUser` (and `runAsGroup`): a private
 * build, Bitnami (1001), Valkey or a digest-only reference gives no reliable hint, so it is refused rather
 * than guessed. Pure: shared by the config rules and the stack.
 */
import { parseImageRef } from "./image";
import type { Target } from "./primitives";

export type ServiceImage = "postgres" | "redis";
export type Flavour = "alpine" | "debian";
export interface RunAs {
    user: number;
    group: number;
}

export const OFFICIAL_IMAGE_USERS: Record<ServiceImage, Record<Flavour, RunAs>> = {
    postgres: { alpine: { user: 70, group: 70 }, debian: { user: 999, group: 999 } },
    redis: { alpine: { user: 999, group: 1000 }, debian: { user: 999, group: 999 } },
};

const DEBIAN_CODENAMES = /(^|-)(trixie|bookworm|bullseye|buster)(-|$)/;

/** The official image of `kind` on Docker Hub, or a mirror that keeps its `library/` path. */
const officialRepository = (kind: ServiceImage, repository: string) =>
    new RegExp(`^(?:(?:docker\\.io|index\\.docker\\.io|registry-1\\.docker\\.io)/)?(?:library/)?${kind}$|/library/${kind}$`).test(repository);

/** The image's flavour, or undefined when neither its tag nor its name tells. */
export function imageFlavour(kind: ServiceImage, ref: string): Flavour | undefined {
    const parsed = parseImageRef(ref.trim());
    const tag = parsed?.tag?.toLowerCase();
    if (!parsed || !tag) return undefined;
    if (/(^|-)alpine(\d+(\.\d+)*)?(-|$)/.test(tag)) return "alpine";
    if (DEBIAN_CODENAMES.test(tag)) return "debian";
    if (officialRepository(kind, parsed.repository) && /^\d+(\.\d+)*$/.test(tag)) return "debian";
    return undefined;
}

/** The identity the pod runs as: the override, else the flavour's user; undefined when neither can be told. */
export function imageRunAs(kind: ServiceImage, ref: string, override: { runAsUser?: number; runAsGroup?: number } = {}): RunAs | undefined {
    const flavour = imageFlavour(kind, ref);
    const known = flavour ? OFFICIAL_IMAGE_USERS[kind][flavour] : undefined;
    const user = override.runAsUser ?? known?.user;
    if (user === undefined) return undefined;
    // An explicit user without a group runs with the group of the same number (Debian's convention).
    return { user, group: override.runAsGroup ?? (override.runAsUser !== undefined ? override.runAsUser : (known as RunAs).group) };
}

/** What the rule reads (structural: config/rules.ts passes the spec). */
interface ImageUserInput {
    project: string;
    target: Target;
    database: { mode: string; image: string; runAsUser?: number; runAsGroup?: number };
    cache: { enabled: boolean; mode: string; image: string; runAsUser?: number; runAsGroup?: number };
}

const SERVICE_USER: Record<ServiceImage, string> = { postgres: "postgres", redis: "redis" };

/** On oke, an in-cluster Postgres or Redis whose user cannot be told from its image and has no override. */
export function imageUserRules(spec: ImageUserInput): { key: string; value: string; message: string; fix: string }[] {
    if (spec.target !== "oke") return [];
    const checks: [ServiceImage, string, ImageUserInput["database"]][] = [];
    if (spec.database.mode === "in-cluster") checks.push(["postgres", "database", spec.database]);
    if (spec.cache.enabled && spec.cache.mode === "in-cluster") checks.push(["redis", "cache", spec.cache]);
    return checks.flatMap(([kind, section, s]) =>
        imageRunAs(kind, s.image, s) !== undefined
            ? []
            : [{
                  key: `${spec.project}:${section}.image`,
                  value: JSON.stringify(s.image),
                  message: `cannot tell which uid and gid the image runs ${kind} as: it is not an official ${kind} image whose tag says Alpine or Debian, and ${section}.runAsUser is unset; the pod runs as that user from the start`,
                  fix: `set ${section}.runAsUser and ${section}.runAsGroup to the image's ${SERVICE_USER[kind]} user (\`docker run --rm --entrypoint id ${s.image} ${SERVICE_USER[kind]}\`), or use an official image such as ${kind}:<version>-alpine`,
              }],
    );
}
