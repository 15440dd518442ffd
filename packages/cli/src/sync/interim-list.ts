/**
 * INTERIM: the list operations, until the clients' `listBackups` / `findLatestBackup` (issue "Find the backups")
 * are merged; then cloud.ts calls those and this file goes. Signed with core's signer, one request per page, each
 * vendor's paging (item offset; DCS 204; JD's repeated last page), mapped to BackupRecord by the research notes'
 * table (list-backups §6.2).
 */
import { ApiError, createRequestSigner, kilobytesToBytes, parseLinkExpiredTime, resolveEndpoint } from "@backup-links/core";
import { APIS } from "../links/apis.js";
import { nodeFetch } from "../links/node-fetch.js";
import type { BackupRecord, CloudAccess } from "./cloud.js";

type Loose = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === "string" ? value : "");

const FULL = new Set(["auto", "manual"]);
const STATUS: Record<string, BackupRecord["status"]> = {
  completed: "completed",
  building: "running",
  failed: "failed",
  deleting: "deleting",
  disabled: "deleting",
  succeed: "completed",
  waiting: "running",
  backuping: "running",
  expired: "gone",
  deleted: "gone",
  error: "failed",
  delete_error: "failed",
  retained: "retained",
};

function toRecord(access: CloudAccess, item: Loose): BackupRecord {
  const { api } = access;
  const family = api === "jdcloud-rds" ? "jd" : api.slice(api.indexOf("-") + 1);
  if (family === "jd") {
    const status = STATUS[text(item.backupStatus).toLowerCase()] ?? "unknown";
    return {
      api,
      id: text(item.backupId),
      instanceId: text(item.instanceId),
      name: text(item.backupName),
      type: item.backupType === "diff" ? "incremental" : "full",
      status,
      // JD documents no zone: read as Beijing time (UTC+8).
      startedAt: parseLinkExpiredTime(`${text(item.backupStartTime)}+08:00`),
      finishedAt: parseLinkExpiredTime(`${text(item.backupEndTime)}+08:00`),
      sizeBytes: typeof item.backupSizeByte === "number" ? item.backupSizeByte : undefined,
      engine: text(item.engine) || undefined,
      downloadable: status === "completed" && item.ifSupportDownload !== 0,
      raw: { type: item.backupMode, status: item.backupStatus },
    };
  }
  if (family === "dcs") {
    const status = STATUS[text(item.status).toLowerCase()] ?? "unknown";
    return {
      api,
      id: text(item.backup_id),
      instanceId: text(item.instance_id),
      name: text(item.backup_name),
      type: "full",
      status,
      startedAt: parseLinkExpiredTime(item.created_at),
      finishedAt: parseLinkExpiredTime(item.updated_at),
      sizeBytes: typeof item.size === "number" ? item.size : undefined,
      downloadable: status === "completed",
      raw: { type: item.backup_type, status: item.status },
    };
  }
  const kind = text(item.type).toLowerCase();
  const status = STATUS[text(item.status).toLowerCase()] ?? "unknown";
  // DDS times are UTC without a zone; RDS times carry `+0800`.
  const time = (value: unknown): Date | undefined => parseLinkExpiredTime(family === "dds" ? `${text(value)}Z` : value);
  return {
    api,
    id: text(item.id),
    instanceId: text(item.instance_id),
    name: text(item.name),
    type: FULL.has(kind) ? "full" : kind === "incremental" ? "incremental" : kind === "fragment" ? "differential" : "unknown",
    status,
    startedAt: time(item.begin_time),
    finishedAt: time(item.end_time),
    sizeBytes: kilobytesToBytes(item.size),
    engine: text((item.datastore as Loose | undefined)?.type) || undefined,
    downloadable: status === "completed" && kind !== "fragment",
    raw: { type: item.type, status: item.status },
  };
}

async function getJson(access: CloudAccess, path: string): Promise<{ status: number; body: Loose | undefined }> {
  const { provider, service } = APIS[access.api];
  const { baseUrl } = resolveEndpoint({ provider, service, region: access.region, baseUrl: access.endpoint });
  const sign = createRequestSigner({
    provider,
    credentials: access.credentials,
    ...(provider === "jdcloud" ? { region: access.region! } : {}),
    ...(access.projectId === undefined || provider === "jdcloud" ? {} : { projectId: access.projectId }),
  });
  const request = await sign(new Request(`${baseUrl}${path}`, { signal: access.signal ?? null }));
  const response = await (access.fetch ?? nodeFetch)(request);
  const body = response.status === 204 ? undefined : ((await response.json().catch(() => undefined)) as Loose | undefined);
  if (!response.ok) {
    const message = text(body?.error_msg) || text((body?.error as Loose | undefined)?.message) || response.statusText;
    throw new ApiError({
      status: response.status,
      errorCode: text(body?.error_code) || undefined,
      errorMessage: message,
      method: "GET",
      url: request.url,
    });
  }
  return { status: response.status, body };
}

export async function interimListBackups(access: CloudAccess, instanceId: string): Promise<BackupRecord[]> {
  const id = encodeURIComponent(instanceId);
  const records: BackupRecord[] = [];
  const project = encodeURIComponent(access.projectId ?? "");
  for (let page = 0; page < 1000; page++) {
    let items: Loose[];
    let total: number;
    if (access.api === "jdcloud-rds") {
      const { body } = await getJson(access, `/v1/regions/${access.region}/backups?instanceId=${id}&pageNumber=${page + 1}&pageSize=100`);
      const result = (body?.result ?? {}) as Loose;
      items = (result.backup as Loose[] | undefined) ?? [];
      total = Number(result.totalCount ?? 0);
      records.push(...items.map((item) => toRecord(access, item)));
      if ((page + 1) * 100 >= total) return records;
      continue;
    }
    if (access.api.endsWith("-dcs")) {
      const { body } = await getJson(access, `/v2/${project}/instances/${id}/backups?offset=${records.length}&limit=100`);
      items = (body?.backup_record_response as Loose[] | undefined) ?? [];
      total = Number(body?.total_num ?? 0);
    } else {
      const { body } = await getJson(access, `/v3/${project}/backups?instance_id=${id}&offset=${records.length}&limit=100`);
      items = (body?.backups as Loose[] | undefined) ?? [];
      total = Number(body?.total_count ?? 0);
    }
    records.push(...items.map((item) => toRecord(access, item)));
    if (items.length === 0 || records.length >= total) return records;
  }
  throw new Error(`${access.api}: the backup list did not end after 1000 pages`);
}

export async function interimFindLatestBackup(
  access: CloudAccess,
  instanceId: string,
  type: "full" | "incremental" | "differential",
): Promise<BackupRecord> {
  const records = await interimListBackups(access, instanceId);
  const time = (record: BackupRecord): number => (record.finishedAt ?? record.startedAt)?.getTime() ?? 0;
  const latest = records
    .filter((record) => record.status === "completed" && record.downloadable && record.type === type)
    .sort((a, b) => time(b) - time(a) || (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0) || (a.id < b.id ? 1 : -1))[0];
  if (latest !== undefined) return latest;
  const states = new Map<string, number>();
  for (const record of records) states.set(record.status, (states.get(record.status) ?? 0) + 1);
  const breakdown = [...states].map(([state, count]) => `${count} ${state}`).join(", ");
  throw new Error(`no downloadable ${type} backup of instance ${instanceId}${records.length === 0 ? `: ${access.api} lists no backups for it` : ` among ${records.length} backups (${breakdown})`}`);
}
