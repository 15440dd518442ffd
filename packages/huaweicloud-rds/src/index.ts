/**
 * @backup-links/huaweicloud-rds: a typed, signed client for Huawei Cloud RDS v3
 * `GET /v3/{project_id}/backup-files` (download links of a backup's files), and the list of an
 * instance's backups (`listBackups`, `listAllBackups`).
 */
import { clientIdentity, createRdsClient, type HuaweiFamilyClientOptions, type RdsClient } from "@backup-links/core/client";
import { HUAWEICLOUD_RDS } from "@backup-links/core";
import type { paths } from "./generated/schema.js";

export type { paths, components, operations } from "./generated/schema.js";
export type { CallOptions, FileExtras, RdsInput, RdsListInput, RdsListAllInput, BackupItemExtras } from "@backup-links/core/client";
export { PagingError } from "@backup-links/core/client";
export { ApiError, BackupLinksError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "@backup-links/core";

export type HuaweiCloudRdsClientOptions = HuaweiFamilyClientOptions;
export type HuaweiCloudRdsClient = RdsClient<paths>;
/** What `getBackupDownloadLinks` resolves to: `files`, `bucket`, and the `X-Request-Id` as `requestId`. */
export type BackupDownloadLinks = Awaited<ReturnType<HuaweiCloudRdsClient["getBackupDownloadLinks"]>>;
/** A file: `name`, `size` (KB), `download_link`, `link_expired_time`, `database_name`, plus `expiresAt` and `sizeBytes`. */
export type BackupFile = BackupDownloadLinks["files"][number];

/** What `listBackups` resolves to (one page; `listAllBackups` yields these): `backups`, the total, and `requestId`. */
export type BackupListPage = Awaited<ReturnType<HuaweiCloudRdsClient["listBackups"]>>;
/** A listed backup as the API describes it, plus `startedAt`, `finishedAt` (parsed) and `sizeBytes` (from KB). */
export type BackupListItem = BackupListPage["backups"][number];

/**
 * Creates the client. Options left out come from the environment (`HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` / `HUAWEICLOUD_SDK_SECURITY_TOKEN`,
 * `HUAWEICLOUD_SDK_PROJECT_ID`, `HW_REGION_NAME`; the full list is in `@backup-links/core`); bad options throw ValidationError.
 *
 * @example
 * const client = createHuaweiCloudRdsClient({ region: "ap-southeast-1", projectId, credentials: { accessKey, secretKey } });
 * const result = await client.getBackupDownloadLinks({ backupId });
 */
export function createHuaweiCloudRdsClient(options: HuaweiCloudRdsClientOptions = {}): HuaweiCloudRdsClient {
  return createRdsClient<paths>(clientIdentity(HUAWEICLOUD_RDS, "0.1.0"), options);
}
