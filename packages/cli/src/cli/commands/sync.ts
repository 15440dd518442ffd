import type { SyncConfig } from "../../sync/config.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import type { SyncArgs } from "../sync-args.js";

/** `backup-links sync`: the report goes to stdout (a table, or one JSON document), progress lines to stderr. */
export async function runSyncCommand(args: SyncArgs, context: CliContext): Promise<number> {
  // Loaded here, not at start-up: the YAML parser and the schema validator are only needed by sync.
  const { loadSyncConfig, SyncConfigError } = await import("../../sync/config.js");
  const { runSync } = await import("../../sync/run-sync.js");
  const { formatSyncReport, syncReportJson } = await import("../../sync/report.js");
  let config: SyncConfig;
  try {
    config = loadSyncConfig(args.config);
  } catch (error) {
    if (!(error instanceof SyncConfigError)) throw error;
    for (const problem of error.problems) context.stderr.write(`backup-links: ${problem}\n`);
    context.stderr.write("backup-links: the configuration is not valid; nothing was changed.\n");
    return EXIT.SYNC_CONFIG;
  }
  const report = await runSync({
    config,
    dryRun: args.dryRun,
    env: context.env,
    signal: context.signal,
    fetch: context.fetch,
    now: context.now,
    onProgress: (line) => context.stderr.write(`${line}\n`),
  });
  context.stdout.write(`${args.json ? syncReportJson(report) : formatSyncReport(report)}\n`);
  if (report.interrupted) return context.signal?.reason === "SIGTERM" ? EXIT.SIGTERM : EXIT.SIGINT;
  return report.ok ? EXIT.OK : EXIT.SYNC_FAILED;
}
