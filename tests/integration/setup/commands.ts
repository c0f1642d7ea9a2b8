/** Runs a setup command to completion; a failure throws with the command, its exit code and its output's tail. */
import { spawn } from "node:child_process";

export interface CommandOptions {
    env?: Record<string, string | undefined>;
    cwd?: string;
    input?: string;
    uid?: number;
    gid?: number;
    timeoutMs?: number;
}

export interface CommandResult {
    code: number | null;
    output: string;
}

export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { env: (options.env ?? process.env) as NodeJS.ProcessEnv, cwd: options.cwd, uid: options.uid, gid: options.gid, stdio: ["pipe", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20 * 60_000);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(new Error(`cannot run ${command}: ${err.message}`));
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, output });
        });
        // A command that exits without reading its input must not crash the run with EPIPE.
        child.stdin.on("error", () => undefined);
        child.stdin.end(options.input ?? "");
    });
}

/** runCommand, throwing unless it exits 0. `what` names the step in the error. */
export async function mustRun(what: string, command: string, args: string[], options: CommandOptions = {}): Promise<string> {
    const result = await runCommand(command, args, options);
    if (result.code !== 0) {
        const tail = result.output.trim().split("\n").slice(-25).join("\n");
        throw new Error(`${what} failed: \`${[command, ...args].join(" ")}\` exited ${result.code}\n${tail}`);
    }
    return result.output;
}
