/**
 * The "list backups" operation of every API, as the specs define it, and what a Prism mock of it answers:
 * - `LIST_OPERATIONS`: path template, method and operationId per API;
 * - `listRequestUrl(id, base, query)`: a request URL with the documents' example ids and the API's required query;
 * - `BAD_LIST_QUERIES`: queries the spec rejects, each with the rule that rejects it (Prism answers them with the
 *   operation's first documented 400 example);
 * - `documentedExample(spec, id, status, name?)`: a named example body of a documented response (the first one
 *   by default, which is what Prism serves).
 * Shared by the spec tests and the contract tests of the clients.
 */
import type { ApiId } from "@backup-links/mock";
import { deref, type HttpMethod, type OpenApiDocument } from "./schema.ts";

export interface ListOperation {
  path: string;
  method: HttpMethod;
  operationId: string;
}

const RDS_DDS_LIST = { path: "/v3/{project_id}/backups", method: "get", operationId: "listBackups" } as const;
const DCS_LIST = { path: "/v2/{project_id}/instances/{instance_id}/backups", method: "get", operationId: "listBackupRecords" } as const;

export const LIST_OPERATIONS: Record<ApiId, ListOperation> = {
  "otc-rds": RDS_DDS_LIST,
  "huaweicloud-rds": RDS_DDS_LIST,
  "otc-dds": RDS_DDS_LIST,
  "huaweicloud-dds": RDS_DDS_LIST,
  "huaweicloud-dcs": DCS_LIST,
  "otc-dcs": DCS_LIST,
  "jdcloud-rds": { path: "/v1/regions/{regionId}/backups", method: "get", operationId: "describeBackups" },
};

/** Example ids from the vendors' documents, used to fill path templates and required query parameters. */
export const LIST_EXAMPLE_IDS = {
  projectId: "0483b6b16e954cb88930a360d2c4e663",
  rdsInstanceId: "a48e43ff268f4c0e879652d65e63d0fbin01",
  ddsInstanceId: "c0c9f155c7b7423a9d30f0175998b63bin01",
  dcsInstanceId: "5560df16-cebf-4473-95c4-d1b573c16e79",
  jdRegionId: "cn-north-1",
  jdInstanceId: "mysql-wp4e9ztap2",
} as const;

/** The query every valid list request of an API carries (the required parameters, and the instance for DDS). */
export function requiredListQuery(id: ApiId): Record<string, string> {
  const ids = LIST_EXAMPLE_IDS;
  if (id.endsWith("-rds") && id !== "jdcloud-rds") return { instance_id: ids.rdsInstanceId };
  if (id.endsWith("-dds")) return { instance_id: ids.ddsInstanceId };
  if (id === "jdcloud-rds") return { instanceId: ids.jdInstanceId, pageNumber: "1", pageSize: "100" };
  return {};
}

/**
 * A list request URL on `base` (a mock's URL). `query` is merged over the required query; a `null` value removes a
 * parameter (to build a request missing a required one). Values are percent-encoded as RFC 3986 (space `%20`,
 * `+` `%2B`), the encoding the vendors' gateways sign.
 */
export function listRequestUrl(id: ApiId, base: string, query: Record<string, string | null> = {}): string {
  const ids = LIST_EXAMPLE_IDS;
  const path = LIST_OPERATIONS[id].path
    .replace("{project_id}", ids.projectId)
    .replace("{instance_id}", ids.dcsInstanceId)
    .replace("{regionId}", ids.jdRegionId);
  const merged: Record<string, string | null> = { ...requiredListQuery(id), ...query };
  const search = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  return `${base}${path}${search ? `?${search}` : ""}`;
}

/** The credential header Prism checks for presence (any value passes the mock). */
export function mockAuthHeaders(id: ApiId): Record<string, string> {
  return id === "jdcloud-rds" ? { Authorization: "placeholder-credentials" } : { "X-Auth-Token": "placeholder-credentials" };
}

export interface BadListQuery {
  /** What is wrong, for test names. */
  what: string;
  query: Record<string, string | null>;
  /** The parameter Prism names in its `sl-violations` (lower-cased, as Prism reports query names). */
  parameter: string;
}

