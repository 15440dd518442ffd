/**
 * The seven APIs of the mock cloud: each one's list operation (with the vendor's paging) and its download-link
 * operation, answering from the cloud state in the vendor's own formats (formats.ts) and error bodies.
 */
import type { ApiId } from "@backup-links/core";
import { rdsTime, renderListItem } from "./formats.js";
import type { LinkFlavour } from "./object-store.js";
import type { CloudState, MockBackup, MockInstance } from "./state.js";

/** One authenticated API request, path relative to the API's prefix. */
export interface ApiRequest {
  api: ApiId;
  method: string;
  segments: string[];
  query: URLSearchParams;
  body: string;
}

export interface ApiReply {
  status: number;
  body?: unknown;
}

export interface ApiContext {
  state: CloudState;
  now: () => number;
  presign: (flavour: LinkFlavour, key: string, seconds: number) => string;
}

/** Huawei Cloud / OTC RDS and DDS links: valid 15 minutes (the OTC DDS document's rule, used for RDS too). */
const HUAWEI_LINK_SECONDS = 15 * 60;
/** JD Cloud's default link lifetime is not documented; 5 minutes here. */
const JD_DEFAULT_LINK_SECONDS = 300;

const huaweiError = (status: number, code: string, message: string): ApiReply => ({ status, body: { error_code: code, error_msg: message } });
const dcsError = (status: number, code: string, message: string): ApiReply => ({
  status,
  body: { error_code: code, error_msg: message, error_ext_msg: null },
});
const jdError = (status: number, word: string, message: string): ApiReply => ({
  status,
  body: { requestId: requestId(), error: { code: status, status: word, message } },
});

function requestId(): string {
  return Math.random().toString(36).slice(2).padEnd(32, "0").slice(0, 32);
}

/** A query integer within [min, max], the default when absent, or undefined when invalid. */
function integerParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number | undefined): number | undefined | "invalid" {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^-?\d{1,10}$/.test(text)) return "invalid";
  const value = Number(text);
  return value < min || value > max ? "invalid" : value;
}

const byStartAsc = (a: MockBackup, b: MockBackup): number => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id);
const byStartDesc = (a: MockBackup, b: MockBackup): number => -byStartAsc(a, b);

/** Routes a request to its operation; `undefined` when no operation of this API has this path. */
export function handleApi(request: ApiRequest, context: ApiContext): ApiReply | undefined {
  const { api, method, segments } = request;
  const family = api === "jdcloud-rds" ? "jd" : api.endsWith("-rds") ? "rds" : api.endsWith("-dds") ? "dds" : "dcs";
  const [version, scope, ...rest] = segments;
  if (family === "rds" || family === "dds") {
    if (version !== "v3" || scope !== context.state.projectId) return projectMismatch(version === "v3" && segments.length >= 3, scope);
    if (method === "GET" && rest.join("/") === "backups") return huaweiList(request, context, family);
    if (method === "GET" && family === "rds" && rest.join("/") === "backup-files") return rdsLinks(request, context);
    if (method === "GET" && family === "dds" && rest.join("/") === "backups/download-file") return ddsLinks(request, context);
    return undefined;
  }
  if (family === "dcs") {
    if (version !== "v2" || scope !== context.state.projectId) return projectMismatch(version === "v2" && segments.length >= 3, scope);
    const [instances, instanceId, backups, backupId, links] = rest;
    if (instances !== "instances" || backups !== "backups" || instanceId === undefined) return undefined;
    if (method === "GET" && rest.length === 3) return dcsList(request, context, instanceId);
    if (method === "POST" && rest.length === 5 && links === "links" && backupId !== undefined) return dcsLinks(request, context, instanceId, backupId);
    return undefined;
  }
  // JD Cloud: /v1/regions/{regionId}/backups[/{backupId}:describeBackupDownloadURL | /{backupId}/downloadURLs]
  const [regionId, backups, action, legacy] = rest;
  if (version !== "v1" || scope !== "regions" || regionId === undefined || backups !== "backups") return undefined;
  if (method === "GET" && rest.length === 2) return jdList(request, context);
  if (method === "GET" && rest.length === 3 && action?.endsWith(":describeBackupDownloadURL")) {
    return jdLink(request, context, action.slice(0, -":describeBackupDownloadURL".length));
  }
  if (method === "GET" && rest.length === 4 && legacy === "downloadURLs" && action !== undefined) return jdLink(request, context, action);
  return undefined;
}

/** Another project's path: the gateway refuses it (the credentials belong to this cloud's project). */
function projectMismatch(isProjectPath: boolean, scope: string | undefined): ApiReply | undefined {
  if (!isProjectPath) return undefined;
  return huaweiError(403, "APIGW.0302", `The IAM user is not authorized to access project ${JSON.stringify(scope)}.`);
}

