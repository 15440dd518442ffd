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
 * Every input is checked first (ValidationError naming it, CredentialsError naming the environment variables);
 * an error answer throws the client's ApiError. `url` is a secret until it expires: do not log it.
 */
export async function getBackupLinks(options: GetBackupLinksOptions): Promise<BackupLinks> {
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
