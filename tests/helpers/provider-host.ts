/**
 * Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), driven over its gRPC
 * interface the way the engine drives it during `pulumi up`: Configure, then Check / Diff / Create /
 * Update / Read / Delete with properties as protobuf Structs carrying the serialized provider in
 * `__provider`. Whatever the host cannot convert (e.g. an `undefined` in a result: "Unexpected struct
 * type.") fails here exactly as it fails a real deployment, which calling the provider's methods
 * directly can never show.
 *
 * Also the host's result conversion as a pure function (`hostRoundTrip`), for fast in-process tests.
 * Every protobuf and gRPC module comes from @pulumi/pulumi's own dependency tree, so the versions match
 * what the host runs.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import * as pulumi from "@pulumi/pulumi";
import { fromPulumi, pulumiRoot } from "./pulumi-sdk";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated protobuf classes without usable typings here */
const structproto: any = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const grpc: any = fromPulumi("@grpc/grpc-js");
const provproto: any = fromPulumi("./proto/provider_pb");
const provrpc: any = fromPulumi("./proto/provider_grpc_pb");

/** The property the host keeps the serialized provider in (cmd/dynamic-provider `providerKey`). */
export const PROVIDER_KEY = "__provider";

/**
 * What the host does to a provider method's result before the engine sees it: `resultIncludingProvider`
 * (adds `__provider`), then `Struct.fromJavaScript`, then (engine side) back to JavaScript. Throws where
 * the host throws.
 */
export function hostRoundTrip<T extends object>(result: T | undefined, providerText = "serialized-provider"): T {
    const withProvider = Object.assign({ ...(result ?? {}) }, { [PROVIDER_KEY]: providerText });
    const back = structproto.Struct.fromJavaScript(withProvider).toJavaScript() as Record<string, unknown>;
    delete back[PROVIDER_KEY];
    return back as T;
}

export interface HostCheckResult {
    inputs: Record<string, unknown>;
    failures: { property: string; reason: string }[];
}

export interface ProviderHost {
    check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<HostCheckResult>;
    diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ changes: "some" | "none" | "unknown"; replaces: string[] }>;
    create(props: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }>;
    update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ outs: Record<string, unknown> }>;
    read(id: string, props: Record<string, unknown>): Promise<{ id: string; props: Record<string, unknown> }>;
    delete(id: string, props: Record<string, unknown>): Promise<void>;
    /** Everything the host printed on stderr so far (it logs failures there). */
    stderr(): string;
    close(): Promise<void>;
}

const CHANGES: Record<number, "some" | "none" | "unknown"> = {
    [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
    [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
    [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
};

function struct(value: Record<string, unknown>): unknown {
    return structproto.Struct.fromJavaScript(value);
}

function withoutProvider(value: Record<string, unknown>): Record<string, unknown> {
    const copy = { ...value };
    delete copy[PROVIDER_KEY];
    return copy;
}

/**
 * Starts the host as `pulumi up` does (`node <host> <engine address>`; the host binds a free port and
 * prints it) and connects a client. `providerText` is the serialized provider module
 * (`pulumi.runtime.serializeFunction(() => provider).text`), sent in every request as the engine does.
 */
export async function startProviderHost(providerText: string, cwd = process.cwd()): Promise<ProviderHost> {
    const hostMain = path.join(pulumiRoot, "cmd", "dynamic-provider", "index.js");
    // The engine address is only required to be present; nothing in these calls dials it.
    const child: ChildProcess = spawn(process.execPath, [hostMain, "127.0.0.1:1"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<string>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        lines.once("line", (line) => resolve(line.trim()));
        child.once("exit", (code) => reject(new Error(`provider host exited with ${code} before listening: ${stderr}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown): Promise<T> =>
        new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
    // Properties that carry their own `__provider` keep it: state written by other provider code (an upgrade).
    const withKey = (props: Record<string, unknown>) => ({ [PROVIDER_KEY]: providerText, ...props });
    /** Diff and Update take the same request: the id, the old and the new properties. */
    const changeRequest = (Request: any, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) => {
        const req = new Request();
        req.setId(id);
        req.setOlds(struct(withKey(olds)));
        req.setNews(struct(withKey(news)));
        return req;
    };

    const configure = new provproto.ConfigureRequest();
    configure.setArgs(struct({}));
    configure.setAcceptsecrets(true);
    await call("configure", configure);

    return {
        async check(olds, news) {
            const req = new provproto.CheckRequest();
            req.setOlds(struct(withKey(olds)));
            req.setNews(struct(withKey(news)));
            const res: any = await call("check", req);
            return {
                inputs: withoutProvider(res.getInputs().toJavaScript()),
                failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },
        async diff(id, olds, news) {
            const res: any = await call("diff", changeRequest(provproto.DiffRequest, id, olds, news));
            return { changes: CHANGES[res.getChanges()], replaces: res.getReplacesList() };
        },
        async create(props) {
            const req = new provproto.CreateRequest();
            req.setProperties(struct(withKey(props)));
            const res: any = await call("create", req);
            return { id: res.getId(), outs: withoutProvider(res.getProperties().toJavaScript()) };
        },
        async update(id, olds, news) {
            const res: any = await call("update", changeRequest(provproto.UpdateRequest, id, olds, news));
            return { outs: withoutProvider(res.getProperties().toJavaScript()) };
        },
        async read(id, props) {
            const req = new provproto.ReadRequest();
            req.setId(id);
            req.setProperties(struct(withKey(props)));
            const res: any = await call("read", req);
            return { id: res.getId(), props: withoutProvider(res.getProperties().toJavaScript()) };
        },
        async delete(id, props) {
            const req = new provproto.DeleteRequest();
            req.setId(id);
            req.setProperties(struct(withKey(props)));
            await call("delete", req);
        },
        stderr: () => stderr,
        async close() {
            client.close();
            if (child.exitCode === null) {
                const exited = new Promise((r) => child.once("exit", r));
                child.kill();
                await exited;
            }
        },
    };
}

/** Serializes `provider` as `pulumi up` does (`serializeFunction(() => provider)`) and starts a host with it. */
export async function startProviderHostFor(provider: pulumi.dynamic.ResourceProvider): Promise<ProviderHost> {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return startProviderHost(serialized.text);
}
