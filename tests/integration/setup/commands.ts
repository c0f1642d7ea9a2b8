/** Runs a setup command to completion; a failure throws with the command, its exit code and its output's tail. */
import { runProcess } from "../../helpers/run-process";

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
    /** stdout and stderr interleaved. */
    output: string;
}

/** runProcess with the harness's defaults: this process's env, an empty stdin, 20 minutes. */
export async function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
    const { env = process.env, input = "", timeoutMs = 20 * 60_000, ...rest } = options;
    try {
        const { code, output } = await runProcess(command, args, { ...rest, env, input, timeoutMs });
        return { code, output };
    } catch (err) {
        throw new Error(`cannot run ${command}: ${(err as Error).message}`);
    }
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
