/**
 * Suite 6: the download engine (issue 13) against curl and aria2c, one file over loopback from
 * `object-store-server.mjs` (its own process), each tool a fresh process writing to disk, rounds in a balanced order.
 *
 * (a) Throttled: the server paces every connection to `capBytesPerSecond`, as object stores cap a connection over
 *     a WAN. Ours with 1, 4 and 8 connections, curl (one connection), `aria2c -x 8 -s 8` (Debian's aria2;
 *     `--file-allocation=falloc` so it does not write the file twice). Median MB/s and peak RSS.
 * (b) Unthrottled: ours on one connection, curl, and the hand-written client the engine replaced (rebuilt from git
 *     history, old-client.ts): MB/s and CPU seconds (user + system) per GiB.
 *
 * MB/s = file bytes / process wall time (start-up included, the same for every tool). Nobody fsyncs (ours run with
 * `fsync: false`, like curl and aria2c). The bench server's ETag is not an MD5, so no tool hashes for verification
 * beyond our SHA-256 of every file (which is part of our engine and counted).
 */
import { mkdir, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildOldClient } from "../old-client.js";
import { rssMethod, runMeasured, type RssMethod } from "../peak-rss.js";
import { runCommand } from "../proc.js";
import { startServer, serverScript } from "../servers/spawn-server.js";
import { summarizeRounds, type RoundSummary } from "../stats.js";
import { makeTempDir, removeTempDir } from "../temp-dirs.js";
import { balancedOrder, downloaderModule, settleDisk } from "./download.js";

export interface EngineToolResult {
  id: string;
  label: string;
  error?: string;
  throughputMBps?: RoundSummary;
  peakRssBytes?: RoundSummary;
  /** User + system CPU seconds per GiB (2^30 bytes) moved. */
  cpuSecondsPerGiB?: RoundSummary;
}

export interface EngineSuiteResult {
  fileBytes: number;
  rounds: number;
  /** The per-connection cap of the throttled table, MB/s (10^6 bytes). */
  capMBps: number;
  rssMethod: RssMethod;
  throttled: EngineToolResult[];
  unthrottled: EngineToolResult[];
  /** The commit the hand-written client was rebuilt from. */
  oldClientCommit?: string;
}

export interface EngineSuiteOptions {
  fileBytes: number;
  rounds: number;
  capBytesPerSecond: number;
  cliDist?: string;
  timeoutMs?: number;
  tempRoot?: string;
  /** apt-get install aria2 when aria2c is missing (pnpm bench: yes; the smoke test: no). */
  installAria2?: boolean;
}

const DRIVER = fileURLToPath(new URL("../drivers/download-driver.mjs", import.meta.url));
const FILE_NAME = "bench-object.bin";
export const ENGINE_TEMP_PREFIX = "backup-links-bench-engine-";
const MB = 1e6;
const GIB = 1024 ** 3;

interface OneRun {
  wallMs: number;
  peakRssBytes: number | undefined;
  cpuSeconds: number | undefined;
}

interface Runner {
  id: string;
  label: string;
  run(outDir: string): Promise<OneRun>;
  runs: OneRun[];
  error?: string;
}

async function checkSize(file: string, bytes: number, tool: string): Promise<void> {
  const size = (await stat(file)).size;
  if (size !== bytes) throw new Error(`${tool} wrote ${size} bytes, expected ${bytes}`);
}

async function aria2Available(install: boolean): Promise<string | undefined> {
  const has = async () => (await runCommand("aria2c", ["--version"]).catch(() => ({ code: 1 }))).code === 0;
  if (await has()) return undefined;
  if (!install) return "aria2c is not installed (apt-get install -y aria2)";
  const sudo = process.getuid?.() === 0 ? "" : "sudo -n ";
  await runCommand("sh", ["-c", `${sudo}apt-get install -y -qq aria2 || (${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq aria2)`], { timeoutMs: 300_000 });
  return (await has()) ? undefined : "aria2c is not installed and apt-get could not install it";
}

