import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;
export const PACKAGE_DIR = new URL("../", import.meta.url).pathname;
export const BIN = join(PACKAGE_DIR, "dist", "bin.js");

export interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  args: string;
}

/** Every process on the machine, from `ps`. */
export function processes(): ProcessRow[] {
  const text = execFileSync("ps", ["-eo", "pid=,ppid=,pgid=,args="], { encoding: "utf8" });
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (!match) throw new Error(`unexpected ps line: ${line}`);
      return { pid: Number(match[1]), ppid: Number(match[2]), pgid: Number(match[3]), args: match[4] as string };
    });
}

/** Processes in the group, or whose command line mentions `marker` (e.g. a private TMPDIR). */
export function leftovers(match: { pgid?: number; marker?: string }): ProcessRow[] {
  return processes().filter(
    (row) =>
      (match.pgid !== undefined && (row.pgid === match.pgid || row.pid === match.pgid)) ||
      (match.marker !== undefined && row.args.includes(match.marker) && !row.args.startsWith("ps ")),
  );
}

/** Polls until nothing matches (processes take a moment to be reaped); returns what is left. */
export async function waitForNoLeftovers(match: { pgid?: number; marker?: string }, timeoutMs = 5_000): Promise<ProcessRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = leftovers(match);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A directory under the system temp dir, used as TMPDIR of a child so its Prism processes can be recognised. */
export function privateTmp(label: string): { dir: string; cleanup(): void; entries(): string[] } {
  const dir = mkdtempSync(join(tmpdir(), `bl-mock-test-${label}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }), entries: () => readdirSync(dir) };
}

/** A port that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A base port with `count` consecutive free ports after it. */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await isFree(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Occupies a port until `release()` is called. */
export function occupy(port: number): Promise<{ release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ release: () => new Promise((r) => server.close(() => r())) }));
  });
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout contains `text`; rejects if the process exits first or after `timeoutMs`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node <script> ...args` and collects its output. */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (text: string | RegExp, timeoutMs = 60_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const found = (): boolean => (typeof text === "string" ? out.includes(text) : text.test(out));
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
      const onData = (): void => {
        if (found()) finish();
      };
      const onExit = (): void => finish(new Error(`exited before printing ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        child.off("close", onExit);
        if (error) reject(error);
        else resolve();
      };
      child.stdout.on("data", onData);
      child.once("close", onExit);
      onData();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exit };
}
