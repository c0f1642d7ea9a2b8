/**
 * The checker's own scheduling delay while it times the gateway: Node's event-loop delay histogram
 * (perf_hooks `monitorEventLoopDelay`). A timer that should fire every `RESOLUTION_MS` fires late by however
 * long the checker's process was busy or starved of CPU; every timestamp the checker takes can be that late
 * too. Reported next to the latency figures so a reader can rule the checker out (or in).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

const RESOLUTION_MS = 10;

export interface LoopLag {
    /** 99th percentile of the event-loop delay, ms. */
    p99Ms: number;
    /** The worst delay seen, ms. */
    maxMs: number;
}

/** Starts sampling; `stop()` ends it and returns the figures since the start. */
export function watchLoopLag(): { stop(): LoopLag } {
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    return {
        stop() {
            histogram.disable();
            // Each recorded value is the whole timer interval: the lag is what exceeds the resolution.
            const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0);
            return { p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
        },
    };
}

/** "checker event-loop lag p99 12 ms (max 30 ms)". */
export function formatLoopLag(lag: LoopLag): string {
    return `checker event-loop lag p99 ${Number(lag.p99Ms.toFixed(1))} ms (max ${Number(lag.maxMs.toFixed(1))} ms)`;
}
