/**
 * Runs a program under the Node SDK's own run harness (`@pulumi/pulumi/cmd/run`, what the nodejs language
 * host starts during `pulumi preview`/`up`), against a stand-in engine and resource monitor served over gRPC.
 * The harness logs what the user would see through the engine's `Log` RPC, which the CLI prints under
 * "Diagnostics" as `error: <message>`; those log entries, the process's own output and its exit code are
 * what a real run shows. Every gRPC and protobuf module comes from @pulumi/pulumi's own dependency tree.
 */
import * as path from "node:path";
import { fromPulumi, pulumiRoot } from "./pulumi-sdk";
import { runProcess } from "./run-process";

/* eslint-disable @typescript-eslint/no-explicit-any -- generated protobuf classes without usable typings here */
const grpc: any = fromPulumi("@grpc/grpc-js");
const emptyproto: any = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const structproto: any = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const resproto: any = fromPulumi("./proto/resource_pb");
const resrpc: any = fromPulumi("./proto/resource_grpc_pb");
const engproto: any = fromPulumi("./proto/engine_pb");
const engrpc: any = fromPulumi("./proto/engine_grpc_pb");

export interface EngineLog {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
}

export interface HarnessRun {
    code: number | null;
    stdout: string;
    stderr: string;
    /** What the program logged through the engine, in order. */
    logs: EngineLog[];
    /** Types of the resources the program registered. */
    registered: string[];
}

const SEVERITY: Record<number, EngineLog["severity"]> = {
    [engproto.LogSeverity.DEBUG]: "debug",
    [engproto.LogSeverity.INFO]: "info",
    [engproto.LogSeverity.WARNING]: "warning",
    [engproto.LogSeverity.ERROR]: "error",
};

/**
 * Serves Engine + ResourceMonitor on one port: logs are recorded, every resource registers with a made-up
 * URN, no feature is supported; any other call answers UNIMPLEMENTED, as an old engine would.
 */
async function startFakeEngine(project: string, stack: string) {
    const logs: EngineLog[] = [];
    const registered: string[] = [];
    const server = new grpc.Server();
    const empty = (_call: unknown, cb: (err: null, res: unknown) => void) => cb(null, new emptyproto.Empty());
    server.addService(engrpc.EngineService, {
        log(call: any, cb: any) {
            logs.push({ severity: SEVERITY[call.request.getSeverity()], message: call.request.getMessage() });
            cb(null, new emptyproto.Empty());
        },
        setRootResource: (_call: any, cb: any) => cb(null, new engproto.SetRootResourceResponse()),
        getRootResource: (_call: any, cb: any) => cb(null, new engproto.GetRootResourceResponse()),
    });
    server.addService(resrpc.ResourceMonitorService, {
        supportsFeature: (_call: any, cb: any) => cb(null, new resproto.SupportsFeatureResponse().setHassupport(false)),
        registerResource(call: any, cb: any) {
            const type = call.request.getType();
            registered.push(type);
            const res = new resproto.RegisterResourceResponse();
            res.setUrn(`urn:pulumi:${stack}::${project}::${type}::${call.request.getName()}`);
            res.setObject(structproto.Struct.fromJavaScript({}));
            cb(null, res);
        },
        registerResourceOutputs: empty,
        signalAndWaitForShutdown: empty,
    });
    const port: number = await new Promise((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) => (err ? reject(err) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, logs, registered, close: () => new Promise<void>((r) => server.tryShutdown(() => r())) };
}

export interface HarnessOptions {
    project: string;
    stack: string;
    /** Stack config as the language host passes it: `project:key` -> text. */
    config: Record<string, string>;
    secretKeys?: string[];
    cwd: string;
    timeoutMs?: number;
}

/** Runs `program` (a JavaScript entry point) the way `pulumi preview` does, and collects what a user would see. */
export async function runUnderHarness(program: string, options: HarnessOptions): Promise<HarnessRun> {
    const engine = await startFakeEngine(options.project, options.stack);
    try {
        const harness = path.join(pulumiRoot, "cmd", "run", "index.js");
        const args = [harness, `--monitor=${engine.address}`, `--engine=${engine.address}`, `--project=${options.project}`, `--stack=${options.stack}`, "--dry-run", program];
        const env: Record<string, string> = {
            PATH: process.env.PATH ?? "",
            HOME: process.env.HOME ?? "",
            PULUMI_CONFIG: JSON.stringify(options.config),
            PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys ?? []),
        };
        const { code, stdout, stderr } = await runProcess(process.execPath, args, { cwd: options.cwd, env, timeoutMs: options.timeoutMs ?? 60_000 });
        return { code, stdout, stderr, logs: [...engine.logs], registered: [...engine.registered] };
    } finally {
        await engine.close();
    }
}
