/**
 * Where the suite keeps what it installs (a cache outside the repository, reused across runs) and where it
 * finds the environment tools (prisma-offline, presidio-rest), which it references and never copies into
 * the repository. Pure: the file-system test is passed in.
 */
import { join, resolve } from "node:path";

export const CACHE_ENV = "LITELLM_GATEWAY_IT_CACHE";
export const TOOLS_ENV = "LITELLM_GATEWAY_TOOLS";
/** The tools every run needs, by folder name under the tools directory. */
export const REQUIRED_TOOLS = ["prisma-offline", "presidio-rest"] as const;

export function cacheDir(env: Record<string, string | undefined>, home: string): string {
    const set = env[CACHE_ENV];
    return set && set.trim() !== "" ? resolve(set) : join(home, ".cache", "litellm-gateway-it");
}

export interface ToolsLocation {
    dir: string;
    /** How it was found, for the report. */
    via: string;
}

/**
 * `$LITELLM_GATEWAY_TOOLS`, else `<repo>/../shared/tools` (a work tree beside shared/, and CI's clone), else
 * `/work/shared/tools` (a clone elsewhere on this machine). A set env var that is wrong is an error, not a
 * reason to look elsewhere.
 */
export function findTools(env: Record<string, string | undefined>, repoRoot: string, isDir: (path: string) => boolean): ToolsLocation {
    const holdsTools = (dir: string) => REQUIRED_TOOLS.every((t) => isDir(join(dir, t)));
    const set = env[TOOLS_ENV];
    if (set && set.trim() !== "") {
        const dir = resolve(set);
        if (!holdsTools(dir)) throw new Error(`${TOOLS_ENV}=${set} does not hold ${REQUIRED_TOOLS.join(" and ")}; point it at the shared tools folder (e.g. /work/shared/tools)`);
        return { dir, via: `$${TOOLS_ENV}` };
    }
    const candidates = [join(repoRoot, "..", "shared", "tools"), "/work/shared/tools"];
    const found = candidates.find(holdsTools);
    if (!found) {
        throw new Error(`the environment tools (${REQUIRED_TOOLS.join(", ")}) are not in ${candidates.join(" nor ")}; set ${TOOLS_ENV} to the folder that holds them`);
    }
    return { dir: resolve(found), via: found === candidates[0] ? "<repo>/../shared/tools" : "/work/shared/tools" };
}
