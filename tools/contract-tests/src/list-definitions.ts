/**
 * List contract definitions: RDS v3 and DDS v3 (`GET /v3/{project_id}/backups`), DCS v2
 * (`GET /v2/{project_id}/instances/{instance_id}/backups`, with its 204) and JD Cloud describeBackups. The expected
 * pages apply core's parsers (unit-tested in core) to what came over the wire: the point here is that each client
 * applies its API's own rule to every item of every example.
 */
import { byteCount, kilobytesToBytes, parseJdCloudTime, parseRdsTime, parseUtcTime } from "@backup-links/core";
import type { ApiId } from "@backup-links/testkit/prism";
import type { AuthMode } from "./contract.js";
import { CREDENTIALS, PROJECT_ID, huaweiError } from "./huawei-family.js";
import { REGION, jdError } from "./jdcloud.js";
import type { BadQuery, ListClientUnderTest, ListContractDefinition, ListVariant } from "./list-contract.js";
import type { DocumentedExample } from "./spec-examples.js";

type Factory = (options: Record<string, unknown>) => ListClientUnderTest;
type ErrorClasses = Pick<ListContractDefinition, "ApiError" | "ValidationError">;
type Item = Record<string, unknown>;

const HW_INSTANCE = "43e4feaab48f11e89039fa163ebaa7e4in01";
const DCS_INSTANCE = "5560df16-cebf-4473-95c4-d1b573c16e79";
const JD_INSTANCE = "mysql-wp4e9ztap2";
const TOKEN = { "X-Auth-Token": "MIIcontractTestToken" };
const JD_SIGNED = { Authorization: "JDCLOUD2-HMAC-SHA256 Credential=AK/20240101/cn-north-1/rds/jdcloud2_request, SignedHeaders=host, Signature=00" };

function huaweiClient(create: Factory) {
  return (context: { baseUrl: string; fetch: typeof fetch; auth: AuthMode }) =>
    create({ baseUrl: context.baseUrl, projectId: PROJECT_ID, credentials: CREDENTIALS[context.auth], fetch: context.fetch, retry: false, env: {} });
}

/** The body with each item of `key` extended, and the request id (the body has none: the `X-Request-Id` header). */
function extendedPage(key: string, extras: (item: Item) => Item) {
  return (body: unknown, example: DocumentedExample) => {
    const page = body as Record<string, unknown>;
    return { ...page, [key]: ((page[key] ?? []) as Item[]).map((item) => ({ ...item, ...extras(item) })), requestId: example.headers["x-request-id"] };
  };
}

const badQuery = (name: string, target: string, violation: BadQuery["violation"], headers: Record<string, string> = TOKEN): BadQuery => ({
  name,
  target,
  headers,
  violation,
});

