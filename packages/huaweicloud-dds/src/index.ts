/**
 * @backup-links/huaweicloud-dds: a typed, signed client for Huawei Cloud DDS v3
 * `GET /v3/{project_id}/backups/download-file` (download links of a backup's files), and the list of an
 * instance's backups (`listBackups`, `listAllBackups`).
 */
import { clientIdentity, createDdsClient, type HuaweiFamilyClientOptions, type DdsClient } from "@backup-links/core/client";
import { HUAWEICLOUD_DDS } from "@backup-links/core";
import type { paths } from "./generated/schema.js";

export type { paths, components, operations } from "./generated/schema.js";
export type { CallOptions, FileExtras, DdsInput, DdsListInput, DdsListAllInput, BackupItemExtras } from "@backup-links/core/client";
export { PagingError } from "@backup-links/core/client";
export { ApiError, BackupLinksError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "@backup-links/core";

export type HuaweiCloudDdsClientOptions = HuaweiFamilyClientOptions;
export type HuaweiCloudDdsClient = DdsClient<paths>;
/** What `getBackupDownloadLinks` resolves to: `files`, `bucket`, and the `X-Request-Id` as `requestId`. */
export type BackupDownloadLinks = Awaited<ReturnType<HuaweiCloudDdsClient["getBackupDownloadLinks"]>>;
/** A file: `name`, `size` (KB), `download_link`, `link_expired_time`, `group_id`, `group_name`, plus `expiresAt` and `sizeBytes`. */
export type BackupFile = BackupDownloadLinks["files"][number];

/** What `listBackups` resolves to (one page; `listAllBackups` yields these): `backups`, the total, and `requestId`. */
export type BackupListPage = Awaited<ReturnType<HuaweiCloudDdsClient["listBackups"]>>;
/** A listed backup as the API describes it, plus `startedAt`, `finishedAt` (parsed) and `sizeBytes` (from KB). */
export type BackupListItem = BackupListPage["backups"][number];

/**
 * Creates the client. Options left out come from the environment (`HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` / `HUAWEICLOUD_SDK_SECURITY_TOKEN`,
 * `HUAWEICLOUD_SDK_PROJECT_ID`, `HW_REGION_NAME`; the full list is in `@backup-links/core`); bad options throw ValidationError.
 *
 * @example
 * const client = createHuaweiCloudDdsClient({ region: "ap-southeast-1", projectId, credentials: { accessKey, secretKey } });
 * const result = await client.getBackupDownloadLinks({ instanceId, backupId });
 */
export function createHuaweiCloudDdsClient(options: HuaweiCloudDdsClientOptions = {}): HuaweiCloudDdsClient {
  return createDdsClient<paths>(clientIdentity(HUAWEICLOUD_DDS, "0.1.0"), options);
}
