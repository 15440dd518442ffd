/**
 * Suite 5: the CLI's downloader against curl, one file over loopback from `file-server.mjs` (its own process).
 *
 * Each tool runs as a fresh process writing the file to disk: `curl -sS -o <file> <url>` and
 * `node download-driver.mjs` (the CLI's `downloadFile`, as `backup-links download` uses it for one file). By default
 * the CLI flushes the file to disk (fsync) before renaming it into place and curl does not, so the suite also runs
 * the CLI's `--no-fsync` mode (`fsync: false`) and curl followed by `sync FILE`: two like-for-like pairs.
 * Throughput = file bytes / transfer time, where transfer time is what each tool reports for the transfer itself
 * (curl's `%{time_total}`; the driver's clock around `downloadFile`), so Node's process start-up (~0.1 s, paid
 * once per command, not per byte) is not counted; the process wall-clock throughput is reported beside it.
 * Peak RSS is the whole process's (GNU time `%M`, or /proc VmHWM). The served file is generated in a temp dir
 * (sparse via truncate when large, random bytes when small so the copy can be compared) and removed afterwards.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { makeTempDir, removeTempDir } from "../temp-dirs.js";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { REPO_ROOT } from "../paths.js";
import { rssMethod, runMeasured, type RssMethod } from "../peak-rss.js";
import { runCommand } from "../proc.js";
import { startServer, serverScript } from "../servers/spawn-server.js";
import { ratio, summarizeRounds, type RoundSummary } from "../stats.js";

export type DownloadTool = "backup-links" | "backup-links --no-fsync" | "curl" | "curl+fsync";

export interface DownloadToolResult {
  tool: DownloadTool;
  label: string;
  error?: string;
  /** MB/s (10^6 bytes per second) over the transfer time. */
  throughputMBps?: RoundSummary;
  /** MB/s over the whole process's wall time (start-up included). */
  wallThroughputMBps?: RoundSummary;
  peakRssBytes?: RoundSummary;
}

export interface DownloadSuiteResult {
  fileBytes: number;
  sparse: boolean;
  rounds: number;
  rssMethod: RssMethod;
  tools: DownloadToolResult[];
  /** median transfer throughput of backup-links (default, fsync) / curl */
  throughputRatio?: number;
  /** median transfer throughput of backup-links --no-fsync / curl (same durability on both sides) */
  noFsyncThroughputRatio?: number;
  wallThroughputRatio?: number;
  /** median transfer throughput of backup-links (default, fsync) / curl+fsync (same durability on both sides) */
  fsyncThroughputRatio?: number;
}

export interface DownloadSuiteOptions {
  fileBytes: number;
  rounds: number;
  /** Where the CLI's built library is; default packages/cli/dist. */
  cliDist?: string;
  timeoutMs?: number;
  /** Where the temp directory for the served file and the copies is made; default os.tmpdir(). */
  tempRoot?: string;
}

const DRIVER = fileURLToPath(new URL("../drivers/download-driver.mjs", import.meta.url));
const FILE_NAME = "bench-backup.bin";
/** The prefix of the suite's temp directory (the smoke test checks that none is left behind). */
export const DOWNLOAD_TEMP_PREFIX = "backup-links-bench-download-";

/** The module that exports `downloadFile`: the CLI's library entry, or its download module if the entry lacks it. */
export async function downloaderModule(cliDist = path.join(REPO_ROOT, "packages/cli/dist")): Promise<string> {
  for (const candidate of ["index.js", "download/index.js", "download/download-file.js"]) {
    const file = path.join(cliDist, candidate);
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { downloadFile?: unknown };
    if (typeof mod.downloadFile === "function") return pathToFileURL(file).href;
  }
  throw new Error(`no built module under ${cliDist} exports downloadFile (build @backup-links/cli first)`);
}

async function sha256File(file: string): Promise<string> {
  return createHash("sha256").update(await readFile(file)).digest("hex");
}

/** Creates the served file: sparse (truncate) at or above 64 MiB, random bytes below (then it is also compared). */
async function createServedFile(dir: string, bytes: number): Promise<{ file: string; sparse: boolean; sha256?: string }> {
  const file = path.join(dir, "served.bin");
  if (bytes >= 64 * 1024 * 1024) {
    await writeFile(file, "");
    await truncate(file, bytes);
    return { file, sparse: true };
  }
  const data = randomBytes(bytes);
  await writeFile(file, data);
  return { file, sparse: false, sha256: createHash("sha256").update(data).digest("hex") };
}