/** RDS (`rds: true`) or DDS: the same path, times and paging; different time formats and type spellings. */
function v3ListContract(api: ApiId, rds: boolean, create: Factory, errors: ErrorClasses): ListContractDefinition {
  const base = `/v3/${PROJECT_ID}/backups?instance_id=${HW_INSTANCE}`;
  const parse = rds ? parseRdsTime : parseUtcTime;
  const types = rds ? ["auto", "manual", "fragment", "incremental"] : api === "otc-dds" ? ["Auto", "Manual"] : ["Auto", "Manual", "Incremental"];
  // A time with a plus sign (RDS offsets) or a space (DDS) must arrive as one, not as a space or a '+'.
  const [since, sinceSent, until, untilSent] = rds
    ? ["2018-08-06T10:41:14+0800", "2018-08-06T10%3A41%3A14%2B0800", new Date("2018-08-16T02:41:14Z"), "2018-08-16T02%3A41%3A14%2B0000"]
    : ["2018-08-06 10:41:14", "2018-08-06%2010%3A41%3A14", new Date("2018-08-16T10:41:14Z"), "2018-08-16%2010%3A41%3A14"];
  const variants: ListVariant[] = [
    ...(["aksk", "aksk+securityToken", "token"] as const).map((auth) => ({ name: `instance only (${auth})`, auth, input: { instanceId: HW_INSTANCE }, sends: base })),
    ...types.map((type) => ({
      name: `backupType ${type.toLowerCase()} (sent as ${type})`,
      auth: "aksk" as const,
      input: { instanceId: HW_INSTANCE, backupType: type.toLowerCase() },
      sends: `${base}&backup_type=${type}`,
    })),
    {
      name: "every filter, times as vendor text and as a Date",
      auth: "aksk",
      input: { instanceId: HW_INSTANCE, since, until, offset: 100, limit: 100 },
      sends: `${base}&begin_time=${sinceSent}&end_time=${untilSent}&limit=100&offset=100`,
    },
    { name: "limit 1, offset 0", auth: "token", input: { instanceId: HW_INSTANCE, limit: 1, offset: 0 }, sends: `${base}&limit=1&offset=0` },
  ];
  return {
    api,
    path: "/v3/{project_id}/backups",
    ...errors,
    createClient: huaweiClient(create),
    expectedPage: extendedPage("backups", (item) => ({
      startedAt: parse(item.begin_time),
      finishedAt: parse(item.end_time),
      sizeBytes: kilobytesToBytes(item.size),
    })),
    expectedError: huaweiError,
    variants,
    badInputs: [
      { name: "no instance id", input: {}, field: "instanceId" },
      { name: "limit 101", input: { instanceId: HW_INSTANCE, limit: 101 }, field: "limit" },
      { name: "limit 0", input: { instanceId: HW_INSTANCE, limit: 0 }, field: "limit" },
      { name: "offset -1", input: { instanceId: HW_INSTANCE, offset: -1 }, field: "offset" },
      { name: "an unknown backupType", input: { instanceId: HW_INSTANCE, backupType: "full" }, field: "backupType" },
      { name: "since without until", input: { instanceId: HW_INSTANCE, since }, field: "until" },
      { name: "since after until", input: { instanceId: HW_INSTANCE, since: new Date("2020-01-02T00:00:00Z"), until: new Date("2020-01-01T00:00:00Z") }, field: "until" },
      { name: "since in another API's format", input: { instanceId: HW_INSTANCE, since: "20180806104114", until }, field: "since" },
    ],
    badQueries: [
      ...(rds
        ? [badQuery("no instance_id", `/v3/${PROJECT_ID}/backups`, { location: ["request", "query"], code: "required" })]
        : []),
      badQuery("limit 101", `${base}&limit=101`, { location: ["request", "query", "limit"], code: "maximum" }),
      badQuery("limit 0", `${base}&limit=0`, { location: ["request", "query", "limit"], code: "minimum" }),
      badQuery("offset -1", `${base}&offset=-1`, { location: ["request", "query", "offset"], code: "minimum" }),
      badQuery("an unknown backup_type", `${base}&backup_type=weekly`, { location: ["request", "query", "backup_type"], code: "enum" }),
      badQuery("begin_time in another format", `${base}&begin_time=20180806104114&end_time=20180816104114`, {
        location: ["request", "query", "begin_time"],
        code: "pattern",
      }),
    ],
  };
}

export const rdsListContract = (api: ApiId, create: Factory, errors: ErrorClasses) => v3ListContract(api, true, create, errors);
export const ddsListContract = (api: ApiId, create: Factory, errors: ErrorClasses) => v3ListContract(api, false, create, errors);

