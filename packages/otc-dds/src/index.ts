/**
 * @backup-links/otc-dds: a typed, signed client for Open Telekom Cloud DDS v3
 * `GET /v3/{project_id}/backups/download-file` (download links of a backup's files), and the list of an
 * instance's backups (`listBackups`, `listAllBackups`).
 */
import { clientIdentity, createDdsClient, type HuaweiFamilyClientOptions, type DdsClient } from "@backup-links/core/client";
import { OTC_DDS } from "@backup-links/core";
import type { paths } from "./generated/schema.js";

export type { paths, components, operations } from "./generated/schema.js";
export type { CallOptions, FileExtras, DdsInput, DdsListInput, DdsListAllInput, BackupItemExtras } from "@backup-links/core/client";
export { PagingError } from "@backup-links/core/client";
export { ApiError, BackupLinksError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "@backup-links/core";

export type OtcDdsClientOptions = HuaweiFamilyClientOptions;
export type OtcDdsClient = DdsClient<paths>;
/** What `getBackupDownloadLinks` resolves to: `files`, `bucket`, and the `X-Request-Id` as `requestId`. */
export type BackupDownloadLinks = Awaited<ReturnType<OtcDdsClient["getBackupDownloadLinks"]>>;
/** A file: `name`, `size` (KB), `download_link`, `link_expired_time`, plus `expiresAt` and `sizeBytes`. */
export type BackupFile = BackupDownloadLinks["files"][number];

/** What `listBackups` resolves to (one page; `listAllBackups` yields these): `backups`, the total, and `requestId`. */
export type BackupListPage = Awaited<ReturnType<OtcDdsClient["listBackups"]>>;
/** A listed backup as the API describes it, plus `startedAt`, `finishedAt` (parsed) and `sizeBytes` (from KB). */
export type BackupListItem = BackupListPage["backups"][number];

/**
 * Creates the client. Options left out come from the environment (`OS_ACCESS_KEY` / `OS_SECRET_KEY` / `OS_SECURITY_TOKEN` or `OS_TOKEN`, `OS_PROJECT_ID`,
 * `OS_REGION_NAME`; the full list is in `@backup-links/core`); bad options throw ValidationError.
 *
 * @example
 * const client = createOtcDdsClient({ region: "eu-de", projectId, credentials: { accessKey, secretKey } });
 * const result = await client.getBackupDownloadLinks({ instanceId, backupId });
 */
export function createOtcDdsClient(options: OtcDdsClientOptions = {}): OtcDdsClient {
  return createDdsClient<paths>(clientIdentity(OTC_DDS, "0.1.0"), options);
}
