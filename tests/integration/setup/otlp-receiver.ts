/**
 * The REAL OTLP receiver of the suite: otlp-receiver/receiver.py, run by the LiteLLM venv's Python, whose
 * OTLP exporter brought `opentelemetry-proto`, the official classes the receiver decodes with. One loopback
 * port serves both the OTLP/HTTP intake (`…/v1/traces`) and the query API the `otel-trace` check reads.
 */
import { join } from "node:path";
import { REPO_ROOT } from "../../helpers/stack-config";
import { freePort } from "./ports";
import { exited, logTail, ProcessGroup } from "./processes";
import { waitUntil } from "./wait";

export interface OtlpReceiver {
    /** Base URL: exporters post to `<url>/v1/traces` (or any path ending so); the check queries `<url>/api/...`. */
    url: string;
}

export const RECEIVER_SCRIPT = join(REPO_ROOT, "otlp-receiver", "receiver.py");

export async function startOtlpReceiver(group: ProcessGroup, venv: string, name = "otlp-receiver"): Promise<OtlpReceiver> {
    const port = await freePort();
    const p = group.start(name, join(venv, "bin", "python"), [RECEIVER_SCRIPT, "--host", "127.0.0.1", "--port", String(port)], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" } });
    const url = `http://127.0.0.1:${port}`;
    // Ready when the query API answers the receiver's own shape: another process may hold a port this one failed to bind.
    await waitUntil(
        "OTLP receiver",
        async () => {
            const res = await fetch(`${url}/api/exports`, { signal: AbortSignal.timeout(2000) });
            return res.ok && Array.isArray(((await res.json()) as { exports?: unknown }).exports);
        },
        { timeoutMs: 30_000, describe: () => logTail(p.logFile), gaveUp: exited(p) },
    );
    return { url };
}