export function dcsListContract(api: ApiId, create: Factory, errors: ErrorClasses): ListContractDefinition {
  const base = `/v2/${PROJECT_ID}/instances/${DCS_INSTANCE}/backups`;
  return {
    api,
    path: "/v2/{project_id}/instances/{instance_id}/backups",
    ...errors,
    createClient: huaweiClient(create),
    expectedPage: extendedPage("backup_record_response", (item) => ({
      startedAt: parseUtcTime(item.created_at),
      finishedAt: parseUtcTime(item.updated_at),
      sizeBytes: byteCount(item.size),
    })),
    emptyPage: ({ headers }) => ({ backup_record_response: [], requestId: headers["x-request-id"] }),
    expectedError: huaweiError,
    variants: [
      ...(["aksk", "token"] as const).map((auth) => ({ name: `instance only (${auth})`, auth, input: { instanceId: DCS_INSTANCE }, sends: base })),
      {
        name: "every filter, since as text, until as a Date",
        auth: "aksk",
        input: { instanceId: DCS_INSTANCE, since: "20190510000000", until: new Date("2019-05-11T00:00:00Z"), offset: 10, limit: 1000 },
        sends: `${base}?begin_time=20190510000000&end_time=20190511000000&limit=1000&offset=10`,
      },
    ],
    badInputs: [
      { name: "no instance id", input: {}, field: "instanceId" },
      { name: "an instance id with /", input: { instanceId: "a/b" }, field: "instanceId" },
      { name: "limit 0", input: { instanceId: DCS_INSTANCE, limit: 0 }, field: "limit" },
      { name: "offset -1", input: { instanceId: DCS_INSTANCE, offset: -1 }, field: "offset" },
      { name: "since in the RDS format", input: { instanceId: DCS_INSTANCE, since: "2019-05-10T00:00:00+0000" }, field: "since" },
    ],
    badQueries: [
      badQuery("limit 0", `${base}?limit=0`, { location: ["request", "query", "limit"], code: "minimum" }),
      badQuery("offset -1", `${base}?offset=-1`, { location: ["request", "query", "offset"], code: "minimum" }),
      badQuery("begin_time in ISO form", `${base}?begin_time=2019-05-10T00:00:00Z`, { location: ["request", "query", "begin_time"], code: "pattern" }),
    ],
  };
}

export function jdcloudListContract(create: Factory, errors: ErrorClasses): ListContractDefinition {
  const base = `/v1/regions/${REGION}/backups?instanceId=${JD_INSTANCE}`;
  return {
    api: "jdcloud-rds",
    path: "/v1/regions/{regionId}/backups",
    ...errors,
    createClient: (context) =>
      create({ baseUrl: context.baseUrl, region: REGION, credentials: CREDENTIALS.aksk, fetch: context.fetch, retry: false, env: {} }),
    expectedPage: (body, example) => {
      const raw = body as { requestId?: string; result?: { backup?: Item[]; totalCount?: number } };
      return {
        requestId: raw.requestId ?? example.headers["x-jdcloud-request-id"],
        backup: (raw.result?.backup ?? []).map((item) => ({
          ...item,
          startedAt: parseJdCloudTime(item.backupStartTime),
          finishedAt: parseJdCloudTime(item.backupEndTime),
          sizeBytes: byteCount(item.backupSizeByte),
        })),
        totalCount: raw.result?.totalCount,
      };
    },
    expectedError: jdError,
    variants: [
      { name: "instance only (page 1 of 100)", auth: "aksk", input: { instanceId: JD_INSTANCE }, sends: `${base}&pageNumber=1&pageSize=100` },
      { name: "page 3 of 10", auth: "aksk", input: { instanceId: JD_INSTANCE, pageNumber: 3, pageSize: 10 }, sends: `${base}&pageNumber=3&pageSize=10` },
    ],
    badInputs: [
      { name: "no instance id", input: {}, field: "instanceId" },
      { name: "pageSize 25", input: { instanceId: JD_INSTANCE, pageSize: 25 }, field: "pageSize" },
      { name: "pageSize 110", input: { instanceId: JD_INSTANCE, pageSize: 110 }, field: "pageSize" },
      { name: "pageNumber 0", input: { instanceId: JD_INSTANCE, pageNumber: 0 }, field: "pageNumber" },
    ],
    badQueries: [
      badQuery("no pageSize", `${base}&pageNumber=1`, { location: ["request", "query"], code: "required" }, JD_SIGNED),
      badQuery("pageSize 25", `${base}&pageNumber=1&pageSize=25`, { location: ["request", "query", "pagesize"], code: "multipleOf" }, JD_SIGNED),
      badQuery("pageSize 110", `${base}&pageNumber=1&pageSize=110`, { location: ["request", "query", "pagesize"], code: "maximum" }, JD_SIGNED),
      badQuery("pageNumber -2", `${base}&pageNumber=-2&pageSize=10`, { location: ["request", "query", "pagenumber"], code: "minimum" }, JD_SIGNED),
    ],
  };
}
