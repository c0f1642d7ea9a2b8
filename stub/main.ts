/**
 * Entry point of the stub upstream container (bundled into one file and run by a pinned Node image).
 * Env: PORT (default 8080), HOST (default 0.0.0.0, the container's network; the test suite binds 127.0.0.1),
 * STUB_FAILING_MODELS (comma list, default "stub-fail"), STUB_API_KEY (optional).
 */
import { createStubUpstream, DEFAULT_FAILING_MODELS } from "./upstream";

const port = Number(process.env.PORT ?? "8080");
if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`stub-upstream: PORT must be an integer 1-65535, got '${process.env.PORT}'`);
    process.exit(2);
}
const failingModels = process.env.STUB_FAILING_MODELS
    ? process.env.STUB_FAILING_MODELS.split(",").map((m) => m.trim()).filter((m) => m.length > 0)
    : DEFAULT_FAILING_MODELS;

const stub = createStubUpstream({ failingModels, apiKey: process.env.STUB_API_KEY || undefined });
const host = process.env.HOST || "0.0.0.0";
stub.listen(port, host).then(
    (url) => console.log(`stub-upstream listening on ${url} (failing models: ${failingModels.join(", ")})`),
    (err: unknown) => {
        console.error(`stub-upstream: cannot listen on port ${port}: ${String(err)}`);
        process.exit(1);
    },
);
const stop = () => stub.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
