/**
 * The list operations of the Huawei family (RDS, DDS, DCS; each the same on OTC and Huawei Cloud): one page with
 * `listBackups`, every page with `listAllBackups`. All three page by item offset; each item gains the parsed times
 * and the size in bytes. Like the download operations, each is written once against the minimal shape it calls.
 */
import type { Client } from "openapi-fetch";
import type { Provider } from "../api-profile.js";
import { isRecord } from "../records.js";
import { byteCount, kilobytesToBytes, parseVendorTime, DCS_QUERY_TIME, DDS_QUERY_TIME, RDS_QUERY_TIME } from "../time.js";
import type { JsonBody } from "./bodies.js";
import { requirePathId, requireQueryId } from "./ids.js";
import { INT32_MAX, optionalInteger, optionalOneOfAnyCase, requireTimeWindow } from "./list-input.js";
import type { FriendlyMethods } from "./open-client.js";
import type { CallOptions } from "./options.js";
import { walkPages } from "./paging.js";
import { requireInput, send, type FetchResult, type SendInit } from "./send.js";

/** What the client adds to every listed backup. */
export interface BackupItemExtras {
  /** The backup's start time, parsed with the API's own zone rule; `undefined` when missing or unparseable. */
  startedAt: Date | undefined;
  /** The backup's end time (DCS: when the backup completed), parsed likewise. */
  finishedAt: Date | undefined;
  /** The size in bytes (RDS and DDS document kilobytes: `size * 1024`); `undefined` when missing. */
  sizeBytes: number | undefined;
}

/** A list page: the body with every item of `K` extended, and the gateway's request id. */
export type WithBackupExtras<B, K extends string> = B extends Partial<Record<K, Array<infer I>>>
  ? Omit<B, K> & Record<K, Array<I & BackupItemExtras>> & { requestId: string | undefined }
  : never;

/** The methods every client's list operation adds. */
export interface BackupListMethods<Input, AllInput, Page> {
  /** One page of the instance's backups. Throws ValidationError (bad input, no request sent) or ApiError. */
  listBackups(input: Input, options?: CallOptions): Promise<Page>;
  /**
   * Every page, first to last, as an async iterator (`for await (const page of client.listAllBackups(...))`).
   * Bad input throws at the call; a server whose pages never end throws PagingError.
   */
  listAllBackups(input: AllInput, options?: CallOptions): AsyncGenerator<Page, void>;
}

type Loose = Record<string, unknown>;
/** The item fields the client reads; a spec's item may have any others. */
type ItemLike = { [field: string]: unknown };

export const HUAWEI_LIST_PATH = "/v3/{project_id}/backups";
export const DCS_LIST_PATH = "/v2/{project_id}/instances/{instance_id}/backups";

/** RDS v3 ListBackups as the client calls it. */
export interface RdsListPaths {
  [HUAWEI_LIST_PATH]: {
    get: {
      parameters: {
        query?: { instance_id?: string; backup_type?: string; offset?: number; limit?: number; begin_time?: string; end_time?: string };
        path: { project_id: string };
      };
      responses: { 200: JsonBody<{ backups?: ItemLike[]; total_count?: unknown }> };
    };
  };
}
/** DDS v3 ListBackups as the client calls it: the same path, query and body shape as RDS, on another host. */
export type DdsListPaths = RdsListPaths;
/** DCS v2 ListBackupRecords as the client calls it. */
export interface DcsListPaths {
  [DCS_LIST_PATH]: {
    get: {
      parameters: {
        query?: { offset?: number; limit?: number; begin_time?: string; end_time?: string };
        path: { project_id: string; instance_id: string };
      };
      responses: { 200: JsonBody<{ backup_record_response?: ItemLike[]; total_num?: unknown }> };
    };
  };
}

interface TimeWindowInput {
  /** Only backups after this time: a `Date`, or a string in the API's query format. */
  since?: Date | string;
  /** Only backups before this time (later than `since`). */
  until?: Date | string;
}
export interface RdsListInput extends TimeWindowInput {
  /** The DB instance (required: RDS lists one instance at a time). */
  instanceId: string;
  /** `auto` (automated full), `manual` (manual full), `fragment` (differential full), `incremental`. */
  backupType?: "auto" | "manual" | "fragment" | "incremental";
  /** Page size, 1 to 100 (default 100). */
  limit?: number;
  /** Item offset: the page starts at backup `offset + 1` (default 0). */
  offset?: number;
}
/** `listAllBackups` takes the same input; it reads every page from `offset`. */
export type RdsListAllInput = RdsListInput;
export interface DdsListInput extends TimeWindowInput {
  /** The DB instance (required here: without it DDS lists the whole project). */
  instanceId: string;
  /** `Auto`, `Manual`; Huawei Cloud also `Incremental` (any casing; sent as written here). Default: full backups. */
  backupType?: "Auto" | "Manual" | "Incremental" | "auto" | "manual" | "incremental";
  /** Page size, 1 to 100 (default 100). */
  limit?: number;
  /** Item offset (default 0). */
  offset?: number;
}
export type DdsListAllInput = DdsListInput;
export interface DcsListInput extends TimeWindowInput {
  /** The DCS instance. */
  instanceId: string;
  /** Page size, 1 to 1000 (the range one Huawei document states); default: the server's (10). */
  limit?: number;
  /** Item offset (default 0). */
  offset?: number;
}
export type DcsListAllInput = DcsListInput;

