import { ValidationError } from "@backup-links/core";
import { findLatestOf } from "../backups/find-latest.js";
import { requireBackupType } from "../backups/list-backups.js";
import type { BackupRecord } from "../backups/types.js";
import { APIS } from "./apis.js";
import { callApi } from "./call-api.js";
import { OTC_DDS_VALIDITY_MS, normalizeDcsLinks, normalizeFileList, normalizeJdCloud, type Normalized } from "./normalize.js";
import { resolveRequest } from "./resolve.js";
import type { BackupLinks, GetBackupLinksOptions } from "./types.js";

/**
 * The download links of a backup, from any of the seven APIs, in one shape:
 * `{ api, files: [{ name, url, sizeBytes?, expiresAt? }], notes }`.
 *
 * - RDS and DDS document `size` in KiB: `sizeBytes` is `size * 1024` (exact to within 1023 bytes).
 * - DCS gives no size; its links live for `expiration` seconds from the request (default 1800).
 * - JD Cloud gives one public URL, named after `fileName`, else the object's name in the URL, else the backup id.
 * - Open Telekom Cloud DDS links are valid for 15 minutes: `expiresAt` is at most request time + 15 minutes.
 *
 * With `latest: true` (and `instanceId`, instead of `backupId`) it first picks the instance's newest completed,
 * downloadable backup of `type` (default full) as `findLatestBackup` does, calls `onBackupPicked` with it, and returns
 * it as `backup`; for a JD Cloud SQL Server backup it fetches the link of every file.
 *
 * Every input is checked first (ValidationError naming it, CredentialsError naming the environment variables);
 * an error answer throws the client's ApiError. `url` is a secret until it expires: do not log it.
 */
export async function getBackupLinks(options: GetBackupLinksOptions): Promise<BackupLinks> {
  if (options.latest !== undefined && typeof options.latest !== "boolean") throw new ValidationError("latest", "must be a boolean");
  if (options.latest) return getLatestBackupLinks(options);
  if (options.type !== undefined) throw new ValidationError("type", "is only taken together with latest");
  const request = resolveRequest(options);
  const requestedAt = Date.now();
  const body = await callApi(request);
  let normalized: Normalized;
  switch (request.description.service) {
    case "dcs":
      normalized = normalizeDcsLinks(body, requestedAt, request.expiration!);
      break;
    case "rds":
    case "dds":
      normalized =
        request.description.provider === "jdcloud"
          ? normalizeJdCloud(body, requestedAt, request)
          : normalizeFileList(body, requestedAt, request.api === "otc-dds" ? OTC_DDS_VALIDITY_MS : undefined);
      break;
  }
  const notes = request.description.note === undefined ? normalized.notes : [request.description.note, ...normalized.notes];
  return { api: request.api, files: normalized.files, notes };
}

async function getLatestBackupLinks(options: GetBackupLinksOptions): Promise<BackupLinks> {
  if (options.backupId !== undefined) throw new ValidationError("backupId", "cannot be combined with latest: pass one or the other");
  if (options.onBackupPicked !== undefined && typeof options.onBackupPicked !== "function") {
    throw new ValidationError("onBackupPicked", "must be a function");
  }
  const type = requireBackupType(options.type) ?? "full";
  // Checks every option (the link call's too) before the first request.
  const request = resolveRequest(options, "list");
  const backup = await findLatestOf(request, type);
  options.onBackupPicked?.(backup);
  return { ...(await getLinksOfBackup(options, backup)), backup };
}

/**
 * The links of a listed backup (e.g. one `findLatestBackup` picked), with the connection options of `options`.
 * A JD Cloud SQL Server backup is fetched file by file (JD hands out no link for the whole backup), unless
 * `options.fileName` names one file.
 */
export async function getLinksOfBackup(options: GetBackupLinksOptions, backup: BackupRecord): Promise<BackupLinks> {
  const pinned: GetBackupLinksOptions = {
    ...options,
    latest: false,
    type: undefined,
    onBackupPicked: undefined,
    backupId: backup.id,
    instanceId: APIS[backup.api].instanceId ? backup.instanceId : undefined,
  };
  if (backup.files === undefined || options.fileName !== undefined) return getBackupLinks(pinned);
  const each: BackupLinks[] = [];
  for (const fileName of backup.files) each.push(await getBackupLinks({ ...pinned, fileName }));
  return { api: backup.api, files: each.flatMap((links) => links.files), notes: [...new Set(each.flatMap((links) => links.notes))] };
}