interface OneRun {
  transferMs: number;
  wallMs: number;
  peakRssBytes: number | undefined;
}

async function verifyOutput(file: string, bytes: number, sha256: string | undefined, tool: string): Promise<void> {
  const size = (await stat(file)).size;
  if (size !== bytes) throw new Error(`${tool} wrote ${size} bytes, expected ${bytes}`);
  if (sha256 !== undefined && (await sha256File(file)) !== sha256) throw new Error(`${tool}'s copy differs from the served file`);
}

async function runCurl(url: string, outDir: string, bytes: number, sha256: string | undefined, timeoutMs: number): Promise<OneRun> {
  const out = path.join(outDir, FILE_NAME);
  const run = await runMeasured("curl", ["-sS", "--fail", "-o", out, "-w", "%{time_total}", url], { timeoutMs });
  if (run.code !== 0) throw new Error(`curl exited ${run.code}: ${run.stderr.trim().slice(0, 300)}`);
  await verifyOutput(out, bytes, sha256, "curl");
  const seconds = Number(run.stdout.trim().replace(",", "."));
  return { transferMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : run.wallMs, wallMs: run.wallMs, peakRssBytes: run.peakRssBytes };
}

/** curl, then `sync FILE` (fsync of that file): the same durability as the CLI, which flushes before it renames. */
async function runCurlFsync(url: string, outDir: string, bytes: number, sha256: string | undefined, timeoutMs: number): Promise<OneRun> {
  const curl = await runCurl(url, outDir, bytes, sha256, timeoutMs);
  const synced = await runCommand("sync", [path.join(outDir, FILE_NAME)], { timeoutMs });
  if (synced.code !== 0) throw new Error(`sync FILE exited ${synced.code}: ${synced.stderr.trim().slice(0, 200)}`);
  return { transferMs: curl.transferMs + synced.ms, wallMs: curl.wallMs + synced.ms, peakRssBytes: curl.peakRssBytes };
}

/**
 * The run order of `round` for `n` tools: the rows of a Williams design, a Latin square in which, over `n` rounds
 * (`2n` when `n` is odd), every tool runs first equally often and right after every other tool equally often, so
 * what one run leaves behind for the next lands on every tool alike.
 */
export function balancedOrder(n: number, round: number): number[] {
  const first = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i / 2 : n - (i + 1) / 2));
  const row = first.map((tool) => (tool + round) % n);
  return n % 2 === 1 && Math.floor(round / n) % 2 === 1 ? row.reverse() : row;
}

/** `sync` of every file system: pending writes and frees committed before the next run starts. */
export async function settleDisk(timeoutMs: number): Promise<void> {
  const synced = await runCommand("sync", [], { timeoutMs });
  if (synced.code !== 0) throw new Error(`sync exited ${synced.code}: ${synced.stderr.trim().slice(0, 200)}`);
}

async function runOurs(
  moduleUrl: string,
  url: string,
  outDir: string,
  bytes: number,
  sha256: string | undefined,
  timeoutMs: number,
  fsyncMode: "default" | "no-fsync",
): Promise<OneRun> {
  const args = [DRIVER, moduleUrl, url, outDir, FILE_NAME, String(bytes), ...(fsyncMode === "no-fsync" ? ["no-fsync"] : [])];
  const run = await runMeasured(process.execPath, args, { timeoutMs });
  if (run.code !== 0) throw new Error(`the downloader exited ${run.code}: ${run.stderr.trim().slice(-400)}`);
  const report = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as { bytes?: number; transferMs?: number; maxRssBytes?: number };
  if (report.bytes !== bytes) throw new Error(`the downloader reported ${report.bytes} bytes, expected ${bytes}`);
  await verifyOutput(path.join(outDir, FILE_NAME), bytes, sha256, "backup-links");
  return {
    transferMs: report.transferMs ?? run.wallMs,
    wallMs: run.wallMs,
    peakRssBytes: run.peakRssBytes ?? report.maxRssBytes,
  };
}

const MB = 1e6;

function summarizeTool(tool: DownloadTool, label: string, runs: OneRun[], bytes: number, error?: string): DownloadToolResult {
  if (error !== undefined || runs.length === 0) return { tool, label, error: error ?? "no successful run" };
  const rss = runs.map((r) => r.peakRssBytes).filter((v): v is number => v !== undefined);
  return {
    tool,
    label,
    throughputMBps: summarizeRounds(runs.map((r) => bytes / MB / (r.transferMs / 1000))),
    wallThroughputMBps: summarizeRounds(runs.map((r) => bytes / MB / (r.wallMs / 1000))),
    ...(rss.length > 0 ? { peakRssBytes: summarizeRounds(rss) } : {}),
  };
}