/** The list methods as the client kit calls them: per-call options already checked. */
type ListImpl = Pick<FriendlyMethods, "listBackups" | "listAllBackups">;

/**
 * The two list methods of an offset-paged API: `query` reads the caller's filters (checked), `extras` parses an
 * item, `get` sends one page's request. `allLimit`: the page size `listAllBackups` asks for when the caller gives
 * none (`undefined`: the server's default). Positional parameters keep each client's bundle small.
 */
function offsetListMethods(
  api: string,
  itemsKey: string,
  totalKey: string,
  maxLimit: number,
  allLimit: number | undefined,
  query: (fields: Loose) => Loose,
  extras: (item: Loose) => BackupItemExtras,
  get: (query: Loose, init: SendInit) => Promise<FetchResult<unknown>>,
): ListImpl {
  /** The query of a call: the filters, page size and offset of `input`, checked in that order. */
  const read = (input: unknown): Loose => {
    const fields = requireInput(input, "{ instanceId }");
    return { ...query(fields), limit: optionalInteger("limit", fields.limit, 1, maxLimit), offset: optionalInteger("offset", fields.offset, 0, INT32_MAX) };
  };
  const page = async (params: Loose, options: CallOptions): Promise<Loose> => {
    const { data, requestId } = await send((init) => get(params, init), options);
    const raw = (data as Loose)[itemsKey];
    return { ...(data as Loose), [itemsKey]: (Array.isArray(raw) ? raw : []).filter(isRecord).map((item) => ({ ...item, ...extras(item) })), requestId };
  };
  return {
    listBackups: (input, options) => page(read(input), options),
    listAllBackups(input, options) {
      const { limit = allLimit, offset: first = 0, ...filters } = read(input);
      return walkPages(
        api,
        first as number,
        (offset) => page({ ...filters, limit, offset }, options),
        (body) => body[itemsKey] as unknown[],
        // Past the items received, unless the page was empty or the items so far reach the stated total.
        (body, offset) => {
          const next = offset + (body[itemsKey] as unknown[]).length;
          return next === offset || next >= (body[totalKey] as number) ? undefined : next;
        },
      );
    },
  };
}

const RDS_TYPES = ["auto", "manual", "fragment", "incremental"] as const;
const DDS_TYPES = ["Auto", "Manual", "Incremental"] as const;

/** RDS v3 `GET /v3/{project_id}/backups?instance_id=` (times `2018-08-06T12:41:14+0800`, sizes in KB). */
export function rdsListMethods(api: string, raw: Client<RdsListPaths>, project_id: string): ListImpl {
  return offsetListMethods(
    api,
    "backups",
    "total_count",
    100,
    100,
    (fields) => ({
      instance_id: requireQueryId("instanceId", fields.instanceId),
      backup_type: optionalOneOfAnyCase("backupType", fields.backupType, RDS_TYPES),
      ...requireTimeWindow(fields, RDS_QUERY_TIME, true),
    }),
    (item) => ({ startedAt: parseVendorTime(item.begin_time), finishedAt: parseVendorTime(item.end_time), sizeBytes: kilobytesToBytes(item.size) }),
    (query, init) => raw.GET(HUAWEI_LIST_PATH, { params: { path: { project_id }, query }, ...init }),
  );
}

/** DDS v3 `GET /v3/{project_id}/backups?instance_id=` (times `2018-08-06 12:41:14` UTC, sizes in KB). */
export function ddsListMethods(api: string, provider: Provider, raw: Client<DdsListPaths>, project_id: string): ListImpl {
  return offsetListMethods(
    api,
    "backups",
    "total_count",
    100,
    100,
    (fields) => ({
      instance_id: requireQueryId("instanceId", fields.instanceId),
      // `Incremental` is Huawei Cloud's only.
      backup_type: optionalOneOfAnyCase("backupType", fields.backupType, provider === "otc" ? DDS_TYPES.slice(0, 2) : DDS_TYPES),
      ...requireTimeWindow(fields, DDS_QUERY_TIME, true),
    }),
    (item) => ({ startedAt: parseVendorTime(item.begin_time, 0), finishedAt: parseVendorTime(item.end_time, 0), sizeBytes: kilobytesToBytes(item.size) }),
    (query, init) => raw.GET(HUAWEI_LIST_PATH, { params: { path: { project_id }, query }, ...init }),
  );
}

/**
 * DCS v2 `GET /v2/{project_id}/instances/{instance_id}/backups` (times ISO or `yyyy-mm-dd hh:mm:ss` UTC, sizes in
 * bytes). A 204 (the documented answer when there are no backups) reads as an empty page.
 */
export function dcsListMethods(api: string, raw: Client<DcsListPaths>, project_id: string): ListImpl {
  return offsetListMethods(
    api,
    "backup_record_response",
    "total_num",
    1000,
    undefined,
    // The instance id rides along in the query object and is moved into the path by `get`.
    (fields) => ({ instance_id: requirePathId("instanceId", fields.instanceId), ...requireTimeWindow(fields, DCS_QUERY_TIME, false) }),
    (item) => ({ startedAt: parseVendorTime(item.created_at, 0), finishedAt: parseVendorTime(item.updated_at, 0), sizeBytes: byteCount(item.size) }),
    async ({ instance_id, ...query }, init) => {
      const path = { project_id, instance_id: instance_id as string };
      const result = await raw.GET(DCS_LIST_PATH, { params: { path, query }, ...init });
      return result.response.status === 204 ? { data: {}, response: result.response } : result;
    },
  );
}