function summarize(runner: Runner, bytes: number): EngineToolResult {
  if (runner.error !== undefined || runner.runs.length === 0) return { id: runner.id, label: runner.label, error: runner.error ?? "no successful run" };
  const rss = runner.runs.map((r) => r.peakRssBytes).filter((v): v is number => v !== undefined);
  const cpu = runner.runs.map((r) => r.cpuSeconds).filter((v): v is number => v !== undefined);
  return {
    id: runner.id,
    label: runner.label,
    throughputMBps: summarizeRounds(runner.runs.map((r) => bytes / MB / (r.wallMs / 1000))),
    ...(rss.length > 0 ? { peakRssBytes: summarizeRounds(rss) } : {}),
    ...(cpu.length > 0 ? { cpuSecondsPerGiB: summarizeRounds(cpu.map((c) => (c * GIB) / bytes)) } : {}),
  };
}

async function runTable(runners: Runner[], rounds: number, dir: string, bytes: number, timeoutMs: number): Promise<EngineToolResult[]> {
  for (let round = 0; round < rounds; round++) {
    for (const runner of balancedOrder(runners.length, round).map((i) => runners[i]!)) {
      if (runner.error !== undefined) continue;
      const outDir = path.join(dir, `out-${runner.id}-${round}`);
      await mkdir(outDir, { recursive: true });
      try {
        runner.runs.push(await runner.run(outDir));
      } catch (error) {
        runner.error = error instanceof Error ? error.message : String(error);
      } finally {
        await rm(outDir, { recursive: true, force: true });
        await settleDisk(timeoutMs);
      }
    }
  }
  return runners.map((r) => summarize(r, bytes));
}

