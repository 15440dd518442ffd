/**
 * @backup-links/cli as a library: the cross-provider `getBackupLinks()`, `listBackups()` and `findLatestBackup()`,
 * and the downloader behind `backup-links download` (`downloadBackup`, `downloadFile`, `downloadToStream`).
 * The command itself is `backup-links` (bin.ts).
 */
export { getBackupLinks, getLinksOfBackup } from "./links/get-backup-links.js";
export type { BackupLinks, GetBackupLinksOptions, FileLink } from "./links/types.js";
export { listBackups, BACKUP_TYPES } from "./backups/list-backups.js";
export { findLatestBackup, NoDownloadableBackupError } from "./backups/find-latest.js";
export type { BackupRecord, BackupType, BackupStatus, ListBackupsOptions, FindLatestBackupOptions } from "./backups/types.js";
export { PagingError } from "@backup-links/core/client";
// The API ids are core's (one definition for the CLI, the mock and the tools); re-exported as before.
export { API_IDS, isApiId, type ApiId } from "@backup-links/core";
export { APIS, regionsOf, type ApiDescription, type ExpirationRule } from "./links/apis.js";
export {
  downloadFile,
  DEFAULT_CONNECTIONS,
  DEFAULT_MULTI_CONNECTION_THRESHOLD,
  DEFAULT_PART_BYTES,
  DEFAULT_MIN_PIECE_BYTES,
  type DownloadFileOptions,
  type DownloadFileResult,
} from "./download/download-file.js";
export { downloadToStream, type DownloadToStreamOptions, type DownloadToStreamResult } from "./download/to-stream.js";
export {
  downloadBackup,
  type DownloadBackupOptions,
  type DownloadBackupResult,
  type FileOutcome,
  type LinkProvider,
} from "./download/download-backup.js";
export type { DownloadEvent, DownloadEventListener } from "./download/events.js";
export { DownloadError, DownloadAbortedError, type DownloadErrorCode } from "./download/errors.js";
export { safeFileName } from "./download/safe-name.js";
export { DEFAULT_SIZE_TOLERANCE_BYTES } from "./download/size-check.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./download/backoff.js";
export { runCli } from "./cli/run.js";
export type { CliContext, Output } from "./cli/context.js";
export { EXIT } from "./cli/exit-codes.js";
