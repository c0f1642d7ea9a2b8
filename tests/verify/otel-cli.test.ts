/** The CLI's OTel flags: the receiver from `--otel-query-url` or OTEL_QUERY_URL, and `--otel-no-prompts` only with it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCliArgs } from "../../verify/cli-args";

describe("verify CLI: otel flags", () => {
    it("--otel-query-url (or OTEL_QUERY_URL) names the receiver; --otel-no-prompts says prompts must be absent", () => {
        assert.deepEqual(parseCliArgs(["--otel-query-url", "http://127.0.0.1:4318"], {}).options.otel, { queryUrl: "http://127.0.0.1:4318" });
        assert.deepEqual(parseCliArgs(["--otel-no-prompts"], { OTEL_QUERY_URL: "http://r:4318" }).options.otel, { queryUrl: "http://r:4318", promptsLogged: false });
        assert.deepEqual(parseCliArgs(["--otel-no-prompts", "--otel-query-url=http://r:4318"], {}).options.otel, { queryUrl: "http://r:4318", promptsLogged: false });
        assert.equal(parseCliArgs([], {}).options.otel, undefined);
    });

    it("--otel-no-prompts without a receiver is a usage error", () => {
        assert.throws(() => parseCliArgs(["--otel-no-prompts"], {}), /--otel-no-prompts needs --otel-query-url/);
    });
});
