/**
 * Runs work items with at most `limit` in flight, so a check that calls many models (or one model many
 * times) never bursts the gateway or the provider's rate limits. Items start in order; `mayStart` is asked
 * before each one, so a check can stop starting new requests when its deadline is near and judge the
 * answers it has, instead of being cut off mid-request.
 */

export type Started<R> = { started: true; value: R } | { started: false };

export async function mapBounded<T, R>(
    items: readonly T[],
    limit: number,
    work: (item: T, index: number) => Promise<R>,
    mayStart: () => boolean = () => true,
): Promise<Started<R>[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
    const results: Started<R>[] = items.map(() => ({ started: false }));
    let next = 0;
    let stopped = false;
    const lane = async (): Promise<void> => {
        while (!stopped && next < items.length) {
            if (!mayStart()) {
                stopped = true;
                return;
            }
            const index = next++;
            results[index] = { started: true, value: await work(items[index], index) };
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
    return results;
}
