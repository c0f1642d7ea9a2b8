/**
 * oke with an external Langfuse (host + both key secrets): nothing Langfuse in the cluster; the gateway
 * exports over OTel with its keys from `<release>-env`; the verification Job gets `--langfuse-url` and the
 * keys as LANGFUSE_* env from a Secret of its own, and may leave the cluster on the Langfuse port only.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { MockRecorder, occurrences, plaintextOccurrences } from "../helpers/mocks";
import type { DeployedStack } from "../../stacks/types";
import { parseCliArgs } from "../../verify/cli-args";
import { langfuseEgress, LangfuseKeysSecret, urlPort } from "../../stacks/features/oke-observability";
import { buildOkeFeatureStack, gatewayEnv, jobContainer, K8S, metaName, policySpec, releaseValues, secretData } from "./features-support";

const PUBLIC_KEY = "pk-lf-0a1b2c3d-oke-test-public";
const SECRET_KEY = "sk-lf-9f8e7d6c-oke-test-secret";
const HOST = "https://cloud.langfuse.com";

describe("oke stack exporting to an external Langfuse", () => {
    let mocks: MockRecorder;
    let stack: DeployedStack;
    let warnings: string[];

    before(async () => {
        ({ mocks, stack, warnings } = await buildOkeFeatureStack({ observability: { enabled: true, host: `${HOST}/` } }, { langfusePublicKey: PUBLIC_KEY, langfuseSecretKey: SECRET_KEY }));
    });

    test("no Langfuse runs in the cluster, and nothing is warned", () => {
        assert.equal(mocks.byType(K8S.deployment).length, 0);
        assert.deepEqual(mocks.byType(K8S.service).map(metaName), ["litellm-postgres"], "no Langfuse Service");
        assert.deepEqual(mocks.resources.filter((r) => r.custom && /langfuse/.test(r.name)).map((r) => r.type), [K8S.secret], "only the Job's key Secret");
        assert.deepEqual(warnings, []);
    });

    test("the gateway exports with the langfuse_otel callback; host as a value, both keys from <release>-env", () => {
        assert.deepEqual(releaseValues(mocks).proxy_config.litellm_settings.callbacks, ["langfuse_otel"]);
        const { plain, refs } = gatewayEnv(mocks);
        assert.equal(plain.LANGFUSE_HOST, HOST, "the trailing slash is dropped");
        assert.equal(plain.LANGFUSE_OTEL_HOST, HOST);
        for (const key of ["LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"]) {
            assert.equal(plain[key], undefined, `${key} is never a plain value`);
            assert.deepEqual(refs[key], { name: "litellm-env", key });
        }
        const env = secretData(mocks, "litellm-env");
        assert.deepEqual([env.LANGFUSE_PUBLIC_KEY, env.LANGFUSE_SECRET_KEY], [PUBLIC_KEY, SECRET_KEY]);
        assert.equal(stack.outputs.langfuseUrl, HOST, "stack output");
    });

    test("the verification Job reads the keys from its Secret via secretKeyRef and gets the URL as a flag; the CLI assembles the Langfuse target", () => {
        const container = jobContainer(mocks);
        const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
        for (const key of ["LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"]) {
            assert.deepEqual(env[key], { name: key, valueFrom: { secretKeyRef: { name: "litellm-langfuse-verify", key } } });
        }
        const keys = secretData(mocks, "litellm-langfuse-verify");
        assert.deepEqual(keys, { LANGFUSE_PUBLIC_KEY: PUBLIC_KEY, LANGFUSE_SECRET_KEY: SECRET_KEY });
        const args: string[] = container.command.slice(2);
        assert.equal(args[args.indexOf("--langfuse-url") + 1], HOST);
        assert.ok(!JSON.stringify(container.command).includes(SECRET_KEY) && !JSON.stringify(container.command).includes(PUBLIC_KEY), "no key in argv");
        const podEnv = { LANGFUSE_PUBLIC_KEY: keys.LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY: keys.LANGFUSE_SECRET_KEY };
        assert.deepEqual(parseCliArgs(args, podEnv).options.langfuse, { url: HOST, publicKey: PUBLIC_KEY, secretKey: SECRET_KEY });
        assert.ok(stack.dependencies.gateway.some((d) => d instanceof LangfuseKeysSecret), "the Secret exists before the gateway, hence before the Job");
    });

    test("the verification Job may leave the cluster on the Langfuse port only (443 for https)", () => {
        const egress: any[] = policySpec(mocks, "litellm-verification").egress;
        assert.deepEqual(egress[egress.length - 1], { ports: [{ protocol: "TCP", port: 443 }] });
        assert.equal(egress.length, 3, "gateway, DNS, Langfuse");
        assert.ok(!mocks.byType(K8S.netpol).some((p) => /langfuse/.test(metaName(p) ?? "")));
    });

    test("both keys stay secret in every input", () => {
        for (const key of [PUBLIC_KEY, SECRET_KEY]) {
            assert.ok(occurrences(mocks.resources, key) >= 2, "the key is stored for the gateway and the Job");
            assert.deepEqual(plaintextOccurrences(mocks.resources, key), []);
        }
    });
});

describe("the Langfuse egress port follows the URL", () => {
    test("explicit port, https and http defaults", () => {
        assert.equal(urlPort("http://langfuse-web.observability.svc:3000"), 3000);
        assert.equal(urlPort("https://cloud.langfuse.com"), 443);
        assert.equal(urlPort("http://langfuse.internal"), 80);
        assert.deepEqual(langfuseEgress("https://eu.cloud.langfuse.com:8443"), { ports: [{ protocol: "TCP", port: 8443 }] });
    });
});
