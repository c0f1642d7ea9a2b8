/** Runs a child process to completion (killed after `timeoutMs`) and collects its output, for tests and the harness. */
import { spawn } from "node:child_process";

export interface ProcessResult {
    code: number | null;
    stdout: string;
    stderr: string;
    /** stdout and stderr interleaved as they arrived. */
    output: string;
}

export interface ProcessOptions {
    cwd?: string;
    env: Record<string, string | undefined>;
    timeoutMs?: number;
    /** Written to stdin, which is then closed. Without it stdin stays open. */
    input?: string;
    uid?: number;
    gid?: number;
}

export function runProcess(command: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, uid: options.uid, gid: options.gid });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (d) => {
            stdout += d;
            output += d;
        });
        child.stderr.on("data", (d) => {
            stderr += d;
            output += d;
        });
        const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, output });
        });
        if (options.input !== undefined) {
            // A command that exits without reading its input must not crash the run with EPIPE.
            child.stdin.on("error", () => undefined);
            child.stdin.end(options.input);
        }
    });
}
