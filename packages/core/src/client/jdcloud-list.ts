/**
 * JD Cloud RDS describeBackups, `GET /v1/regions/{regionId}/backups?instanceId=&pageNumber=&pageSize=`: pages are
 * numbered from 1, and a page number past the end returns the last page again, so `listAllBackups` stops when
 * `pageNumber * pageSize` reaches `totalCount` and never waits for an empty page.
 */
import type { Client } from "openapi-fetch";
import { ValidationError } from "../errors.js";
import { isRecord } from "../records.js";
import { byteCount, parseVendorTime, JDCLOUD_ASSUMED_OFFSET_MINUTES } from "../time.js";
import type { JsonBody } from "./bodies.js";
import type { BackupItemExtras, BackupListMethods } from "./huawei-lists.js";
import { requireQueryId } from "./ids.js";
import { INT32_MAX, optionalInteger } from "./list-input.js";
import type { CallOptions } from "./options.js";
import { walkPages } from "./paging.js";
import { requireInput, send } from "./send.js";

export const JDCLOUD_LIST_PATH = "/v1/regions/{regionId}/backups";

/** describeBackups as the client calls it. */
export interface JdCloudListPaths {
  [JDCLOUD_LIST_PATH]: {
    get: {
      parameters: { path: { regionId: string }; query: { instanceId?: string; pageNumber?: number; pageSize?: number } };
      responses: { 200: JsonBody<{ result?: { backup?: Array<{ [field: string]: unknown }>; totalCount?: unknown } }> };
    };
  };
}

export interface JdCloudListInput {
  /** The RDS instance, e.g. `mysql-wp4e9ztap2`. */
  instanceId: string;
  /**
   * Page size: 10 to 100 in steps of 10 (default 100). JD's documents disagree (SDKs: 10-100; English API page:
   * 1-100, multiples of 10; Chinese page: 10, 20, 30, 50, 100); multiples of 10 satisfy the first two.
   */
  pageSize?: number;
  /** The page, from 1 (default 1); `listAllBackups` starts there. Past the last page JD answers with the last page again. */
  pageNumber?: number;
}
export type JdCloudListAllInput = JdCloudListInput;

/** One page: JD's `result.backup` (every item extended), `result.totalCount`, and the request id. */
export interface JdCloudBackupPage<Item> {
  /** JD's request id (body `requestId`, else the `x-jdcloud-request-id` header). */
  requestId: string | undefined;
  backup: Array<Item & BackupItemExtras>;
  /** Backups in the whole list, as JD states it; `undefined` if absent. */
  totalCount: number | undefined;
}

export const JDCLOUD_DEFAULT_PAGE_SIZE = 100;

function requirePageSize(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 10 || value > 100 || value % 10 !== 0) {
    throw new ValidationError("pageSize", "must be 10, 20, ... or 100 (a multiple of 10 from 10 to 100)");
  }
  return value;
}

/** The list methods of the JD Cloud client; `regionId` is the client's (checked against JD's regions). */
export function jdCloudListMethods(api: string, raw: Client<JdCloudListPaths>, regionId: string): BackupListMethods<unknown, unknown, JdCloudBackupPage<unknown>> {
  const page = async (query: { instanceId: string; pageNumber: number; pageSize: number }, options: CallOptions) => {
    const { data, requestId } = await send((init) => raw.GET(JDCLOUD_LIST_PATH, { params: { path: { regionId }, query }, ...init }), options);
    const result = isRecord(data.result) ? data.result : {};
    const backup = (Array.isArray(result.backup) ? result.backup : []).filter(isRecord).map((item) => ({
      ...item,
      startedAt: parseVendorTime(item.backupStartTime, JDCLOUD_ASSUMED_OFFSET_MINUTES),
      finishedAt: parseVendorTime(item.backupEndTime, JDCLOUD_ASSUMED_OFFSET_MINUTES),
      sizeBytes: byteCount(item.backupSizeByte),
    }));
    return { requestId, backup, totalCount: typeof result.totalCount === "number" ? result.totalCount : undefined };
  };
  const base = (input: unknown) => {
    const fields = requireInput(input, "{ instanceId }");
    return {
      instanceId: requireQueryId("instanceId", fields.instanceId),
      // JD's "-1 returns everything" is not offered: its limits are not documented.
      pageNumber: optionalInteger("pageNumber", fields.pageNumber, 1, INT32_MAX) ?? 1,
      pageSize: requirePageSize(fields.pageSize) ?? JDCLOUD_DEFAULT_PAGE_SIZE,
    };
  };
  return {
    listBackups(input, options = {}) {
      return page(base(input), options);
    },
    listAllBackups(input, options = {}) {
      const { instanceId, pageSize, pageNumber: first } = base(input);
      return walkPages(
        api,
        first,
        (pageNumber) => page({ instanceId, pageNumber, pageSize }, options),
        (body) => body.backup,
        // Without a total, a short page is the last; a full one repeated is caught by walkPages.
        (body, pageNumber) =>
          body.backup.length === 0 || (body.totalCount === undefined ? body.backup.length < pageSize : pageNumber * pageSize >= body.totalCount)
            ? undefined
            : pageNumber + 1,
      );
    },
  };
}
