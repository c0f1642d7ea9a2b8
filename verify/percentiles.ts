/**
 * Percentiles of latency samples, by the nearest-rank method: the p-th percentile is the smallest sample
 * that at least p % of the samples do not exceed. It always returns a measured value (no interpolation
 * between two requests that never happened), and with 20 samples p95 is the 19th, so one outlier in 20 does
 * not move it while two do. Pure.
 */

/** The p-th percentile (0 < p ≤ 100) of `samples` by nearest rank; undefined for no samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
    if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
    const finite = samples.filter((s) => Number.isFinite(s));
    if (finite.length === 0) return undefined;
    const sorted = [...finite].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
}

export interface LatencySummary {
    count: number;
    p50: number;
    p95: number;
    max: number;
}

/** p50, p95 and max of `samples`, or undefined when there is none. */
export function summarizeLatency(samples: readonly number[]): LatencySummary | undefined {
    const finite = samples.filter((s) => Number.isFinite(s));
    if (finite.length === 0) return undefined;
    return { count: finite.length, p50: percentile(finite, 50)!, p95: percentile(finite, 95)!, max: Math.max(...finite) };
}

/** "p50 12 ms, p95 40 ms" with at most one decimal. */
export function formatLatency(summary: LatencySummary): string {
    const ms = (n: number) => `${Number(n.toFixed(1))} ms`;
    return `p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}`;
}
