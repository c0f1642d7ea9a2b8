/**
 * How the `latency` check turns its samples into a verdict (docs/checks-models-latency.md, "How the SLO gates a
 * deploy"). Pure.
 *
 * A sample whose overhead p95 misses the SLO is confirmed by a second one after a short pause; one sample decides
 * only when it meets the SLO. Then:
 * - a user-set SLO (`overheadP95Ms` given) is strict: the check fails when both samples miss it;
 * - the default SLO is reported, and gates only a confirmed, large miss: both samples miss it AND in both the
 *   median overhead, less the proxy's own `/health/liveliness` round trip measured alongside under the same
 *   load, exceeds `largeMissMs` (3 s by default). A busy node slows every request a little and some a lot (p95 of
 *   a healthy gateway up to 3.8 s measured on a loaded 2-core host), and slows the proxy's liveliness answer with
 *   them; a pre-call step that takes seconds adds them to every request's median and not to liveliness.
 */
import { formatLatency, LatencySummary } from "./percentiles";

export interface LatencySample {
    /** What was counted, e.g. `20 of 20 request(s) to "chat", 2 at a time`, with notes. */
    counted: string;
    overhead: LatencySummary;
    total: LatencySummary;
    /** The proxy's `/health/liveliness` round trips sent alongside the sample; undefined when every ping failed. */
    liveliness?: LatencySummary;
    /** A note when some answers lacked the overhead header, or "". */
    partial: string;
}

export interface LatencyRule {
    /** The SLO: the highest acceptable overhead p95, ms. */
    sloMs: number;
    /** True when the user set the SLO: then a confirmed miss fails. */
    strict: boolean;
    /** The default SLO's gate: the median overhead beyond liveliness a confirmed miss must exceed to fail, ms. */
    largeMissMs: number;
}

export interface LatencyVerdict {
    fails: boolean;
    /** The figures of every sample, then the verdict in words. */
    text: string;
    /** What a pass would have needed (for a failure's "expected"). */
    expected: string;
}

const ms = (n: number) => `${Number(n.toFixed(1))} ms`;

export function missesSlo(sample: LatencySample, rule: LatencyRule): boolean {
    return sample.overhead.p95 > rule.sloMs;
}

/** What the median request pays beyond the proxy's own responsiveness under the same load. */
export function ownOverheadMs(sample: LatencySample): number {
    return Math.max(0, sample.overhead.p50 - (sample.liveliness?.p50 ?? 0));
}

function largeMiss(sample: LatencySample, rule: LatencyRule): boolean {
    return missesSlo(sample, rule) && ownOverheadMs(sample) > rule.largeMissMs;
}

export function formatSample(sample: LatencySample): string {
    const live = sample.liveliness ? `; liveliness p50 ${ms(sample.liveliness.p50)}` : "; liveliness not measured";
    return `${sample.counted}: overhead ${formatLatency(sample.overhead)} (max ${ms(sample.overhead.max)}); total ${formatLatency(sample.total)}${live}${sample.partial}`;
}

/** Both samples' figures, labelled when there are two. */
function figures(samples: readonly LatencySample[], pauseMs: number): string {
    if (samples.length === 1) return formatSample(samples[0]);
    return `sample 1: ${formatSample(samples[0])} | sample 2, after a ${pauseMs / 1000} s pause: ${formatSample(samples[1])}`;
}

/**
 * The verdict on one sample (it met the SLO, or no time was left to confirm its miss) or two (the second
 * confirming or clearing the first's miss).
 */
export function latencyVerdict(samples: readonly LatencySample[], rule: LatencyRule, pauseMs: number): LatencyVerdict {
    const text = figures(samples, pauseMs);
    const slo = `p95 ≤ ${rule.sloMs} ms`;
    const gate = `median overhead beyond the liveliness round trip > ${rule.largeMissMs} ms`;
    const expected = rule.strict
        ? `an overhead ${slo} (your SLO), or a miss a second sample does not confirm`
        : `no confirmed large miss (the default SLO, ${slo}, gates only when both samples miss it with a ${gate})`;
    const [first, second] = samples;
    if (!missesSlo(first, rule)) return { fails: false, expected, text: `${text}; within the SLO (${slo})` };
    if (!second) {
        const unconfirmed = "no time was left before the check's deadline for a confirming sample";
        if (rule.strict) return { fails: true, expected, text: `${text}; over your SLO (${slo}), unconfirmed: ${unconfirmed}` };
        return { fails: false, expected, text: `${text}; over the default SLO (${slo}), not gated: ${unconfirmed}` };
    }
    if (!missesSlo(second, rule)) return { fails: false, expected, text: `${text}; a transient spike: sample 1 missed the SLO (${slo}), sample 2 met it` };
    if (rule.strict) return { fails: true, expected, text: `${text}; both samples over your SLO (${slo})` };
    if (largeMiss(first, rule) && largeMiss(second, rule)) {
        return { fails: true, expected, text: `${text}; both samples over the default SLO (${slo}) with a ${gate} (${ms(ownOverheadMs(first))}, ${ms(ownOverheadMs(second))})` };
    }
    return {
        fails: false,
        expected,
        text: `${text}; over the default SLO (${slo}) in both samples, not gated: the default gates only a ${gate} in both (${ms(ownOverheadMs(first))}, ${ms(ownOverheadMs(second))}); set verification.latency.overheadP95Ms / --overhead-p95-ms to make the SLO strict`,
    };
}
