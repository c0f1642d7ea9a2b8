/**
 * Structure of the PR-preview workflow and of the policy pack directory it points at: the parts a
 * reviewer would otherwise only discover broken on the first pull request.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

// Compiled to build/tests/policy/, so the repository root is three levels up.
const ROOT = resolve(__dirname, "..", "..", "..");

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}

const workflow = parse(readFileSync(join(ROOT, ".github", "workflows", "preview.yml"), "utf8")) as {
    on: { pull_request?: { branches?: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { "runs-on": string; strategy?: { matrix?: { stack?: string[] } }; env?: Record<string, string>; steps: Step[] }>;
};
const job = workflow.jobs.preview;
const steps = job.steps;
const indexOf = (predicate: (s: Step) => boolean, what: string): number => {
    const i = steps.findIndex(predicate);
    assert.ok(i >= 0, `the workflow has a step that ${what}`);
    return i;
};
const runs = (command: string) => (s: Step) => (s.run ?? "").split("\n").some((line) => line.trim() === command);
const previewStep = () => steps[indexOf((s) => (s.uses ?? "").startsWith("pulumi/actions@") && s.with?.command === "preview", "previews with pulumi/actions")];

describe("PR preview workflow (.github/workflows/preview.yml)", () => {
    test("runs on pull requests to main, and only then", () => {
        assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
        assert.deepEqual(workflow.on.pull_request?.branches, ["main"]);
    });

    test("has least privilege: read the code, write PR comments", () => {
        assert.deepEqual(workflow.permissions, { contents: "read", "pull-requests": "write" });
    });

    test("previews every stack: a matrix over dev and oke on an ubuntu runner (Docker daemon for dev)", () => {
        assert.deepEqual(job.strategy?.matrix?.stack, ["dev", "oke"]);
        assert.match(job["runs-on"], /^ubuntu-/);
    });

    test("checks out, sets up the Node of package.json's engines floor (22) with the npm cache, prints its version, then installs from the lockfiles", () => {
        const checkout = indexOf((s) => (s.uses ?? "").startsWith("actions/checkout@"), "checks out");
        const node = indexOf((s) => (s.uses ?? "").startsWith("actions/setup-node@"), "sets up node");
        const floor = /^>=(\d+)$/.exec(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).engines.node)?.[1];
        assert.equal(floor, "22");
        assert.equal(String(steps[node].with?.["node-version"]), floor);
        const printed = indexOf((s) => /\bnode --version\b/.test(s.run ?? ""), "prints the Node version");
        assert.ok(node < printed && printed < indexOf(runs("npm ci"), "runs npm ci"));
        assert.equal(steps[node].with?.cache, "npm");
        assert.match(String(steps[node].with?.["cache-dependency-path"]), /policy\/package-lock\.json/);
        assert.ok(checkout < node);
        assert.ok(node < indexOf(runs("npm ci"), "runs npm ci"));
    });

    test("installs, then tests, then previews, in that order", () => {
        const install = indexOf(runs("npm ci"), "runs npm ci");
        const installPolicy = indexOf(runs("npm ci --prefix policy"), "installs the policy pack");
        const tests = indexOf(runs("npm test"), "runs npm test");
        const preview = steps.indexOf(previewStep());
        assert.ok(install < installPolicy && installPolicy < tests && tests < preview, `order: ${[install, installPolicy, tests, preview]}`);
    });

    test("previews with the current pulumi/actions major (v7), the policy pack, and a PR comment", () => {
        const step = previewStep();
        assert.equal(step.uses, "pulumi/actions@v7");
        assert.equal(step.with?.command, "preview");
        assert.equal(step.with?.policyPacks, "policy");
        assert.equal(step.with?.["comment-on-pr"], true);
        assert.equal(step.with?.["stack-name"], "${{ matrix.stack }}");
    });

    test("documents both state backends: Pulumi Cloud token, or a DIY cloud-url with a passphrase", () => {
        assert.equal(job.env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        assert.equal(job.env?.PULUMI_CONFIG_PASSPHRASE, "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
        assert.equal(previewStep().with?.["cloud-url"], "${{ vars.PULUMI_BACKEND_URL }}");
    });

    test("gives the oke preview OCI credentials, and the dev preview none", () => {
        const env = previewStep().env ?? {};
        for (const key of ["TF_VAR_tenancy_ocid", "TF_VAR_user_ocid", "TF_VAR_fingerprint", "TF_VAR_region", "TF_VAR_private_key"]) {
            assert.match(env[key] ?? "", /^\$\{\{ matrix\.stack == 'oke' && secrets\.OCI_[A-Z_]+ \|\| '' \}\}$/, key);
        }
        const ociSteps = steps.filter((s) => /oci/i.test(s.name ?? ""));
        assert.ok(ociSteps.length >= 1 && ociSteps.every((s) => s.if === "matrix.stack == 'oke'"));
    });
});

describe("the oke preview's stack secrets", () => {
    const text = readFileSync(join(ROOT, ".github", "workflows", "preview.yml"), "utf8");
    const header = text.slice(0, text.indexOf("\nname:"));
    const setter = () => steps[indexOf((s) => /pulumi config set --secret ociPrivateKey/.test(s.run ?? ""), "sets ociPrivateKey")];

    test("ociPrivateKey, which Pulumi.oke.yaml needs and does not hold, is set from a repository secret through stdin", () => {
        const stackFile = readFileSync(join(ROOT, "Pulumi.oke.yaml"), "utf8");
        assert.doesNotMatch(stackFile, /^\s+litellm-gateway:ociPrivateKey:/m, "the committed stack file holds no key");
        const step = setter();
        assert.equal(step.if, "matrix.stack == 'oke'");
        assert.equal(step.env?.OCI_PRIVATE_KEY, "${{ secrets.OCI_PRIVATE_KEY }}");
        assert.match(step.run ?? "", /printf '%s' "\$OCI_PRIVATE_KEY" \| pulumi config set --secret ociPrivateKey/);
        assert.match(step.run ?? "", /pulumi stack select oke/);
    });

    test("kubeconfig is set the same way, only when its repository secret is", () => {
        const run = setter().run ?? "";
        assert.equal(setter().env?.OKE_KUBECONFIG, "${{ secrets.OKE_KUBECONFIG }}");
        assert.match(run, /if \[ -n "\$OKE_KUBECONFIG" \]; then printf '%s' "\$OKE_KUBECONFIG" \| pulumi config set --secret kubeconfig; fi/);
    });

    test("runs after the tests, with the Pulumi CLI installed, and before the preview", () => {
        const at = steps.indexOf(setter());
        const cli = steps.findIndex((s) => (s.uses ?? "").startsWith("pulumi/actions@") && s.with?.command === undefined);
        assert.ok(cli >= 0 && steps[cli].if === "matrix.stack == 'oke'", "a pulumi/actions step without a command installs the CLI");
        assert.ok(indexOf(runs("npm test"), "runs npm test") < cli && cli < at && at < steps.indexOf(previewStep()));
    });

    test("every repository secret and variable the workflow reads is documented in its header", () => {
        const used = new Set([...text.matchAll(/\b(?:secrets|vars)\.([A-Z_]+)/g)].map((m) => m[1]).filter((n) => n !== "GITHUB_TOKEN"));
        assert.ok(used.size >= 10, [...used].join(", "));
        for (const name of used) assert.ok(header.includes(name), `${name} is documented at the top of preview.yml`);
    });

    test("the header states each preview's prerequisites: a Docker daemon for dev, network or a local chart for oke", () => {
        assert.match(header, /dev: a Docker daemon/);
        assert.match(header, /oke: network, to pull the LiteLLM Helm chart \(or a chart on disk, oke\.chart\.path\)/);
    });
});

describe("policy pack directory", () => {
    test("is a nodejs pack with its own versioned package.json, lockfile and tsconfig", () => {
        const manifest = parse(readFileSync(join(ROOT, "policy", "PulumiPolicy.yaml"), "utf8")) as { runtime: string };
        assert.equal(manifest.runtime, "nodejs");
        const pkg = JSON.parse(readFileSync(join(ROOT, "policy", "package.json"), "utf8"));
        assert.match(pkg.version, /^\d+\.\d+\.\d+$/, "PolicyPack reads its version from package.json");
        assert.equal(pkg.dependencies["@pulumi/policy"], "1.21.0");
        const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
        assert.equal(pkg.dependencies["@pulumi/pulumi"], root.dependencies["@pulumi/pulumi"], "same @pulumi/pulumi range as the program");
        const lock = JSON.parse(readFileSync(join(ROOT, "policy", "package-lock.json"), "utf8"));
        assert.equal(lock.packages["node_modules/@pulumi/policy"].version, "1.21.0");
        assert.ok(existsSync(join(ROOT, "policy", "tsconfig.json")));
    });

    test("the entry file is the only one constructing the PolicyPack", () => {
        const entry = readFileSync(join(ROOT, "policy", "index.ts"), "utf8");
        assert.match(entry, /new PolicyPack\("litellm-gateway"/);
        const others = ["policies.ts", "evaluate.ts", ...readdirSync(join(ROOT, "policy", "rules")).map((f) => join("rules", f))];
        for (const file of others) {
            assert.doesNotMatch(readFileSync(join(ROOT, "policy", file), "utf8"), /new PolicyPack\(/, file);
        }
    });
});
