import { BackupLinksError, type ApiId } from "@backup-links/core";
import type { BackupRecord, BackupType } from "./types.js";

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
