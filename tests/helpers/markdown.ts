/**
 * Just enough Markdown for the docs tests: headings and their GitHub anchors, links, sections and pipe tables.
 * Fenced code blocks are never read as Markdown (a `# comment` in a bash block is not a heading).
 */

/** The text with every fenced code block blanked out, line count kept. */
export function withoutCode(markdown: string): string {
    let inFence = false;
    return markdown
        .split("\n")
        .map((line) => {
            if (/^\s*```/.test(line)) {
                inFence = !inFence;
                return "";
            }
            return inFence ? "" : line;
        })
        .join("\n");
}

/**
 * GitHub's heading anchor: lower case, every character but letters, digits, spaces, `-` and `_` dropped
 * (so backticks, dots, colons and parentheses go), then each space becomes `-`.
 */
export function slug(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-");
}

/** Every heading of the document, in order. */
export function headings(markdown: string): string[] {
    return [...withoutCode(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)].map((m) => m[1]);
}

/** The anchors GitHub gives those headings; a repeated heading gets `-1`, `-2`, … */
export function anchors(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const out = new Set<string>();
    for (const h of headings(markdown)) {
        const base = slug(h);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        out.add(n === 0 ? base : `${base}-${n}`);
    }
    return out;
}

export interface Link {
    text: string;
    target: string;
    line: number;
}

/** Every inline link `[text](target)` outside code blocks (images included). */
export function links(markdown: string): Link[] {
    const out: Link[] = [];
    withoutCode(markdown)
        .split("\n")
        .forEach((line, i) => {
            for (const m of line.matchAll(/\[((?:[^\][]|\[[^\]]*\])*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ text: m[1], target: m[2], line: i + 1 });
        });
    return out;
}

/** Whether a link leaves the document set: a URL with a scheme (`https:`, `mailto:`). */
export function isExternal(target: string): boolean {
    return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The body of the `## <title>` section: from its heading to the next heading of level 2 or higher. */
export function section(markdown: string, title: string): string {
    const lines = markdown.split("\n");
    const start = lines.findIndex((l) => l === `## ${title}`);
    if (start < 0) return "";
    const rest = lines.slice(start + 1);
    let inFence = false;
    const end = rest.findIndex((l) => {
        if (/^\s*```/.test(l)) inFence = !inFence;
        return !inFence && /^#{1,2} /.test(l);
    });
    return rest.slice(0, end < 0 ? undefined : end).join("\n");
}

/** The cells of a pipe-table row, trimmed; `\|` inside a cell is not a separator. */
export function cells(row: string): string[] {
    return row
        .trim()
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
}

export interface Table {
    header: string[];
    rows: string[][];
}

/** Every pipe table in the text (a header row, a `|---|` row, then rows). */
export function tables(markdown: string): Table[] {
    const lines = withoutCode(markdown).split("\n");
    const out: Table[] = [];
    for (let i = 0; i + 1 < lines.length; i++) {
        if (!lines[i].trim().startsWith("|") || !/^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(lines[i + 1])) continue;
        const table: Table = { header: cells(lines[i]), rows: [] };
        let j = i + 2;
        for (; j < lines.length && lines[j].trim().startsWith("|"); j++) table.rows.push(cells(lines[j]));
        out.push(table);
        i = j - 1;
    }
    return out;
}