interface ToolRunner {
  tool: DownloadTool;
  label: string;
  run(outDir: string): Promise<OneRun>;
  runs: OneRun[];
  error?: string;
}

export async function runDownloadSuite(options: DownloadSuiteOptions): Promise<DownloadSuiteResult> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const dir = await makeTempDir(DOWNLOAD_TEMP_PREFIX, options.tempRoot ?? tmpdir());
  try {
    const served = await createServedFile(dir, options.fileBytes);
    const server = await startServer(serverScript("file-server.mjs"), [served.file]);
    try {
      const url = `${server.origin}/bucket/${FILE_NAME}?Expires=1&Signature=bench`;
      let moduleUrl: string | undefined;
      let moduleError: string | undefined;
      try {
        moduleUrl = await downloaderModule(options.cliDist);
      } catch (error) {
        moduleError = error instanceof Error ? error.message : String(error);
      }
      const { fileBytes } = options;
      const runners: ToolRunner[] = [
        {
          tool: "backup-links",
          label: "@backup-links/cli downloadFile, default (fsync before rename)",
          run: (outDir) => runOurs(moduleUrl!, url, outDir, fileBytes, served.sha256, timeoutMs, "default"),
          runs: [],
          ...(moduleError === undefined ? {} : { error: moduleError }),
        },
        {
          tool: "backup-links --no-fsync",
          label: "@backup-links/cli downloadFile with fsync: false (--no-fsync)",
          run: (outDir) => runOurs(moduleUrl!, url, outDir, fileBytes, served.sha256, timeoutMs, "no-fsync"),
          runs: [],
          ...(moduleError === undefined ? {} : { error: moduleError }),
        },
        { tool: "curl", label: "curl -sS -o FILE URL", run: (outDir) => runCurl(url, outDir, fileBytes, served.sha256, timeoutMs), runs: [] },
        {
          tool: "curl+fsync",
          label: "curl -sS -o FILE URL && sync FILE",
          run: (outDir) => runCurlFsync(url, outDir, fileBytes, served.sha256, timeoutMs),
          runs: [],
        },
      ];
      for (let round = 0; round < options.rounds; round++) {
        // What a run leaves behind lands on the next one: each copy is deleted right after its run (a copy that was
        // never flushed then never reaches the disk at all, as with a user who moves on) and a `sync` (not timed)
        // commits the deletion, but a disk mounted with `discard` may still be freeing 1 GiB of written blocks when
        // the next run starts. So the order is balanced, not just rotated: with a plain rotation the default CLI run
        // always followed `curl && sync` (a copy with real blocks) and `curl && sync` always followed plain curl.
        const order = balancedOrder(runners.length, round).map((i) => runners[i]!);
        for (const runner of order) {
          if (runner.error !== undefined) continue;
          const outDir = path.join(dir, `out-${runner.tool}-${round}`);
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
      const tools = runners.map((r) => summarizeTool(r.tool, r.label, r.runs, fileBytes, r.error));
      const [ours, oursNoFsync, curl, curlFsync] = tools as [DownloadToolResult, DownloadToolResult, DownloadToolResult, DownloadToolResult];
      const result: DownloadSuiteResult = {
        fileBytes,
        sparse: served.sparse,
        rounds: options.rounds,
        rssMethod: rssMethod(),
        tools,
      };
      if (ours.throughputMBps && curl.throughputMBps) {
        result.throughputRatio = ratio(ours.throughputMBps.median, curl.throughputMBps.median);
      }
      if (ours.wallThroughputMBps && curl.wallThroughputMBps) {
        result.wallThroughputRatio = ratio(ours.wallThroughputMBps.median, curl.wallThroughputMBps.median);
      }
      if (oursNoFsync.throughputMBps && curl.throughputMBps) {
        result.noFsyncThroughputRatio = ratio(oursNoFsync.throughputMBps.median, curl.throughputMBps.median);
      }
      if (ours.throughputMBps && curlFsync.throughputMBps) {
        result.fsyncThroughputRatio = ratio(ours.throughputMBps.median, curlFsync.throughputMBps.median);
      }
      return result;
    } finally {
      await server.stop();
    }
  } finally {
    await removeTempDir(dir);
  }
}
