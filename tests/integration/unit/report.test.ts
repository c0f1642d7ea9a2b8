/** The closing report says which LiteLLM ran, loudly when overridden, and what was a stand-in. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatSuiteReport, SuiteReportInput } from "../report";

const input: SuiteReportInput = {
    litellmVersion: "1.83.10",
    versions: { litellm: "1.83.10" },
    toolsDir: "/work/shared/tools",
    toolsVia: "/work/shared/tools",
    cacheDir: "/c",
    notes: [],
    timings: [{ step: "proxy start", seconds: 30 }],
    scenarios: [{ name: "baseline", ok: true, detail: "10/10" }],
    totalSeconds: 60,
};

describe("formatSuiteReport", () => {
    it("names the pinned version, the stand-ins, timings and scenarios", () => {
        const text = formatSuiteReport(input);
        assert.match(text, /LiteLLM 1\.83\.10 \(config\/defaults\.ts LITELLM_VERSION\)/);
        assert.doesNotMatch(text, /OVERRIDE/);
        assert.match(text, /prisma-offline/);
        assert.match(text, /presidio-rest/);
        assert.match(text, /en_core_web_sm/);
        assert.match(text, /no Docker, no Kubernetes, no Langfuse/);
        assert.match(text, /30\.0 s {2}proxy start/);
        assert.match(text, /\[ok\] baseline: 10\/10/);
    });

    it("shouts an overridden version and the pin it replaced", () => {
        assert.match(formatSuiteReport({ ...input, litellmVersion: "1.108.7", overriddenFrom: "1.83.10" }), /!!! LiteLLM 1\.108\.7 tested by IT_LITELLM_VERSION OVERRIDE; the project pins 1\.83\.10/);
    });
});
