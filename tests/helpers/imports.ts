/**
 * The repository's own import graph, read from the sources (relative imports only, `import type`
 * included): what the layering tests walk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "./stack-config";

/** Every `.ts` file under `dir` (a path relative to the repository root), recursively. */
export function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        return e.isDirectory() ? sourceFiles(rel) : e.name.endsWith(".ts") ? [rel] : [];
    });
}

/** The repository files `file` imports (relative imports only, `import type` and `export … from` included). */
export function importsOf(file: string): string[] {
    const info = ts.preProcessFile(fs.readFileSync(path.join(REPO_ROOT, file), "utf8"), true, true);
    return info.importedFiles
        .map((f) => f.fileName)
        .filter((name) => name.startsWith("."))
        .flatMap((name) => {
            const base = path.join(path.dirname(file), name);
            return [`${base}.ts`, path.join(base, "index.ts")].filter((c) => fs.existsSync(path.join(REPO_ROOT, c))).slice(0, 1);
        });
}