const RDS_BAD: BadListQuery[] = [
  { what: "no instance_id", query: { instance_id: null }, parameter: "instance_id" },
  { what: "limit=0", query: { limit: "0" }, parameter: "limit" },
  { what: "limit=101", query: { limit: "101" }, parameter: "limit" },
  { what: "offset=-1", query: { offset: "-1" }, parameter: "offset" },
  { what: "an unknown backup_type", query: { backup_type: "full" }, parameter: "backup_type" },
  { what: "begin_time with an RFC 3339 colon offset", query: { begin_time: "2018-08-06T10:41:14+08:00", end_time: "2018-08-16T10:41:14+0800" }, parameter: "begin_time" },
];
const DDS_BAD: BadListQuery[] = [
  { what: "limit=0", query: { limit: "0" }, parameter: "limit" },
  { what: "limit=101", query: { limit: "101" }, parameter: "limit" },
  { what: "offset=-1", query: { offset: "-1" }, parameter: "offset" },
  { what: "a lower-case backup_type", query: { backup_type: "auto" }, parameter: "backup_type" },
  { what: "begin_time in RDS's format", query: { begin_time: "2018-08-06T10:41:14+0800", end_time: "2018-08-16 10:41:14" }, parameter: "begin_time" },
  { what: "an unknown mode", query: { mode: "Cluster" }, parameter: "mode" },
];
const DCS_BAD: BadListQuery[] = [
  { what: "limit=0", query: { limit: "0" }, parameter: "limit" },
  { what: "offset=-1", query: { offset: "-1" }, parameter: "offset" },
  { what: "begin_time not yyyyMMddHHmmss", query: { begin_time: "2019-05-10 08:31:16" }, parameter: "begin_time" },
];

export const BAD_LIST_QUERIES: Record<ApiId, BadListQuery[]> = {
  "otc-rds": RDS_BAD,
  "huaweicloud-rds": [...RDS_BAD, { what: "an unknown status", query: { status: "DELETING" }, parameter: "status" }],
  "otc-dds": DDS_BAD,
  "huaweicloud-dds": [...DDS_BAD, { what: "an unknown order_rule", query: { order_field: "beginTime", order_rule: "newest" }, parameter: "order_rule" }],
  "huaweicloud-dcs": [...DCS_BAD, { what: "limit=1001", query: { limit: "1001" }, parameter: "limit" }],
  "otc-dcs": DCS_BAD,
  "jdcloud-rds": [
    { what: "no instanceId", query: { instanceId: null }, parameter: "instanceid" },
    { what: "no pageNumber", query: { pageNumber: null }, parameter: "pagenumber" },
    { what: "no pageSize", query: { pageSize: null }, parameter: "pagesize" },
    { what: "pageSize=5", query: { pageSize: "5" }, parameter: "pagesize" },
    { what: "pageSize=15", query: { pageSize: "15" }, parameter: "pagesize" },
    { what: "pageSize=110", query: { pageSize: "110" }, parameter: "pagesize" },
    { what: "pageNumber=-2", query: { pageNumber: "-2" }, parameter: "pagenumber" },
  ],
};

interface MediaWithExamples {
  content?: Record<string, { examples?: Record<string, { value: unknown }> }>;
}

/** A named example body of a documented response of an API's list operation (default: the first, which Prism serves). */
export function documentedExample(spec: OpenApiDocument, id: ApiId, status: string, name?: string): unknown {
  const { path, method } = LIST_OPERATIONS[id];
  const operation = spec.paths[path]?.[method] as { responses: Record<string, unknown> } | undefined;
  if (!operation) throw new Error(`${id}: no ${method.toUpperCase()} ${path}`);
  const { value } = deref<MediaWithExamples>(spec, operation.responses[status], `${id} ${status}`);
  const examples = value.content?.["application/json"]?.examples ?? {};
  const key = name ?? Object.keys(examples)[0];
  if (key === undefined || !(key in examples)) throw new Error(`${id} ${status}: no example ${name ?? "at all"}`);
  return examples[key]!.value;
}
