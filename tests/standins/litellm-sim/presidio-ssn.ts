/**
 * Presidio's UsSsnRecognizer and default `replace` anonymizer, reduced to what the simulator needs
 * (langfuse-presidio.md §7–8): five patterns, the invalidation rules, the context boost from the 5 words
 * before the number, best score per span, and `<US_SSN>` in place of every kept span. So the stand-in masks
 * exactly what Presidio masks: `219-09-9999` is masked, `123-45-6789` is not.
 */

export interface AnalyzerResult {
    entity_type: "US_SSN";
    start: number;
    end: number;
    score: number;
}

const PATTERNS: { regex: RegExp; score: number }[] = [
    { regex: /\b\d{5}-\d{4}\b/g, score: 0.05 },
    { regex: /\b\d{3}-\d{6}\b/g, score: 0.05 },
    { regex: /\b\d{3}-\d{2}-\d{4}\b/g, score: 0.05 },
    { regex: /\b\d{9}\b/g, score: 0.05 },
    { regex: /\b\d{3}[- .]\d{2}[- .]\d{4}\b/g, score: 0.5 },
];

const CONTEXT_WORDS = ["social", "security", "ssn", "ssns", "ssid"];
/** A few English stop words: Presidio counts keywords, not stop words, among the 5 preceding words. */
const STOP_WORDS = new Set(["a", "an", "the", "is", "are", "was", "my", "your", "his", "her", "our", "their", "of", "to", "in", "and", "or", "it", "i", "me", "be"]);
const CONTEXT_BOOST = 0.35;
const MIN_SCORE_WITH_CONTEXT = 0.4;

/** `invalidate_result` of the recognizer: true when the match cannot be an SSN. */
export function invalidSsn(text: string): boolean {
    const delimiters = new Set([...text].filter((c) => c === "." || c === "-" || c === " "));
    if (delimiters.size > 1) return true;
    const digits = text.replace(/\D/g, "");
    if ([...digits].every((d) => d === digits[0])) return true;
    if (digits.slice(3, 5) === "00" || digits.slice(5) === "0000") return true;
    return ["000", "666", "123456789", "98765432", "078051120"].some((prefix) => digits.startsWith(prefix));
}

function hasContext(text: string, start: number): boolean {
    const words = (text.slice(0, start).toLowerCase().match(/[a-z0-9']+/g) ?? []).filter((w) => !STOP_WORDS.has(w)).slice(-5);
    return words.some((w) => CONTEXT_WORDS.some((c) => w.includes(c)));
}

/** `POST /analyze` for US_SSN: kept spans with their best score, at or above `threshold`, sorted by start. */
export function analyzeSsn(text: string, threshold = 0): AnalyzerResult[] {
    const best = new Map<string, AnalyzerResult>();
    for (const { regex, score } of PATTERNS) {
        for (const m of text.matchAll(regex)) {
            const start = m.index ?? 0;
            if (invalidSsn(m[0])) continue;
            const boosted = hasContext(text, start) ? Math.min(1, Math.max(score + CONTEXT_BOOST, MIN_SCORE_WITH_CONTEXT)) : score;
            const span = `${start}:${start + m[0].length}`;
            const prior = best.get(span);
            if (!prior || prior.score < boosted) best.set(span, { entity_type: "US_SSN", start, end: start + m[0].length, score: Number(boosted.toFixed(2)) });
        }
    }
    return [...best.values()].filter((r) => r.score >= threshold).sort((a, b) => a.start - b.start);
}

/** `POST /anonymize` with the default `replace` operator: overlapping spans merge, each becomes `<US_SSN>`. */
export function anonymizeSsn(text: string, results: AnalyzerResult[]): string {
    const merged: { start: number; end: number }[] = [];
    for (const r of [...results].sort((a, b) => a.start - b.start)) {
        const last = merged[merged.length - 1];
        if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
        else merged.push({ start: r.start, end: r.end });
    }
    let out = text;
    for (const span of merged.reverse()) out = `${out.slice(0, span.start)}<US_SSN>${out.slice(span.end)}`;
    return out;
}

/** Analyze then anonymize one text, as LiteLLM's Presidio hook does per message text. */
export function maskSsn(text: string, threshold = 0): { text: string; results: AnalyzerResult[] } {
    const results = analyzeSsn(text, threshold);
    return { text: results.length > 0 ? anonymizeSsn(text, results) : text, results };
}
