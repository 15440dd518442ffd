import { resolveRequest, type ResolvedRequest } from "../links/resolve.js";
import { readAllRecords, requireBackupType } from "./list-backups.js";
import { newestFirst } from "./record.js";
import { NoDownloadableBackupError } from "./no-downloadable.js";
import type { BackupRecord, BackupType, FindLatestBackupOptions } from "./types.js";

// Its own module, so that the CLI's error reporting can know it without loading every client.
export { NoDownloadableBackupError };

/** The record `findLatestBackup` picks among listed ones, or `undefined`. */
export function pickLatest(records: readonly BackupRecord[], type: Exclude<BackupType, "unknown">): BackupRecord | undefined {
  return records.filter((record) => record.status === "completed" && record.downloadable && record.type === type).sort(newestFirst)[0];
}

/**
 * The newest completed, downloadable backup of an instance (of `type`, default `full`), from any of the seven APIs:
 * reads every page, never trusts the list order, and breaks ties by `startedAt`, then id. Throws
 * NoDownloadableBackupError when there is none, ValidationError for bad input (before any request).
 */
export async function findLatestBackup(options: FindLatestBackupOptions): Promise<BackupRecord> {
  const type = requireBackupType(options.type) ?? "full";
  return findLatestOf(resolveRequest(options, "list"), type);
}

/** findLatestBackup for a request already resolved for listing. */
export async function findLatestOf(request: ResolvedRequest, type: Exclude<BackupType, "unknown">): Promise<BackupRecord> {
  const records = await readAllRecords(request, type);
  const latest = pickLatest(records, type);
  if (latest === undefined) throw new NoDownloadableBackupError(request.api, request.instanceId!, type, records);
  return latest;
}
