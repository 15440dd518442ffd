/**
 * Starts one of the helper servers (`api-server.mjs`, `file-server.mjs`) as a child process and waits for the
 * `{"port": n}` line. The child exits when its stdin closes, so it cannot outlive the benchmark even if this
 * process is killed; `stop()` also ends it explicitly.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface RunningServer {
  port: number;
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 15_000;

export function serverScript(name: "api-server.mjs" | "file-server.mjs" | "object-store-server.mjs"): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

export async function startServer(script: string, args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} did not report a port within ${STARTUP_TIMEOUT_MS} ms. stderr: ${stderr}`));
    }, STARTUP_TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(stdout.slice(0, newline)) as { port?: unknown };
        if (typeof parsed.port !== "number" || parsed.port <= 0) throw new Error(`bad port line ${stdout}`);
        resolve(parsed.port);
      } catch (error) {
        reject(error);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (code ${code}) before it was ready. stderr: ${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
