/** Running commands: exit code, output, wall time. Output is kept to the last 64 kB so a chatty build cannot fill memory. */
import { spawn } from "node:child_process";

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const KEEP = 64 * 1024;

/** Removes ANSI colour and cursor sequences, so tool output can go into a report. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}

function keepTail(current: string, chunk: string): string {
  const joined = current + chunk;
  return joined.length > KEEP ? joined.slice(joined.length - KEEP) : joined;
}

export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout = keepTail(stdout, chunk)));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = keepTail(stderr, chunk)));
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            stderr = keepTail(stderr, `\n[bench] killed after ${options.timeoutMs} ms\n`);
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.once("error", (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    });
  });
}

/** As runCommand, but throws (with the tail of stderr) unless the command exits 0. */
export async function runChecked(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const tail = stripAnsi(result.stderr || result.stdout).trim().split("\n").slice(-15).join("\n");
    throw new Error(`${command} ${args.join(" ")} exited ${result.code ?? result.signal}:\n${tail}`);
  }
  return result;
}
