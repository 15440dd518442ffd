import path from "node:path";
import { downloadBackup, type DownloadBackupResult } from "../../download/download-backup.js";
import { DownloadAbortedError, DownloadError } from "../../download/errors.js";
import { downloadToStream } from "../../download/to-stream.js";
import { getBackupLinks } from "../../links/get-backup-links.js";
import { formatBytes } from "../../progress/format.js";
import { JsonReporter } from "../../progress/json.js";
import { PlainReporter } from "../../progress/plain.js";
import { printable } from "../../progress/printable.js";
import type { Reporter } from "../../progress/reporter.js";
import { TtyReporter } from "../../progress/tty.js";
import type { LinkArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { toLinkOptions } from "./links.js";

export interface DownloadArgs extends LinkArgs {
  out: string;
  concurrency: number;
  connections: number;
  quiet: boolean;
  fsync: boolean;
}

/** Bars on a terminal, lines in a log, JSON lines with --json, only failures with --quiet. */
function chooseReporter(args: DownloadArgs, context: CliContext): Reporter {
  const toStderr = (line: string): void => {
    context.stderr.write(`${line}\n`);
  };
  // With --out - stdout carries the file's bytes: JSON events go to stderr.
  const jsonOut = args.out === "-" ? context.stderr : context.stdout;
  if (args.json) return new JsonReporter((line) => jsonOut.write(`${line}\n`), 1_000, context.now);
  if (args.quiet) {
    const lines = new PlainReporter(toStderr);
    return { onEvent: (event) => event.type === "error" && lines.onEvent(event), close: () => undefined };
  }
  if (context.stderr.isTTY) return new TtyReporter(context.stderr, context.now);
  return new PlainReporter(toStderr, 10_000, context.now);
}

/** `backup-links download <api> ...` */
export async function runDownload(args: DownloadArgs, context: CliContext): Promise<number> {
  const options = toLinkOptions(args, context);
  const outDir = args.out === "-" ? "-" : path.resolve(args.out);
  const links = await getBackupLinks(options);
  const human = !args.json && !args.quiet;
  if (human) for (const note of links.notes) context.stderr.write(`Note: ${note}\n`);
  if (links.files.length === 0) {
    context.stderr.write(`backup-links: ${args.api} lists no downloadable file for this backup\n`);
    if (args.json) writeSummary(context, { files: [], ok: false, interrupted: false }, outDir);
    return EXIT.DOWNLOAD;
  }

  if (args.out === "-") return runToStdout(args, context, links, options);
  const reporter = chooseReporter(args, context);
  let result: DownloadBackupResult;
  try {
    result = await downloadBackup({
      links,
      // Fresh links come from the same call; concurrent refreshes share it.
      getLinks: () => getBackupLinks(options),
      outDir,
      concurrency: args.concurrency,
      connections: args.connections,
      proxy: args.proxy,
      env: context.env,
      fsync: args.fsync,
      signal: context.signal,
      onEvent: (event) => reporter.onEvent(event),
      now: context.now,
    });
  } finally {
    reporter.close();
  }

  if (args.json) writeSummary(context, result, outDir);
  else if (human) context.stdout.write(`${summaryLine(result, outDir)}\n`);
  if (result.interrupted) {
    if (!args.json) {
      context.stderr.write(`Interrupted: partial files are kept in ${printable(outDir)}; run the same command again to resume.\n`);
    }
    return context.signal?.reason === "SIGTERM" ? EXIT.SIGTERM : EXIT.SIGINT;
  }
  return result.ok ? EXIT.OK : EXIT.DOWNLOAD;
}

/**
 * `--out -`: the one file of the backup to stdout, in order (progress and --json events on stderr). A backup of
 * several files is refused before any byte is fetched: their bytes would run together.
 */
async function runToStdout(
  args: DownloadArgs,
  context: CliContext,
  links: Awaited<ReturnType<typeof getBackupLinks>>,
  options: ReturnType<typeof toLinkOptions>,
): Promise<number> {
  if (links.files.length !== 1) {
    const names = links.files.map((file) => printable(file.name)).join(", ");
    context.stderr.write(
      `backup-links: --out -: this backup has ${links.files.length} files (${names}); stdout takes exactly one: use --out DIR\n`,
    );
    return EXIT.USAGE;
  }
  const reporter = chooseReporter(args, context);
  const link = links.files[0]!;
  try {
    await downloadToStream({
      link,
      output: context.stdout as unknown as Parameters<typeof downloadToStream>[0]["output"],
      refreshLink: async () => {
        const fresh = await getBackupLinks(options);
        const match = fresh.files.find((candidate) => candidate.name === link.name);
        if (match === undefined) throw new DownloadError("LINK_MISSING", `${link.name}: the fresh link list no longer contains this file`, { file: link.name });
        return match;
      },
      connections: args.connections,
      proxy: args.proxy,
      env: context.env,
      signal: context.signal,
      onEvent: (event) => reporter.onEvent(event),
      now: context.now,
    });
    return EXIT.OK;
  } catch (error) {
    if (error instanceof DownloadAbortedError || context.signal?.aborted) {
      return context.signal?.reason === "SIGTERM" ? EXIT.SIGTERM : EXIT.SIGINT;
    }
    const code = error instanceof DownloadError ? error.code : (error as Error).name;
    reporter.onEvent({ type: "error", file: link.name, code, message: (error as Error).message });
    return EXIT.DOWNLOAD;
  } finally {
    reporter.close();
  }
}

function counts(result: DownloadBackupResult) {
  const by = (status: string) => result.files.filter((file) => file.status === status);
  const downloaded = by("downloaded");
  return {
    downloaded: downloaded.length,
    skipped: by("skipped").length,
    failed: by("failed").length,
    interrupted: by("interrupted").length,
    bytes: downloaded.reduce((sum, file) => sum + ("bytes" in file ? file.bytes : 0), 0),
  };
}

/** "Downloaded 2 files (1.00 GiB) into /data/backups; 1 already there; 1 failed." */
export function summaryLine(result: DownloadBackupResult, outDir: string): string {
  const c = counts(result);
  const parts = [`${c.downloaded} file${c.downloaded === 1 ? "" : "s"} downloaded (${formatBytes(c.bytes)}) into ${printable(outDir)}`];
  if (c.skipped > 0) parts.push(`${c.skipped} already there`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.interrupted > 0) parts.push(`${c.interrupted} interrupted`);
  return `${parts.join("; ")}.`;
}

function writeSummary(context: CliContext, result: DownloadBackupResult, outDir: string): void {
  const { bytes, ...files } = counts(result);
  const summary = { type: "summary", ok: result.ok, interrupted: result.interrupted, outDir, bytes, files };
  context.stdout.write(`${JSON.stringify(summary)}\n`);
}