function instancesOf(context: ApiContext, api: ApiId): MockInstance[] {
  return context.state.instances.filter((instance) => instance.api === api);
}

function findBackup(context: ApiContext, api: ApiId, backupId: string, instanceId?: string): { instance: MockInstance; backup: MockBackup } | undefined {
  for (const instance of instancesOf(context, api)) {
    if (instanceId !== undefined && instance.id !== instanceId) continue;
    const backup = instance.backups.find((candidate) => candidate.id === backupId);
    if (backup !== undefined) return { instance, backup };
  }
  return undefined;
}

/** RDS and DDS v3 `GET /v3/{project_id}/backups`: item offset + limit (1-100, default 100), `total_count`. */
function huaweiList(request: ApiRequest, context: ApiContext, family: "rds" | "dds"): ApiReply {
  const { query, api } = request;
  const instanceId = query.get("instance_id");
  if (family === "rds" && !instanceId) return huaweiError(400, "DBS.280001", "instance_id is required.");
  const offset = integerParam(query, "offset", 0, 2 ** 31 - 1, 0);
  const limit = integerParam(query, "limit", 1, 100, 100);
  if (offset === "invalid") return huaweiError(400, "DBS.280001", "offset must be an integer of at least 0.");
  if (limit === "invalid") return huaweiError(400, "DBS.280001", "limit must be an integer from 1 to 100.");
  const type = query.get("backup_type")?.toLowerCase();
  const backupId = query.get("backup_id");
  const rows: Array<{ backup: MockBackup; instance: MockInstance }> = [];
  for (const instance of instancesOf(context, api)) {
    if (instanceId && instance.id !== instanceId) continue;
    for (const backup of instance.backups) {
      // Deleted and expired backups are gone from RDS and DDS lists.
      if (backup.status === "expired") continue;
      if (backupId && backup.id !== backupId) continue;
      // DDS without backup_type lists full backups only (Huawei's documented default).
      if (type === undefined ? family === "dds" && backup.kind === "incremental" : backup.kind !== type) continue;
      rows.push({ backup, instance });
    }
  }
  // Huawei DDS sorts by begin_time, newest first (documented); OTC and RDS document no order: oldest first here.
  rows.sort((a, b) => (api === "huaweicloud-dds" ? byStartDesc : byStartAsc)(a.backup, b.backup));
  const page = rows.slice(offset!, offset! + limit!);
  return {
    status: 200,
    body: { backups: page.map(({ backup, instance }) => renderListItem(api, backup, instance.name)), total_count: rows.length },
  };
}

/** RDS/DDS `files[]` of a completed backup: `{name, size (KB), download_link, link_expired_time}`. */
function huaweiFiles(context: ApiContext, api: ApiId, backup: MockBackup): ApiReply {
  if (backup.status === "expired") return huaweiError(404, "DBS.280214", "The backup does not exist.");
  if (backup.status !== "completed") return huaweiError(400, "DBS.280215", "The backup is not in the COMPLETED state.");
  const expires = new Date(context.now() + HUAWEI_LINK_SECONDS * 1000);
  return {
    status: 200,
    body: {
      files: backup.files.map((file) => ({
        name: file.name,
        size: Math.round(file.size / 1024),
        download_link: context.presign("obs", file.key, HUAWEI_LINK_SECONDS),
        link_expired_time: rdsTime(expires),
      })),
      bucket: `backup-${api}`,
    },
  };
}

function rdsLinks(request: ApiRequest, context: ApiContext): ApiReply {
  const backupId = request.query.get("backup_id");
  if (!backupId) return huaweiError(400, "DBS.280001", "backup_id is required.");
  const found = findBackup(context, request.api, backupId);
  if (found === undefined) return huaweiError(404, "DBS.280214", "The backup does not exist.");
  return huaweiFiles(context, request.api, found.backup);
}

function ddsLinks(request: ApiRequest, context: ApiContext): ApiReply {
  const instanceId = request.query.get("instance_id");
  const backupId = request.query.get("backup_id");
  if (!instanceId || !backupId) return huaweiError(400, "DBS.280001", "instance_id and backup_id are required.");
  const found = findBackup(context, request.api, backupId, instanceId);
  if (found === undefined) return huaweiError(404, "DBS.280214", "The backup does not exist.");
  return huaweiFiles(context, request.api, found.backup);
}

