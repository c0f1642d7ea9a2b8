/**
 * `observability.mode: otel` from config to what LiteLLM reads: the mode, the rules that refuse setups that
 * can never work (each naming the key, the value with secrets masked, and the fix), the `otel` callback in
 * config.yaml, the OTEL_* env with OTEL_HEADERS secret, and both stacks' feature results.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { otelGatewayEnv } from "../../components/gateway/features/otel";
import { verificationFlags } from "../../components/k8s/features";
import { dockerOtel, okeOtel, otlpEgress } from "../../stacks/features/otel-observability";
import { buildLiteLLMConfig } from "../../components/gateway/render-config";
import { langfuseMode } from "../../config/sections/observability";
import { otelMode, parseOtelHeaders } from "../../config/sections/otel";
import { parseSpec } from "../../config/spec";
import { configProblems, rawConfig, VALID_MASTER_KEY, VALID_PEM } from "../helpers/raw-config";

const ENDPOINT = "https://otel-collector.example.com:4318";
const dev = (observability: Record<string, unknown>, secrets: Record<string, string> = {}) => parseSpec(rawConfig("dev", { observability }, secrets));
const oke = (observability: Record<string, unknown>, secrets: Record<string, string> = {}) =>
    parseSpec(rawConfig("oke", { observability }, { ociPrivateKey: VALID_PEM, masterKey: VALID_MASTER_KEY, ...secrets }));
const otel = (extra: Record<string, unknown> = {}) => ({ enabled: true, mode: "otel", otel: { endpoint: ENDPOINT, ...extra } });

describe("observability.mode otel: config", () => {
    it("exports to the endpoint on both stacks, with no Langfuse at all", () => {
        for (const spec of [dev(otel()), oke(otel())]) {
            assert.deepEqual(otelMode(spec), { kind: "export", endpoint: ENDPOINT, headerNames: [], headers: undefined, queryUrl: undefined, promptsLogged: true });
            assert.equal(langfuseMode(spec).kind, "off", "mode otel deploys no Langfuse and renders no langfuse_otel");
        }
        assert.equal(otelMode(dev({ ...otel(), enabled: false })).kind, "off");
        assert.equal(otelMode(dev({ enabled: true })).kind, "off", "the default mode is langfuse");
    });

    it("a missing endpoint is refused on both stacks, with the fix", () => {
        for (const make of [dev, oke]) {
            const problems = configProblems(() => make({ enabled: true, mode: "otel" }));
            assert.deepEqual(problems.map((p) => p.key), ["litellm-gateway:observability.otel.endpoint"]);
            assert.match(problems[0].fix ?? "", /pulumi config set --path observability.otel.endpoint https:\/\//);
        }
    });

    it("a bad endpoint is refused with the key, the value and the fix", () => {
        for (const endpoint of ["otel-collector:4318", "ftp://collector.example.com", "https://collector.example.com/v1/traces?x=1"]) {
            const [p, ...rest] = configProblems(() => dev(otel({ endpoint })));
            assert.deepEqual(rest, []);
            assert.equal(p.key, "litellm-gateway:observability.otel.endpoint");
            assert.ok(p.value?.includes(endpoint.slice(0, 12)), `the value is shown: ${p.value}`);
            assert.match(p.fix ?? "", /OTLP\/HTTP base URL/);
        }
        assert.deepEqual(configProblems(() => dev(otel({ headers: ["bad header"] }))).map((p) => p.key), ["litellm-gateway:observability.otel.headers[0]"]);
        assert.deepEqual(configProblems(() => dev({ enabled: true, mode: "zipkin" })).map((p) => p.key), ["litellm-gateway:observability.mode"]);
    });

    it("a header named in config without its secret is refused, naming the header, masking the value, with the command", () => {
        const [missing] = configProblems(() => oke(otel({ headers: ["x-honeycomb-team"] })));
        assert.equal(missing.key, "litellm-gateway:otelHeaders");
        assert.match(missing.message, /observability\.otel\.headers names x-honeycomb-team/);
        assert.match(missing.fix ?? "", /pulumi config set --secret otelHeaders 'x-honeycomb-team=<value>'/);
        const [partial] = configProblems(() => dev(otel({ headers: ["x-honeycomb-team", "x-honeycomb-dataset"] }), { otelHeaders: "x-honeycomb-team=hc-secret" }));
        assert.equal(partial.value, "[secret]");
        assert.match(partial.message, /no value for x-honeycomb-dataset/);
        assert.doesNotMatch(JSON.stringify(partial), /hc-secret/);
        const [malformed] = configProblems(() => dev(otel({ headers: ["x-honeycomb-team"] }), { otelHeaders: "hc-secret-without-a-name" }));
        assert.match(malformed.message, /not a list of name=value pairs/);
        assert.doesNotMatch(JSON.stringify(malformed), /hc-secret/);
        const [undeclared] = configProblems(() => dev(otel(), { otelHeaders: "authorization=Bearer tok" }));
        assert.equal(undeclared.key, "litellm-gateway:observability.otel.headers");
        assert.doesNotMatch(JSON.stringify(undeclared), /tok/);
        assert.deepEqual(configProblems(() => dev({}, { otelHeaders: "a=b" })).map((p) => p.key), ["litellm-gateway:otelHeaders"]);
        assert.deepEqual(configProblems(() => dev(otel({ headers: ["x-a"] }), {}), "plaintext").length, 1);
    });

    it("an otelHeaders set in plaintext is refused", () => {
        const problems = configProblems(() => parseSpec(rawConfig("dev", { observability: otel({ headers: ["x-a"] }) }, { otelHeaders: "x-a=1" }, ["otelHeaders"])));
        assert.ok(problems.some((p) => p.key === "litellm-gateway:otelHeaders" && /--secret/.test(`${p.message} ${p.fix}`)), JSON.stringify(problems));
    });

    it("parses headers as LiteLLM does: commas, then the first =", () => {
        assert.deepEqual([...(parseOtelHeaders("x-a=1,Authorization=Basic YTpi==") ?? [])], [["x-a", "1"], ["authorization", "Basic YTpi=="]]);
        assert.equal(parseOtelHeaders("x-a"), undefined);
        assert.equal(parseOtelHeaders("=1"), undefined);
    });
});

describe("observability.mode otel: what LiteLLM reads", () => {
    it("config.yaml: the otel callback, nothing secret; logPrompts false turns message logging off", () => {
        const settings = (s: ReturnType<typeof dev>) => buildLiteLLMConfig(s).litellm_settings as Record<string, unknown>;
        assert.deepEqual(settings(dev(otel())).callbacks, ["otel"]);
        assert.equal(settings(dev(otel())).turn_off_message_logging, undefined);
        assert.equal(settings(dev({ ...otel(), logPrompts: false })).turn_off_message_logging, true);
        assert.equal(settings(dev({ enabled: true, logPrompts: false })).turn_off_message_logging, true, "the Langfuse mode obeys it too");
        assert.doesNotMatch(JSON.stringify(buildLiteLLMConfig(dev(otel({ headers: ["x-a"] }), { otelHeaders: "x-a=s3cr3t" }))), /s3cr3t/);
    });

    it("env: OTLP/HTTP to the endpoint, a service name, OTEL_HEADERS only with headers and always secret", () => {
        assert.deepEqual(otelGatewayEnv(dev(otel())), [
            { name: "OTEL_EXPORTER", value: "otlp_http" },
            { name: "OTEL_ENDPOINT", value: ENDPOINT },
            { name: "OTEL_SERVICE_NAME", value: "litellm-gateway" },
        ]);
        const env = otelGatewayEnv(oke(otel({ headers: ["x-a"] }), { otelHeaders: "x-a=s3cr3t" }));
        assert.deepEqual(env.find((v) => v.name === "OTEL_HEADERS"), { name: "OTEL_HEADERS", value: "x-a=s3cr3t", secret: true });
        assert.deepEqual(otelGatewayEnv(dev({})), []);
    });
});

describe("observability.mode otel: both stacks' feature results", () => {
    const ctx = <T>(spec: ReturnType<typeof dev>) => ({ spec }) as unknown as T;

    it("dev: the env, and the receiver handed to the verification only with a queryUrl", () => {
        assert.deepEqual(dockerOtel(ctx(dev(otel()))).verification, {});
        const r = dockerOtel(ctx(dev({ ...otel({ queryUrl: "http://127.0.0.1:4318/" }), logPrompts: false })));
        assert.deepEqual(r.verification, { otel: { queryUrl: "http://127.0.0.1:4318", promptsLogged: false } });
        assert.deepEqual(r.env.map((v) => v.name), ["OTEL_EXPORTER", "OTEL_ENDPOINT", "OTEL_SERVICE_NAME"]);
        assert.deepEqual(dockerOtel(ctx(dev({}))).env, []);
    });

    it("oke: the Job's flags and egress to the receiver, and the endpoint's port for the gateway's egress", () => {
        const r = okeOtel(ctx(oke({ ...otel({ queryUrl: "http://otlp-receiver.obs:4318" }), logPrompts: false })));
        assert.deepEqual(verificationFlags(r.verification), ["--otel-no-prompts", "--otel-query-url", "http://otlp-receiver.obs:4318"]);
        assert.deepEqual(r.verifyEgress, [{ ports: [{ protocol: "TCP", port: 4318 }] }]);
        assert.deepEqual(r.gatewayEgress, [{ ports: [{ protocol: "TCP", port: 4318 }] }], "the endpoint https://otel-collector.example.com:4318");
        assert.deepEqual(okeOtel(ctx(oke(otel()))).verifyEgress, []);
        assert.deepEqual(otlpEgress("https://api.honeycomb.io"), { ports: [{ protocol: "TCP", port: 443 }] });
    });
});
