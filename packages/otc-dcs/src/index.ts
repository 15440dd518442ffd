/**
 * @backup-links/otc-dcs: a typed, signed client for Open Telekom Cloud DCS v2
 * `POST /v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links` (download links of a backup's files), and the list of an
 * instance's backups (`listBackups`, `listAllBackups`).
 */
import { clientIdentity, createDcsClient, type HuaweiFamilyClientOptions, type DcsClient } from "@backup-links/core/client";
import { OTC_DCS } from "@backup-links/core";
import type { paths } from "./generated/schema.js";

export type { paths, components, operations } from "./generated/schema.js";
export type { CallOptions, DcsInput, DcsListInput, DcsListAllInput, BackupItemExtras } from "@backup-links/core/client";
export { PagingError } from "@backup-links/core/client";
export { ApiError, BackupLinksError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "@backup-links/core";

export type OtcDcsClientOptions = HuaweiFamilyClientOptions;
export type OtcDcsClient = DcsClient<paths>;
/** What `getBackupDownloadLinks` resolves to: `file_path`, `bucket_name`, `links`, plus `expiresAt`, `expiration`, `requestId`. */
export type BackupFileLinks = Awaited<ReturnType<OtcDcsClient["getBackupDownloadLinks"]>>;
/** A link: `file_name` and `link` (a pre-signed URL: treat it as a secret). */
export type BackupFileLink = BackupFileLinks["links"][number];

/** What `listBackups` resolves to (one page; `listAllBackups` yields these): `backup_record_response`, the total, and `requestId`. */
export type BackupListPage = Awaited<ReturnType<OtcDcsClient["listBackups"]>>;
/** A listed backup as the API describes it, plus `startedAt`, `finishedAt` (parsed) and `sizeBytes` (from bytes). */
export type BackupListItem = BackupListPage["backup_record_response"][number];

/**
 * Creates the client. Options left out come from the environment (`OS_ACCESS_KEY` / `OS_SECRET_KEY` / `OS_SECURITY_TOKEN` or `OS_TOKEN`, `OS_PROJECT_ID`,
 * `OS_REGION_NAME`; the full list is in `@backup-links/core`); bad options throw ValidationError.
 *
 * @example
 * const client = createOtcDcsClient({ region: "eu-de", projectId, credentials: { accessKey, secretKey } });
 * const result = await client.getBackupDownloadLinks({ instanceId, backupId, expiration: 3600 });
 */
export function createOtcDcsClient(options: OtcDcsClientOptions = {}): OtcDcsClient {
  return createDcsClient<paths>(clientIdentity(OTC_DCS, "0.1.0"), options);
}