export async function runEngineSuite(options: EngineSuiteOptions): Promise<EngineSuiteResult> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const bytes = options.fileBytes;
  const dir = await makeTempDir(ENGINE_TEMP_PREFIX, options.tempRoot ?? tmpdir());
  try {
    const served = path.join(dir, "served.bin");
    await writeFile(served, "");
    await truncate(served, bytes);
    let moduleUrl: string | undefined;
    let moduleError: string | undefined;
    try {
      moduleUrl = await downloaderModule(options.cliDist);
    } catch (error) {
      moduleError = error instanceof Error ? error.message : String(error);
    }
    const ours = (url: string, connections: number, module = moduleUrl) => async (outDir: string): Promise<OneRun> => {
      const run = await runMeasured(process.execPath, [DRIVER, module!, url, outDir, FILE_NAME, String(bytes), "no-fsync", String(connections)], { timeoutMs });
      if (run.code !== 0) throw new Error(`the downloader exited ${run.code}: ${run.stderr.trim().slice(-400)}`);
      await checkSize(path.join(outDir, FILE_NAME), bytes, "backup-links");
      return run;
    };
    const curl = (url: string) => async (outDir: string): Promise<OneRun> => {
      const run = await runMeasured("curl", ["-sS", "--fail", "-o", path.join(outDir, FILE_NAME), url], { timeoutMs });
      if (run.code !== 0) throw new Error(`curl exited ${run.code}: ${run.stderr.trim().slice(0, 300)}`);
      await checkSize(path.join(outDir, FILE_NAME), bytes, "curl");
      return run;
    };
    // The like-for-like anchor for ours: curl doing the same work, the file plus its SHA-256 (`<name>.sha256`), hashed
    // by OpenSSL like ours (coreutils' sha256sum does not use the CPU's SHA extensions: 2.7 s per GiB here, not 0.6).
    const curlSha256 = (url: string) => async (outDir: string): Promise<OneRun> => {
      const file = path.join(outDir, FILE_NAME);
      const script = 'set -o pipefail; curl -sS --fail "$1" | tee "$2" | openssl dgst -sha256 -r > "$2.sha256"';
      const run = await runMeasured("bash", ["-c", script, "bash", url, file], { timeoutMs });
      if (run.code !== 0) throw new Error(`curl | tee | openssl dgst exited ${run.code}: ${run.stderr.trim().slice(0, 300)}`);
      await checkSize(file, bytes, "curl | tee");
      return run;
    };
    const aria2 = (url: string) => async (outDir: string): Promise<OneRun> => {
      const args = ["-x", "8", "-s", "8", "--file-allocation=falloc", "--allow-overwrite=true", "--auto-file-renaming=false", "-q", "-d", outDir, "-o", FILE_NAME, url];
      const run = await runMeasured("aria2c", args, { timeoutMs });
      if (run.code !== 0) throw new Error(`aria2c exited ${run.code}: ${(run.stderr || run.stdout).trim().slice(0, 300)}`);
      await checkSize(path.join(outDir, FILE_NAME), bytes, "aria2c");
      return run;
    };
    const withModule = (runner: Runner): Runner => (moduleError === undefined ? runner : { ...runner, error: moduleError });

    // (a) throttled
    const throttledServer = await startServer(serverScript("object-store-server.mjs"), [served, String(options.capBytesPerSecond)]);
    let throttled: EngineToolResult[];
    try {
      const url = `${throttledServer.origin}/bucket/${FILE_NAME}?AWSAccessKeyId=bench&Expires=1&Signature=bench`;
      const aria2Error = await aria2Available(options.installAria2 ?? false);
      throttled = await runTable(
        [
          withModule({ id: "ours-1", label: "backup-links, 1 connection", run: ours(url, 1), runs: [] }),
          withModule({ id: "ours-4", label: "backup-links, 4 connections (default)", run: ours(url, 4), runs: [] }),
          withModule({ id: "ours-8", label: "backup-links, 8 connections", run: ours(url, 8), runs: [] }),
          { id: "curl", label: "curl -o (1 connection)", run: curl(url), runs: [] },
          { id: "aria2c", label: "aria2c -x 8 -s 8", run: aria2(url), runs: [], ...(aria2Error === undefined ? {} : { error: aria2Error }) },
        ],
        options.rounds,
        dir,
        bytes,
        timeoutMs,
      );
    } finally {
      await throttledServer.stop();
    }

    // (b) unthrottled, with the old client rebuilt from history
    let oldClient: { moduleUrl: string; commit: string } | undefined;
    let oldError: string | undefined;
    try {
      oldClient = await buildOldClient(dir);
    } catch (error) {
      oldError = error instanceof Error ? error.message : String(error);
    }
    const fastServer = await startServer(serverScript("object-store-server.mjs"), [served]);
    let unthrottled: EngineToolResult[];
    try {
      const url = `${fastServer.origin}/bucket/${FILE_NAME}?AWSAccessKeyId=bench&Expires=1&Signature=bench`;
      unthrottled = await runTable(
        [
          withModule({ id: "ours-1", label: "backup-links (undici), 1 connection", run: ours(url, 1), runs: [] }),
          { id: "curl", label: "curl -o", run: curl(url), runs: [] },
          { id: "curl-sha256", label: "curl | tee FILE | openssl dgst -sha256 (the same work as ours)", run: curlSha256(url), runs: [] },
          {
            id: "old",
            label: `the replaced hand-written client (${oldClient?.commit ?? "?"})`,
            run: ours(url, 1, oldClient?.moduleUrl),
            runs: [],
            ...(oldError === undefined ? {} : { error: oldError }),
          },
        ],
        options.rounds,
        dir,
        bytes,
        timeoutMs,
      );
    } finally {
      await fastServer.stop();
    }
    return {
      fileBytes: bytes,
      rounds: options.rounds,
      capMBps: options.capBytesPerSecond / MB,
      rssMethod: rssMethod(),
      throttled,
      unthrottled,
      ...(oldClient === undefined ? {} : { oldClientCommit: oldClient.commit }),
    };
  } finally {
    await removeTempDir(dir);
  }
}
