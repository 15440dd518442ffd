import { ValidationError, parseUtcTime, requireOneOf, type ApiId } from "@backup-links/core";
import { callOptions, createApiClient } from "../links/call-api.js";
import { resolveRequest, type ResolvedRequest } from "../links/resolve.js";
import { newestFirst, pageItems, toBackupRecord } from "./record.js";
import type { BackupRecord, BackupType, ListBackupsOptions } from "./types.js";

/** The types a caller can ask for. */
export const BACKUP_TYPES = ["full", "incremental", "differential"] as const;

/**
 * A `since` given as text: a date (`2024-05-01`, midnight UTC) or a date and time (`2024-05-01T10:00:00Z`,
 * `2024-05-01 10:00:00`: UTC unless a zone is written). Never the machine's zone.
 */
export function parseSince(field: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const parsed =
    value instanceof Date
      ? Number.isNaN(value.getTime())
        ? undefined
        : value
      : typeof value === "string"
        ? parseUtcTime(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value)
        : undefined;
  if (parsed === undefined) throw new ValidationError(field, "must be a date such as 2024-05-01 or 2024-05-01T10:00:00Z");
  return parsed;
}

/**
 * What the client can filter on the server for a wanted type: RDS keeps incremental and differential backups apart
 * by `backup_type`; DDS lists only full backups unless `Incremental` is asked for (Huawei Cloud).
 */
function serverTypeFilter(api: ApiId, type: BackupType | undefined): Record<string, string> {
  if (type === "incremental" && (api.endsWith("-rds") || api.endsWith("-dds")) && api !== "jdcloud-rds") {
    return { backupType: api.endsWith("-rds") ? "incremental" : "Incremental" };
  }
  if (type === "differential" && api.endsWith("-rds") && api !== "jdcloud-rds") return { backupType: "fragment" };
  return {};
}

/** Every listed backup of the resolved instance, as records, in the server's order (each page read once). */
export async function readAllRecords(request: ResolvedRequest, type: BackupType | undefined): Promise<BackupRecord[]> {
  const client = await createApiClient(request);
  const input = { instanceId: request.instanceId, ...serverTypeFilter(request.api, type) };
  const records: BackupRecord[] = [];
  for await (const page of client.listAllBackups(input as never, callOptions(request))) {
    for (const item of pageItems(request.api, page)) {
      const record = toBackupRecord(request.api, item);
      // DDS lists the whole project when the instance is left out, so the instance of each item is checked; an item
      // without an id could not be downloaded anyway.
      if (record.id === "" || (record.instanceId !== "" && record.instanceId !== request.instanceId)) continue;
      records.push(record.instanceId === "" ? { ...record, instanceId: request.instanceId! } : record);
    }
  }
  return records;
}

/** Checks `type` against the types a caller can ask for. */
export function requireBackupType(value: unknown): Exclude<BackupType, "unknown"> | undefined {
  return value === undefined ? undefined : requireOneOf("type", value, BACKUP_TYPES);
}

/**
 * Every backup of an instance, from any of the seven APIs, as one BackupRecord each, newest first (by
 * `finishedAt ?? startedAt`, then `startedAt`, then id). Reads every page (each API's own paging; a server whose pages
 * never end throws PagingError). `type` and `since` (on `startedAt`) filter the records.
 *
 * Every input is checked first (ValidationError naming it), as for `getBackupLinks`.
 */
export async function listBackups(options: ListBackupsOptions): Promise<BackupRecord[]> {
  const type = requireBackupType(options.type);
  const since = parseSince("since", options.since);
  const request = resolveRequest(options, "list");
  const records = (await readAllRecords(request, type)).filter(
    (record) => (type === undefined || record.type === type) && (since === undefined || (record.startedAt !== undefined && record.startedAt >= since)),
  );
  return records.sort(newestFirst);
}
