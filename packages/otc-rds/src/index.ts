/**
 * @backup-links/otc-rds: a typed, signed client for Open Telekom Cloud RDS v3
 * `GET /v3/{project_id}/backup-files` (download links of a backup's files), and the list of an
 * instance's backups (`listBackups`, `listAllBackups`).
 */
import { clientIdentity, createRdsClient, type HuaweiFamilyClientOptions, type RdsClient } from "@backup-links/core/client";
import { OTC_RDS } from "@backup-links/core";
import type { paths } from "./generated/schema.js";

export type { paths, components, operations } from "./generated/schema.js";
export type { CallOptions, FileExtras, RdsInput, RdsListInput, RdsListAllInput, BackupItemExtras } from "@backup-links/core/client";
export { PagingError } from "@backup-links/core/client";
export { ApiError, BackupLinksError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "@backup-links/core";

export type OtcRdsClientOptions = HuaweiFamilyClientOptions;
export type OtcRdsClient = RdsClient<paths>;
/** What `getBackupDownloadLinks` resolves to: `files`, `bucket`, and the `X-Request-Id` as `requestId`. */
export type BackupDownloadLinks = Awaited<ReturnType<OtcRdsClient["getBackupDownloadLinks"]>>;
/** A file: `name`, `size` (KB), `download_link`, `link_expired_time`, plus `expiresAt` and `sizeBytes`. */
export type BackupFile = BackupDownloadLinks["files"][number];

/** What `listBackups` resolves to (one page; `listAllBackups` yields these): `backups`, the total, and `requestId`. */
export type BackupListPage = Awaited<ReturnType<OtcRdsClient["listBackups"]>>;
/** A listed backup as the API describes it, plus `startedAt`, `finishedAt` (parsed) and `sizeBytes` (from KB). */
export type BackupListItem = BackupListPage["backups"][number];

/**
 * Creates the client. Options left out come from the environment (`OS_ACCESS_KEY` / `OS_SECRET_KEY` /
 * `OS_SECURITY_TOKEN` or `OS_TOKEN`, `OS_PROJECT_ID`, `OS_REGION_NAME`; the full list is in `@backup-links/core`); bad options throw ValidationError.
 *
 * @example
 * const rds = createOtcRdsClient({ region: "eu-de", projectId, credentials: { accessKey, secretKey } });
 * const { files, bucket } = await rds.getBackupDownloadLinks({ backupId });
 */
export function createOtcRdsClient(options: OtcRdsClientOptions = {}): OtcRdsClient {
  return createRdsClient<paths>(clientIdentity(OTC_RDS, "0.1.0"), options);
}
