import { listBackups } from "../../backups/list-backups.js";
import type { BackupRecord, ListBackupsOptions } from "../../backups/types.js";
import { apiFetch } from "../../links/node-fetch.js";
import { formatBytes } from "../../progress/format.js";
import { printable } from "../../progress/printable.js";
import type { BackupsArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { formatTable } from "../table.js";

/** `2024-05-01 10:15:14` (UTC); the vendor's own text when it could not be parsed; `-` when there is none. */
export function formatUtc(date: Date | undefined, raw: string | undefined): string {
  if (date !== undefined) return date.toISOString().slice(0, 19).replace("T", " ");
  return raw === undefined ? "-" : `${printable(raw)} (?)`;
}

/** A record for JSON output: dates as ISO strings, missing values as null. */
export function recordToJson(record: BackupRecord): Record<string, unknown> {
  return {
    api: record.api,
    id: record.id,
    instanceId: record.instanceId,
    name: record.name ?? null,
    type: record.type,
    status: record.status,
    startedAt: record.startedAt?.toISOString() ?? null,
    finishedAt: record.finishedAt?.toISOString() ?? null,
    sizeBytes: record.sizeBytes ?? null,
    engine: record.engine ?? null,
    downloadable: record.downloadable,
    ...(record.files === undefined ? {} : { files: record.files }),
    raw: {
      type: record.raw.type ?? null,
      status: record.raw.status ?? null,
      startedAt: record.raw.startedAt ?? null,
      finishedAt: record.raw.finishedAt ?? null,
    },
  };
}

/** The JSON form of `backups`: every record (see recordToJson). */
export function backupsToJson(records: readonly BackupRecord[]): string {
  return JSON.stringify(records.map(recordToJson), null, 2);
}

/** The human form: one line per backup, newest first, times in UTC; `*` marks the downloadable ones. */
export function backupsToTable(records: readonly BackupRecord[], api: string, instanceId: string): string {
  const count = records.length;
  const lines = [`${api}: ${count} backup${count === 1 ? "" : "s"} of instance ${printable(instanceId)}, newest first (times in UTC)`];
  if (count > 0) {
    const rows = records.map((record) => [
      `${record.downloadable ? "*" : " "} ${printable(record.id)}`,
      record.type,
      record.status,
      formatUtc(record.startedAt, record.raw.startedAt),
      formatUtc(record.finishedAt, record.raw.finishedAt),
      record.sizeBytes === undefined ? "-" : formatBytes(record.sizeBytes),
    ]);
    lines.push("", formatTable(["  ID", "TYPE", "STATUS", "STARTED", "FINISHED", "SIZE"], rows, new Set([5])));
    lines.push("", "* downloadable (completed, and a kind the API hands out)");
  }
  return `${lines.join("\n")}\n`;
}

/** `backup-links backups <api> --instance-id ID [--type T] [--since DATE] [--json]` */
export async function runBackups(args: BackupsArgs, context: CliContext): Promise<number> {
  const records = await listBackups({
    api: args.api,
    instanceId: args.instanceId as string,
    region: args.region,
    endpoint: args.endpoint,
    osCloud: args.osCloud,
    projectId: args.projectId,
    // Checked by listBackups (ValidationError naming --type).
    type: args.type as ListBackupsOptions["type"],
    since: args.since,
    fetch: context.fetch ?? apiFetch({ proxy: args.proxy, env: context.env }),
    signal: context.signal,
    env: context.env,
  });
  context.stdout.write(args.json ? `${backupsToJson(records)}\n` : backupsToTable(records, args.api, args.instanceId as string));
  return EXIT.OK;
}
