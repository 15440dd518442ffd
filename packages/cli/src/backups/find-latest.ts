import { BackupLinksError, type ApiId } from "@backup-links/core";
import { resolveRequest, type ResolvedRequest } from "../links/resolve.js";
import { readAllRecords, requireBackupType } from "./list-backups.js";
import { newestFirst } from "./record.js";
import type { BackupRecord, BackupType, FindLatestBackupOptions } from "./types.js";

/**
 * The instance has no backup that `findLatestBackup` may pick. The message says how many backups were listed and
 * in which states, e.g. `no downloadable full backup of instance X among 3 backups (2 failed, 1 running)`.
 */
export class NoDownloadableBackupError extends BackupLinksError {
  declare readonly api: ApiId;
  declare readonly instanceId: string;
  declare readonly type: Exclude<BackupType, "unknown">;
  /** How many backups the list held. */
  declare readonly seen: number;
  /** How many were in each state: `failed`, `running`, `completed incremental`, `completed, not downloadable`... */
  declare readonly states: Readonly<Record<string, number>>;
  constructor(api: ApiId, instanceId: string, type: Exclude<BackupType, "unknown">, records: readonly BackupRecord[]) {
    const states: Record<string, number> = {};
    for (const record of records) {
      const state =
        record.status !== "completed" ? record.status : record.type !== type ? `completed ${record.type}` : "completed, not downloadable";
      states[state] = (states[state] ?? 0) + 1;
    }
    const breakdown = Object.entries(states)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
      .map(([state, count]) => `${count} ${state}`)
      .join(", ");
    const detail =
      records.length === 0 ? `: ${api} lists no backups for it` : ` among ${records.length} backup${records.length === 1 ? "" : "s"} (${breakdown})`;
    super(`no downloadable ${type} backup of instance ${instanceId}${detail}`);
    this.api = api;
    this.instanceId = instanceId;
    this.type = type;
    this.seen = records.length;
    this.states = Object.freeze(states);
  }
}

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