/** DCS v2 list: offset + limit (1-1000, default 10), `total_num`, and 204 with no body when there are none. */
function dcsList(request: ApiRequest, context: ApiContext, instanceId: string): ApiReply {
  const instance = instancesOf(context, request.api).find((candidate) => candidate.id === instanceId);
  if (instance === undefined) return dcsError(404, "111400063", "The instance does not exist.");
  const offset = integerParam(request.query, "offset", 0, 2 ** 31 - 1, 0);
  const limit = integerParam(request.query, "limit", 1, 1000, 10);
  if (offset === "invalid") return dcsError(400, "111400002", "Invalid offset.");
  if (limit === "invalid") return dcsError(400, "111400002", "Invalid limit: it must be from 1 to 1000.");
  const rows = [...instance.backups].sort(byStartAsc);
  if (rows.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      total_num: rows.length,
      backup_record_response: rows.slice(offset!, offset! + limit!).map((backup) => renderListItem(request.api, backup, instance.name)),
    },
  };
}

function dcsLinks(request: ApiRequest, context: ApiContext, instanceId: string, backupId: string): ApiReply {
  let expiration: unknown;
  try {
    expiration = (JSON.parse(request.body) as { expiration?: unknown }).expiration;
  } catch {
    return dcsError(400, "111400002", "The request body is not JSON.");
  }
  if (typeof expiration !== "number" || !Number.isInteger(expiration) || expiration < 300 || expiration > 86_400) {
    return dcsError(400, "111400002", "expiration must be an integer from 300 to 86400.");
  }
  const found = findBackup(context, request.api, backupId, instanceId);
  if (found === undefined || found.backup.status === "expired") return dcsError(404, "111400064", "The backup record does not exist.");
  if (found.backup.status !== "completed") return dcsError(400, "111400065", "The backup has not succeeded.");
  const { backup } = found;
  return {
    status: 200,
    body: {
      file_path: `${instanceId}/${backup.id}/`,
      bucket_name: `backup-${request.api}`,
      links: backup.files.map((file) => ({ file_name: file.name, link: context.presign("obs", file.key, expiration as number) })),
    },
  };
}

/**
 * JD describeBackups: pageNumber (1-based; -1 = everything) + pageSize (1-100), newest first; a page past the end
 * answers with the last page again, as JD documents.
 */
function jdList(request: ApiRequest, context: ApiContext): ApiReply {
  const { query } = request;
  const instanceId = query.get("instanceId");
  if (!instanceId) return jdError(400, "INVALID_ARGUMENT", "instanceId is required");
  const pageNumber = integerParam(query, "pageNumber", -1, 2 ** 31 - 1, undefined);
  const pageSize = integerParam(query, "pageSize", 1, 100, undefined);
  if (pageNumber === undefined || pageNumber === "invalid" || pageNumber === 0) {
    return jdError(400, "INVALID_ARGUMENT", "pageNumber is required: -1 or from 1");
  }
  if (pageSize === undefined || pageSize === "invalid") return jdError(400, "INVALID_ARGUMENT", "pageSize is required: from 1 to 100");
  const instance = instancesOf(context, request.api).find((candidate) => candidate.id === instanceId);
  if (instance === undefined) return jdError(404, "NOT_FOUND", "instance not found");
  const rows = instance.backups.filter((backup) => backup.status !== "expired").sort(byStartDesc);
  let page = rows;
  if (pageNumber !== -1) {
    const lastPage = Math.max(1, Math.ceil(rows.length / pageSize));
    const number = Math.min(pageNumber, lastPage);
    page = rows.slice((number - 1) * pageSize, number * pageSize);
  }
  return {
    status: 200,
    body: {
      requestId: requestId(),
      result: { backup: page.map((backup) => renderListItem(request.api, backup, instance.name)), totalCount: rows.length },
    },
  };
}

/** describeBackupDownloadURL: MySQL gives the whole backup set (no fileName); the URL is "" while not downloadable. */
function jdLink(request: ApiRequest, context: ApiContext, backupId: string): ApiReply {
  if (request.query.has("fileName")) return jdError(400, "INVALID_ARGUMENT", "fileName is not supported for MySQL backups");
  const seconds = integerParam(request.query, "urlExpirationSecond", 1, 86_400, JD_DEFAULT_LINK_SECONDS);
  if (seconds === "invalid") return jdError(400, "INVALID_ARGUMENT", "urlExpirationSecond must be from 1 to 86400");
  const found = findBackup(context, request.api, backupId);
  if (found === undefined || found.backup.status === "expired") return jdError(404, "NOT_FOUND", "backup not found");
  const file = found.backup.files[0];
  const url = found.backup.status === "completed" && file !== undefined ? context.presign("oss", file.key, seconds!) : "";
  return { status: 200, body: { requestId: requestId(), result: { publicURL: url, internalURL: url } } };
}
