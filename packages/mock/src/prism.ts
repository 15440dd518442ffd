import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OutputLog, describePrismOutput } from "./prism-output.js";
import { trackProcessGroup, untrackProcessGroup, signalProcessGroup, processGroupAlive } from "./process-groups.js";

/** How to start one Prism mock server. */
export interface StartPrismOptions {
  /** Path of a self-contained (bundled) OpenAPI document, JSON or YAML. */
  spec: string;
  /** TCP port to listen on; 0 (the default) lets the system pick a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Run Prism with `--errors` (the default): a request or a response that violates the spec gets an error
   * response instead of only a log line, so an example that drifted from its schema fails loudly.
   */
  errors?: boolean;
  /** How long to wait for `Prism is listening` before giving up. Default 60 s (startup takes 2-4 s per spec on an idle machine, much longer on a busy one). */
  readyTimeoutMs?: number;
  /** A label for error messages, e.g. the API id. Defaults to the spec's file name. */
  name?: string;
  /** Called with every line Prism writes (stdout and stderr), e.g. to show its request log. */
  onOutput?: (line: string) => void;
}

/** A running Prism mock server. */
export interface PrismServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Process id of the Prism process; it leads its own process group. */
  readonly pid: number;
  /** Settles when the Prism process has exited, for whatever reason. */
  readonly exited: Promise<PrismExit>;
  /** The last lines Prism printed (stdout and stderr), for diagnostics. */
  output(): string;
  /** Stops Prism (SIGTERM to its process group, SIGKILL after a grace period) and waits until it has exited. */
  stop(): Promise<void>;
}

export interface PrismExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Prism did not come up: its own output says why. */
export class PrismStartError extends Error {
  override readonly name = "PrismStartError";
  constructor(
    message: string,
    /** Prism's output (stdout and stderr, without its usage text). */
    readonly output: string,
  ) {
    super(output ? `${message}\n${output}` : message);
  }
}

const STOP_GRACE_MS = 5_000;
const FATAL_EXIT_WAIT_MS = 3_000;
const LISTENING = /Prism is listening on \S*?:(\d+)\s*$/;
const FATAL = /\bfatal\b/;

/** Absolute path of Prism's command-line entry (its `bin`), so it can be run with this Node binary, no shell. */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.["prism"];
  if (!bin) throw new Error(`@stoplight/prism-cli at ${dirname(manifestPath)} declares no "prism" bin`);
  return join(dirname(manifestPath), bin);
}

/** Preloaded into Prism so it exits when the process that started it dies without stopping it. */
const GUARD = fileURLToPath(new URL("./guard.cjs", import.meta.url));

export function validatePort(port: unknown, what = "port"): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`${what} must be an integer from 0 to 65535, got ${String(port)}`);
  }
  return port;
}

/**
 * Starts `prism mock --errors` on one OpenAPI document and resolves once Prism reports it is listening.
 * Rejects with a {@link PrismStartError} carrying Prism's own output when it cannot start; in that case
 * nothing is left running.
 */
export async function startPrism(options: StartPrismOptions): Promise<PrismServer> {
  const host = options.host ?? "127.0.0.1";
  const port = validatePort(options.port ?? 0);
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const specFile = resolve(options.spec);
  const name = options.name ?? basename(specFile);

  // Prism watches its document and restarts (on a new port when started on port 0) whenever it changes. A
  // private copy keeps a running mock stable while the workspace rebundles the spec underneath it.
  const workDir = mkdtempSync(join(tmpdir(), "backup-links-prism-"));
  const removeWorkDir = (): void => rmSync(workDir, { recursive: true, force: true });
  const document = join(workDir, basename(specFile));
  try {
    writeFileSync(document, readFileSync(specFile));
  } catch (error) {
    removeWorkDir();
    throw new PrismStartError(`Prism cannot start for ${name}: ${(error as Error).message}`, "");
  }

  const args = ["--require", GUARD, prismEntry(), "mock", document, "--port", String(port), "--host", host];
  args.push(options.errors === false ? "--no-errors" : "--errors", "--no-multiprocess");
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, args, {
      detached: true, // its own process group, so stop() can signal Prism and anything it forks at once
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", BACKUP_LINKS_PRISM_WORKDIR: workDir },
      windowsHide: true,
    });
  } catch (error) {
    removeWorkDir();
    throw error;
  }

  const log = new OutputLog();
  const exited = new Promise<PrismExit>((resolveExit) => {
    child.once("exit", (code, signal) => resolveExit({ code, signal }));
  });
  const pid = child.pid;
  if (pid === undefined) {
    const spawnError = await new Promise<Error>((r) => child.once("error", r));
    removeWorkDir();
    throw new PrismStartError(`Prism cannot start for ${name}: ${spawnError.message}`, "");
  }
  trackProcessGroup(pid);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await terminate(pid, exited);
      untrackProcessGroup(pid);
      removeWorkDir();
    })();
    return stopping;
  };

  const ready = new Promise<number>((resolveReady, rejectReady) => {
    let settled = false;
    const fail = (reason: string, afterFatal = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // After `fatal` Prism exits on its own; give it a moment so its stderr (the real reason, e.g.
      // `listen EADDRINUSE`) is in the output. Either way, make sure it is gone before rejecting.
      void (afterFatal ? Promise.race([exited, delay(FATAL_EXIT_WAIT_MS)]) : Promise.resolve())
        .then(() => stop())
        .then(() => {
          const output = describePrismOutput(log.text());
          // A bare `fatal` line (as for EADDRINUSE) leaves the reason to the last thing Prism wrote.
          const why = reason || output.split("\n").filter((line) => line.trim()).pop() || "Prism reported a fatal error";
          rejectReady(new PrismStartError(`Prism could not start for ${name}: ${why}`, output));
        });
    };
    const onLine = (line: string): void => {
      log.push(line);
      options.onOutput?.(line);
      if (settled) return;
      const listening = LISTENING.exec(line);
      if (listening) {
        settled = true;
        clearTimeout(timer);
        resolveReady(Number(listening[1]));
      } else if (FATAL.test(line)) {
        fail(line.slice(line.search(FATAL)).replace(FATAL, "").trim(), true);
      }
    };
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    const timer = setTimeout(() => fail(`not listening after ${readyTimeoutMs} ms`), readyTimeoutMs);
    void exited.then(({ code, signal }) => fail(`Prism exited (${signal ?? `code ${code}`}) before it was listening`));
    child.once("error", (error) => fail(error.message));
  });

  const actualPort = await ready;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;
  return { url, port: actualPort, host, pid, exited, output: () => log.text(), stop };
}

/** SIGTERM to the group, SIGKILL if it is still there after the grace period; resolves when the group is gone. */
async function terminate(pid: number, exited: Promise<PrismExit>): Promise<void> {
  signalProcessGroup(pid, "SIGTERM");
  const done = await Promise.race([exited.then(() => true), delay(STOP_GRACE_MS).then(() => false)]);
  if (!done) {
    signalProcessGroup(pid, "SIGKILL");
    await exited;
  }
  // The leader is gone; anything it forked into the group must be too.
  for (let i = 0; i < 50 && processGroupAlive(pid); i++) {
    if (i === 20) signalProcessGroup(pid, "SIGKILL");
    await delay(20);
  }
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
  stream.on("end", () => {
    if (pending) onLine(pending);
    pending = "";
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
