import type { ApiId } from "@backup-links/core";
import type { GetBackupLinksOptions } from "../links/types.js";

/** What a backup holds: a full copy, or the changes since an earlier one. */
export type BackupType = "full" | "incremental" | "differential" | "unknown";
/** Where a backup stands, in one vocabulary for every API (the vendor's own word is kept in `raw.status`). */
export type BackupStatus = "completed" | "running" | "failed" | "deleting" | "gone" | "retained" | "unknown";

/** One backup of any of the seven APIs, in one shape. */
export interface BackupRecord {
  api: ApiId;
  /** What the download operation takes as the backup id. */
  id: string;
  instanceId: string;
  name: string | undefined;
  type: BackupType;
  status: BackupStatus;
  /** Parsed with the API's own zone rule (JD Cloud: assumed UTC+8); `undefined` when missing or unparseable. */
  startedAt: Date | undefined;
  /** DCS: when the backup completed. */
  finishedAt: Date | undefined;
  /** RDS and DDS state kilobytes: `size * 1024`. */
  sizeBytes: number | undefined;
  /** The vendor's engine name as given (`MySQL`, `SQLServer`, `SQL Server`, `DDS-Community`); DCS lists none. */
  engine: string | undefined;
  /** Whether the download operation can serve it: finished, still there, and of a kind the API hands out. */
  downloadable: boolean;
  /** JD Cloud SQL Server: the backup's files, each downloaded with its own link (`fileName`). */
  files?: string[] | undefined;
  /** The vendor's own strings, because the vocabularies drift between documents and clouds. */
  raw: { type: string | undefined; status: string | undefined; startedAt: string | undefined; finishedAt: string | undefined };
}

/** The options of `listBackups`: where to connect (as for `getBackupLinks`) and which backups. */
export interface ListBackupsOptions
  extends Omit<GetBackupLinksOptions, "backupId" | "instanceId" | "expiration" | "fileName" | "latest" | "type" | "onBackupPicked"> {
  /** The instance whose backups to list (required for every API). */
  instanceId: string;
  /** Only backups of this type. */
  type?: Exclude<BackupType, "unknown"> | undefined;
  /** Only backups that started at or after this time: a Date, or text such as `2024-05-01` or `2024-05-01T10:00:00Z` (UTC unless a zone is written). */
  since?: Date | string | undefined;
}

/** The options of `findLatestBackup`. */
export interface FindLatestBackupOptions extends Omit<ListBackupsOptions, "since"> {
  /** The type of backup wanted (default `full`). */
  type?: Exclude<BackupType, "unknown"> | undefined;
}
