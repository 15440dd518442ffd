/**
 * Each vendor's listed backup as one BackupRecord (the mapping of the research notes, list-backups §6.2/§6.3):
 * vocabularies compared without regard to case, unknown words kept in `raw` and mapped to "unknown".
 */
import type { ApiId } from "@backup-links/core";
import type { BackupRecord, BackupStatus, BackupType } from "./types.js";

type Loose = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
const date = (value: unknown): Date | undefined => (value instanceof Date ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** Looks a vendor word up case-insensitively. */
function lookup<T extends string>(table: Readonly<Record<string, T>>, word: string | undefined, fallback: T): T {
  return (word === undefined ? undefined : table[word.toLowerCase()]) ?? fallback;
}

const HUAWEI_TYPES: Readonly<Record<string, BackupType>> = { auto: "full", manual: "full", fragment: "differential", incremental: "incremental" };
const HUAWEI_STATUS: Readonly<Record<string, BackupStatus>> = {
  completed: "completed",
  building: "running",
  failed: "failed",
  deleting: "deleting",
  // DDS documents DISABLED for "being deleted"; Huawei's Go SDK says DELETING.
  disabled: "deleting",
};
const DCS_STATUS: Readonly<Record<string, BackupStatus>> = {
  succeed: "completed",
  waiting: "running",
  backuping: "running",
  failed: "failed",
  expired: "gone",
  deleted: "gone",
};
const JD_TYPES: Readonly<Record<string, BackupType>> = { full: "full", diff: "incremental" };
const JD_STATUS: Readonly<Record<string, BackupStatus>> = {
  completed: "completed",
  building: "running",
  error: "failed",
  delete_error: "failed",
  deleting: "deleting",
  retained: "retained",
};

/** RDS v3 and DDS v3 (both clouds): `backups[]`. */
function huaweiRecord(api: ApiId, item: Loose, rds: boolean): BackupRecord {
  const rawType = text(item.type);
  const rawStatus = text(item.status);
  const type = lookup(HUAWEI_TYPES, rawType, "unknown");
  const status = lookup(HUAWEI_STATUS, rawStatus, "unknown");
  const datastore = typeof item.datastore === "object" && item.datastore !== null ? (item.datastore as Loose) : {};
  const engine = text(datastore.type);
  // RDS hands out full backups of every engine and incremental ones of MySQL and PostgreSQL; DDS full and
  // incremental ones. RDS `fragment` (differential) is not documented as downloadable [inference].
  const kindServed = type === "full" || (type === "incremental" && !(rds && engine?.toLowerCase() === "sqlserver"));
  return {
    api,
    id: text(item.id) ?? "",
    instanceId: text(item.instance_id) ?? "",
    name: text(item.name),
    type: rds ? type : type === "differential" ? "unknown" : type,
    status,
    startedAt: date(item.startedAt),
    finishedAt: date(item.finishedAt),
    sizeBytes: num(item.sizeBytes),
    engine,
    // No vendor guarantees an id on a listed item; one without an id cannot be asked for links.
    downloadable: status === "completed" && kindServed && text(item.id) !== undefined,
    raw: { type: rawType, status: rawStatus, startedAt: text(item.begin_time), finishedAt: text(item.end_time) },
  };
}

/** DCS v2 (both clouds): `backup_record_response[]`. Every backup is a full RDB/AOF dump; `backup_type` says who started it. */
function dcsRecord(api: ApiId, item: Loose): BackupRecord {
  const rawStatus = text(item.status);
  const status = lookup(DCS_STATUS, rawStatus, "unknown");
  return {
    api,
    id: text(item.backup_id) ?? "",
    instanceId: text(item.instance_id) ?? "",
    name: text(item.backup_name),
    type: "full",
    status,
    startedAt: date(item.startedAt),
    finishedAt: date(item.finishedAt),
    sizeBytes: num(item.sizeBytes),
    engine: undefined,
    downloadable: status === "completed" && text(item.backup_id) !== undefined,
    raw: { type: text(item.backup_type), status: rawStatus, startedAt: text(item.created_at), finishedAt: text(item.updated_at) },
  };
}

/** JD Cloud RDS: `result.backup[]`. */
function jdCloudRecord(api: ApiId, item: Loose): BackupRecord {
  const rawType = text(item.backupType);
  const rawStatus = text(item.backupStatus);
  const status = lookup(JD_STATUS, rawStatus, "unknown");
  const engine = text(item.engine);
  // `ifSupportDownload` is documented for PostgreSQL only; elsewhere a 0 may just be an unset field.
  const refused = engine?.toLowerCase() === "postgresql" && item.ifSupportDownload === 0;
  const files = Array.isArray(item.backupFiles) ? item.backupFiles.filter((file): file is string => typeof file === "string" && file !== "") : undefined;
  return {
    api,
    id: text(item.backupId) ?? "",
    instanceId: text(item.instanceId) ?? "",
    name: text(item.backupName),
    // MySQL backups carry no backupType: they are full [inference].
    type: rawType === undefined ? "full" : lookup(JD_TYPES, rawType, "unknown"),
    status,
    startedAt: date(item.startedAt),
    finishedAt: date(item.finishedAt),
    sizeBytes: num(item.sizeBytes),
    engine,
    downloadable: status === "completed" && !refused && text(item.backupId) !== undefined,
    ...(files === undefined || files.length === 0 ? {} : { files }),
    raw: { type: rawType, status: rawStatus, startedAt: text(item.backupStartTime), finishedAt: text(item.backupEndTime) },
  };
}

/** A listed item (as the client returns it, with `startedAt`, `finishedAt`, `sizeBytes`) as a BackupRecord. */
export function toBackupRecord(api: ApiId, item: Loose): BackupRecord {
  if (api === "jdcloud-rds") return jdCloudRecord(api, item);
  if (api.endsWith("-dcs")) return dcsRecord(api, item);
  return huaweiRecord(api, item, api.endsWith("-rds"));
}

/** The key of a list page's items, per API. */
export function pageItems(api: ApiId, page: unknown): Loose[] {
  const body = (typeof page === "object" && page !== null ? page : {}) as Loose;
  const items = api === "jdcloud-rds" ? body.backup : api.endsWith("-dcs") ? body.backup_record_response : body.backups;
  return Array.isArray(items) ? items.filter((item): item is Loose => typeof item === "object" && item !== null) : [];
}

const time = (value: Date | undefined): number => value?.getTime() ?? Number.NEGATIVE_INFINITY;

/**
 * Newest first: by `finishedAt ?? startedAt`, then `startedAt`, then id (descending), so equal times still give one
 * order. Backups without any time come last.
 */
export function newestFirst(a: BackupRecord, b: BackupRecord): number {
  const byEnd = time(b.finishedAt ?? b.startedAt) - time(a.finishedAt ?? a.startedAt);
  if (byEnd) return byEnd; // NaN (both unknown) and 0 fall through
  const byStart = time(b.startedAt) - time(a.startedAt);
  if (byStart) return byStart;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
