/**
 * The list operation of each spec: its parameters (name, location, required, type, bounds, enum, default), its
 * documented responses (DCS's 204 without a body), the tolerant response schemas (open enums, every documented
 * spelling, times as plain strings, only ids and statuses required) and the query rules a client must respect.
 */
import { describe, expect, it } from "vitest";
import { LIST_OPERATIONS } from "@backup-links/testkit/list-operations.ts";
import {
  compileParameterValidator,
  compileResponseValidator,
  deref,
  formatErrors,
  operationParameters,
  type OpenApiDocument,
} from "@backup-links/testkit/schema.ts";
import { API_IDS, bundledSpec, type ApiId } from "./support.ts";

type Json = Record<string, any>;

function listOperation(id: ApiId): Json {
  const { path, method } = LIST_OPERATIONS[id];
  return (bundledSpec(id).paths[path] as Json)[method];
}

function parameterSummary(spec: OpenApiDocument, id: ApiId) {
  const { path, method } = LIST_OPERATIONS[id];
  return operationParameters(spec, path, method).map((p) => {
    const { value: schema } = deref<Json>(spec, p.schema, `${p.at}/schema`);
    const bounds: Json = {};
    for (const key of ["minLength", "pattern", "minimum", "maximum", "multipleOf", "enum", "default", "format"]) if (key in schema) bounds[key] = schema[key];
    return { name: p.name, in: p.in, required: p.required ?? false, type: schema.type, ...bounds };
  });
}

const PROJECT_ID = { name: "project_id", in: "path", required: true, type: "string", minLength: 1, pattern: "^(?!\\.\\.?$)[^\\s/]+$" };
const ID = { type: "string", minLength: 1, pattern: "^\\S+$" };
const OFFSET = { name: "offset", in: "query", required: false, type: "integer", minimum: 0, default: 0, format: "int32" };
const RDS_TIME = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{4}$";
const DDS_TIME = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$";

const RDS_SHARED = {
  instanceId: { name: "instance_id", in: "query", required: true, ...ID },
  backupId: { name: "backup_id", in: "query", required: false, ...ID },
  backupType: { name: "backup_type", in: "query", required: false, type: "string", enum: ["auto", "manual", "fragment", "incremental"] },
  limit: { name: "limit", in: "query", required: false, type: "integer", minimum: 1, maximum: 100, default: 100, format: "int32" },
  begin: { name: "begin_time", in: "query", required: false, type: "string", pattern: RDS_TIME },
  end: { name: "end_time", in: "query", required: false, type: "string", pattern: RDS_TIME },
};
const DDS_SHARED = {
  instanceId: { name: "instance_id", in: "query", required: false, ...ID },
  backupId: { name: "backup_id", in: "query", required: false, ...ID },
  limit: { name: "limit", in: "query", required: false, type: "integer", minimum: 1, maximum: 100, default: 100, format: "int32" },
  begin: { name: "begin_time", in: "query", required: false, type: "string", pattern: DDS_TIME },
  end: { name: "end_time", in: "query", required: false, type: "string", pattern: DDS_TIME },
  mode: { name: "mode", in: "query", required: false, type: "string", enum: ["Sharding", "ReplicaSet", "Single"] },
};
const DCS_PATH = [PROJECT_ID, { name: "instance_id", in: "path", required: true, type: "string", minLength: 1, pattern: "^(?!\\.\\.?$)[^\\s/]+$" }];
const DCS_TIMES = [
  { name: "begin_time", in: "query", required: false, type: "string", pattern: "^\\d{14}$" },
  { name: "end_time", in: "query", required: false, type: "string", pattern: "^\\d{14}$" },
];

const EXPECTED_PARAMETERS: Record<ApiId, Json[]> = {
  "otc-rds": [PROJECT_ID, RDS_SHARED.instanceId, RDS_SHARED.backupId, RDS_SHARED.backupType, OFFSET, RDS_SHARED.limit, RDS_SHARED.begin, RDS_SHARED.end],
  "huaweicloud-rds": [
    PROJECT_ID,
    { name: "X-Language", in: "header", required: false, type: "string", enum: ["en-us", "zh-cn"], default: "en-us" },
    RDS_SHARED.instanceId,
    RDS_SHARED.backupId,
    RDS_SHARED.backupType,
    { name: "status", in: "query", required: false, type: "string", enum: ["BUILDING", "COMPLETED", "FAILED"] },
    OFFSET,
    RDS_SHARED.limit,
    RDS_SHARED.begin,
    RDS_SHARED.end,
  ],
  "otc-dds": [
    PROJECT_ID,
    DDS_SHARED.instanceId,
    DDS_SHARED.backupId,
    { name: "backup_type", in: "query", required: false, type: "string", enum: ["Auto", "Manual"] },
    OFFSET,
    DDS_SHARED.limit,
    DDS_SHARED.begin,
    DDS_SHARED.end,
    DDS_SHARED.mode,
  ],
  "huaweicloud-dds": [
    PROJECT_ID,
    DDS_SHARED.instanceId,
    DDS_SHARED.backupId,
    { name: "backup_type", in: "query", required: false, type: "string", enum: ["Auto", "Manual", "Incremental"] },
    OFFSET,
    DDS_SHARED.limit,
    DDS_SHARED.begin,
    DDS_SHARED.end,
    DDS_SHARED.mode,
    { name: "backup_status", in: "query", required: false, type: "string", enum: ["COMPLETED", "BUILDING", "FAILED"] },
    { name: "order_field", in: "query", required: false, type: "string", enum: ["name", "instanceName", "type", "datastoreType", "beginTime", "status"] },
    { name: "order_rule", in: "query", required: false, type: "string", enum: ["asc", "desc"] },
    { name: "backup_name", in: "query", required: false, type: "string", minLength: 1 },
    { name: "backup_description", in: "query", required: false, type: "string", minLength: 1 },
    { name: "instance_name", in: "query", required: false, type: "string", minLength: 1 },
  ],
  "huaweicloud-dcs": [
    ...DCS_PATH,
    ...DCS_TIMES,
    { name: "limit", in: "query", required: false, type: "integer", minimum: 1, maximum: 1000, default: 10, format: "int32" },
    OFFSET,
  ],
  "otc-dcs": [...DCS_PATH, ...DCS_TIMES, { name: "limit", in: "query", required: false, type: "integer", minimum: 1, default: 10, format: "int32" }, OFFSET],
  "jdcloud-rds": [
    { name: "regionId", in: "path", required: true, type: "string", enum: ["cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"] },
    { name: "instanceId", in: "query", required: true, ...ID },
    { name: "pageNumber", in: "query", required: true, type: "integer", minimum: -1, default: 1, format: "int32" },
    { name: "pageSize", in: "query", required: true, type: "integer", minimum: 10, maximum: 100, multipleOf: 10, default: 10, format: "int32" },
    { name: "auto", in: "query", required: false, type: "integer", enum: [0, 1] },
    { name: "backupTypeFilter", in: "query", required: false, type: "string", enum: ["full", "diff"] },
    { name: "dbNameFilter", in: "query", required: false, type: "string", minLength: 1 },
    { name: "backupTimeRangeStartFilter", in: "query", required: false, type: "string", minLength: 1 },
    { name: "backupTimeRangeEndFilter", in: "query", required: false, type: "string", minLength: 1 },
    { name: "filters", in: "query", required: false, type: "array" },
  ],
};

describe.each(API_IDS)("%s list operation", (id) => {
  const spec = bundledSpec(id);
  const op = listOperation(id);
  it(`is ${LIST_OPERATIONS[id].operationId}, tagged, secured like the download operation, with a sourced description`, () => {
    expect(op.operationId).toBe(LIST_OPERATIONS[id].operationId);
    expect(op.tags).toEqual(["Backups"]);
    expect(op.security).toEqual(id === "jdcloud-rds" ? [{ jdcloudSignature: [] }] : [{ akskSignature: [] }, { iamToken: [] }]);
    expect(op.summary).toMatch(/^List the backup/);
    expect(op.description).toMatch(/Sources?:/);
    expect(op.requestBody).toBeUndefined();
  });
  it("takes exactly the documented parameters with their types, bounds and defaults", () => {
    expect(parameterSummary(spec, id)).toEqual(EXPECTED_PARAMETERS[id]);
  });
  it("every parameter has a description and an example its own schema accepts", () => {
    const { path, method } = LIST_OPERATIONS[id];
    for (const p of operationParameters(spec, path, method)) {
      expect(p.description?.length, p.name).toBeGreaterThan(10);
      expect(p.example, p.name).toBeDefined();
      const validate = compileParameterValidator(spec, path, method, p.name, p.in);
      expect(validate(p.example), `${p.name}: ${formatErrors(validate.errors)}`).toBe(true);
    }
  });
  it("documents its responses: 200 (and DCS 204), 400, 401, 403, 404, 500, with the request-id header", () => {
    const dcs = id.endsWith("-dcs");
    expect(Object.keys(op.responses)).toEqual(dcs ? ["200", "204", "400", "401", "403", "404", "500"] : ["200", "400", "401", "403", "404", "500"]);
    const header = id === "jdcloud-rds" ? "x-jdcloud-request-id" : "X-Request-Id";
    for (const [code, raw] of Object.entries(op.responses)) {
      const { value } = deref<Json>(spec, raw, code);
      expect(Object.keys(value.headers), code).toEqual([header]);
      if (code === "204") expect(value.content, "204 has no body").toBeUndefined();
      else expect(Object.keys(value.content["application/json"].examples).length, code).toBeGreaterThan(0);
    }
  });
  it("has a 400 of its own whose first example is the generic parameter error", () => {
    const name = op.responses["400"].$ref.split("/").pop();
    expect(name).toMatch(/^(ListBackups|ListBackupRecords|DescribeBackups)BadRequest$/);
    const { value } = deref<Json>(spec, op.responses["400"], "400");
    const first = Object.values(value.content["application/json"].examples as Record<string, { value: Json }>)[0]!.value;
    const code = first.error_code ?? first.error?.status;
    expect(["DBS.200001", "111400063", "INVALID_ARGUMENT"]).toContain(code);
  });
});

/** All schemas reachable from a list operation's 200 body. */
function reachableSchemas(spec: OpenApiDocument, id: ApiId): Json[] {
  const seen = new Set<unknown>();
  const out: Json[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const { value } = deref<Json>(spec, node, "schema");
    if (seen.has(value)) return;
    seen.add(value);
    out.push(value);
    for (const child of Object.values(value.properties ?? {})) visit(child);
    if (value.items) visit(value.items);
    // anyOf members are the open enums' `{enum}` + `{type: string}` pairs, checked where they stand.
    for (const part of [...(value.allOf ?? []), ...(value.oneOf ?? [])]) visit(part);
  };
  const { value: ok } = deref<Json>(spec, listOperation(id).responses["200"], "200");
  visit(ok.content["application/json"].schema);
  return out;
}

describe.each(API_IDS)("%s list response schema is tolerant", (id) => {
  const spec = bundledSpec(id);
  it("never closes an object, never uses format date-time", () => {
    const schemas = reachableSchemas(spec, id);
    expect(schemas.length).toBeGreaterThan(5);
    for (const schema of schemas) {
      expect(schema.additionalProperties).not.toBe(false);
      expect(schema.format).not.toBe("date-time");
    }
  });
  it("has no closed enum: every enum sits in an anyOf beside a plain string", () => {
    for (const schema of reachableSchemas(spec, id)) {
      if (schema.enum) throw new Error(`closed enum ${JSON.stringify(schema.enum)}`);
      if (schema.anyOf) {
        expect(schema.anyOf.map((s: Json) => (s.enum ? "enum" : s.type))).toEqual(["enum", "string"]);
        expect(schema.anyOf[0].enum.length).toBeGreaterThan(1);
        expect(schema.description.replace(/\s+/g, " ")).toMatch(/Other values are accepted|unknown values too|Every spelling is accepted/);
      }
    }
  });
});

describe("required fields: only where a source guarantees them, each source named in x-required-sources", () => {
  const cases: [ApiId, string, string[]][] = [
    ["otc-rds", "RdsBackupForList", ["id", "status"]],
    ["otc-dds", "DdsBackupForList", ["id", "status"]],
    ["otc-dcs", "DcsBackupRecord", []],
    ["jdcloud-rds", "Backup", []],
    ["jdcloud-rds", "DescribeBackupsResponse", ["requestId", "result"]],
    ["jdcloud-rds", "DescribeBackupsResult", []],
    ["otc-rds", "RdsBackupList", []],
    ["huaweicloud-rds", "HuaweiRdsBackupList", []],
    ["otc-dds", "DdsBackupList", []],
    ["huaweicloud-dds", "HuaweiDdsBackupList", []],
    ["otc-dcs", "DcsBackupRecordList", []],
  ];
  it.each(cases)("%s %s requires %j", (id, name, required) => {
    const schema = bundledSpec(id).components!.schemas![name] as Json;
    expect(schema.required ?? []).toEqual(required);
    expect(Object.keys(schema["x-required-sources"]).sort()).toEqual([...required].sort());
    for (const source of Object.values(schema["x-required-sources"] as Record<string, string>)) expect(source).toMatch(/sdk|document/i);
  });
  it.each(API_IDS)("%s: every object schema of the list body names its required sources", (id) => {
    const objects = reachableSchemas(bundledSpec(id), id).filter((schema) => schema.properties);
    expect(objects.length).toBeGreaterThanOrEqual(id.endsWith("-dcs") ? 2 : 3);
    for (const schema of objects) expect(Object.keys(schema["x-required-sources"] ?? { missing: 1 }).sort()).toEqual([...(schema.required ?? [])].sort());
  });
});

function validatorFor(id: ApiId, status = "200") {
  const { path, method } = LIST_OPERATIONS[id];
  return compileResponseValidator(bundledSpec(id), path, method, status);
}

describe("documented spellings and odd forms validate; wrong types do not", () => {
  const rds = (item: Json) => ({ backups: [{ id: "b1", status: "COMPLETED", ...item }], total_count: 1 });
  const dds = (item: Json) => ({ backups: [{ id: "b1", status: "COMPLETED", ...item }], total_count: 1 });
  const dcs = (item: Json) => ({ total_num: 1, backup_record_response: [{ backup_id: "b1", status: "succeed", ...item }] });
  const jd = (item: Json) => ({ requestId: "r1", result: { backup: [{ backupId: "b1", backupStatus: "COMPLETED", ...item }], totalCount: 1 } });

  it.each([
    ["otc-rds", rds({ status: "DELETING", type: "fragment" })],
    ["otc-rds", rds({ status: "ARCHIVED", type: "cross-region" })],
    ["huaweicloud-rds", rds({ datastore: { type: "MariaDB", version: "10.5" }, associated_with_ddm: false, min_data_volume_capacity_for_restore: 40, description: "x" })],
    ["otc-dds", dds({ type: "Auto" })],
    ["otc-dds", dds({ type: "auto" })],
    ["otc-dds", dds({ type: "Incremental", status: "DISABLED" })],
    ["huaweicloud-dds", dds({ type: "manual", status: "DELETING", instance_status: "data_disk_full", backup_method: "Snapshot" })],
    ["otc-dcs", dcs({ period: {}, error_code: {} })],
    ["otc-dcs", dcs({ period: null, error_code: null, backup_format: "AOF" })],
    ["huaweicloud-dcs", dcs({ period: "00:00-01:00", error_code: "dcs.08.0002", backup_format: "rdb", is_support_restore: "FALSE", progress: "12.50" })],
    ["huaweicloud-dcs", dcs({ created_at: "2019-05-10 08:31:16", updated_at: "2019-05-10T08:32:30.546Z" })],
    ["jdcloud-rds", jd({ backupStatus: "RETAINED", engine: "SQL Server", backupFiles: ["db.bak", "db.diff"], ifSupportDownload: 1 })],
    ["jdcloud-rds", jd({ backupStartTime: "2020-01-07 15:14:07", backupEndTime: "2020-01-07T15:20:00" })],
    ["jdcloud-rds", { requestId: "r1", result: {} }],
    ["jdcloud-rds", { requestId: "r1", result: { backup: [{ backupName: "no id" }] } }],
    ["otc-dcs", { backup_record_response: [{ backup_name: "no id, no status" }] }],
    ["otc-rds", {}],
  ] as [ApiId, Json][])("%s accepts %j", (id, body) => {
    const validate = validatorFor(id);
    expect(validate(body), formatErrors(validate.errors)).toBe(true);
  });

  it.each([
    ["otc-rds", rds({ size: "2803" }), "/backups/0/size", "type"],
    ["otc-rds", rds({ size: -1 }), "/backups/0/size", "minimum"],
    ["otc-rds", { backups: [{ status: "COMPLETED" }] }, "/backups/0", "required"],
    ["otc-dds", { backups: [{ id: "b1" }] }, "/backups/0", "required"],
    ["otc-rds", rds({ id: "" }), "/backups/0/id", "minLength"],
    ["otc-rds", rds({ status: 1 }), "/backups/0/status", "type"],
    ["otc-dds", dds({ begin_time: 1533559274 }), "/backups/0/begin_time", "type"],
    ["otc-dds", { backups: {}, total_count: 0 }, "/backups", "type"],
    ["otc-dcs", dcs({ period: 5 }), "/backup_record_response/0/period", "type"],
    ["otc-dcs", dcs({ progress: 100 }), "/backup_record_response/0/progress", "type"],
    ["otc-dcs", dcs({ size: 1.5 }), "/backup_record_response/0/size", "type"],
    ["huaweicloud-dcs", { total_num: -1 }, "/total_num", "minimum"],
    ["jdcloud-rds", jd({ backupSizeByte: "15167776" }), "/result/backup/0/backupSizeByte", "type"],
    ["jdcloud-rds", jd({ ifSupportDownload: "1" }), "/result/backup/0/ifSupportDownload", "type"],
    ["jdcloud-rds", { result: { backup: [] } }, "", "required"],
  ] as [ApiId, Json, string, string][])("%s rejects %j (%s %s)", (id, body, path, keyword) => {
    const validate = validatorFor(id);
    expect(validate(body)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toContain(`${path} ${keyword}`);
  });
});

describe("query rules", () => {
  const param = (id: ApiId, name: string, location: "query" | "path" = "query") => {
    const { path, method } = LIST_OPERATIONS[id];
    return compileParameterValidator(bundledSpec(id), path, method, name, location);
  };
  it("RDS limit 1..100, offset >= 0", () => {
    const limit = param("otc-rds", "limit");
    expect([0, 1, 100, 101, 1.5].map((v) => limit(v))).toEqual([false, true, true, false, false]);
    const offset = param("huaweicloud-rds", "offset");
    expect([-1, 0, 1000].map((v) => offset(v))).toEqual([false, true, true]);
  });
  it("RDS times are yyyy-mm-ddThh:mm:ss with a colon-less offset", () => {
    const begin = param("otc-rds", "begin_time");
    expect(["2018-08-06T10:41:14+0800", "2018-08-06T02:41:14+0000", "2018-08-06T10:41:14-0330"].map((v) => begin(v))).toEqual([true, true, true]);
    expect(["2018-08-06T10:41:14+08:00", "2018-08-06T02:41:14Z", "2018-08-06 10:41:14+0800", "2018-08-06T10:41:14 0800", ""].map((v) => begin(v))).toEqual([false, false, false, false, false]);
  });
  it("DDS times are yyyy-mm-dd hh:mm:ss (UTC, no zone)", () => {
    const begin = param("otc-dds", "begin_time");
    expect(["2018-08-06 10:41:14", "2018-08-06T10:41:14", "2018-08-06 10:41:14Z", "2018-08-06"].map((v) => begin(v))).toEqual([true, false, false, false]);
  });
  it("DCS times are yyyyMMddHHmmss; Huawei's limit stops at 1000, OTC's has no documented maximum", () => {
    const begin = param("otc-dcs", "begin_time");
    expect(["20170718235959", "2017071823595", "2017-07-18T23:59:59Z"].map((v) => begin(v))).toEqual([true, false, false]);
    expect([1000, 1001].map((v) => param("huaweicloud-dcs", "limit")(v))).toEqual([true, false]);
    expect([0, 1, 5000].map((v) => param("otc-dcs", "limit")(v))).toEqual([false, true, true]);
  });
  it("DDS backup_type is capitalised: Auto and Manual on OTC, Incremental too on Huawei", () => {
    expect(["Auto", "Manual", "Incremental", "auto"].map((v) => param("otc-dds", "backup_type")(v))).toEqual([true, true, false, false]);
    expect(["Auto", "Manual", "Incremental", "auto"].map((v) => param("huaweicloud-dds", "backup_type")(v))).toEqual([true, true, true, false]);
  });
  it("JD pageSize is a multiple of 10 from 10 to 100, pageNumber from -1", () => {
    const size = param("jdcloud-rds", "pageSize");
    expect([10, 20, 40, 100, 0, 5, 15, 110].map((v) => size(v))).toEqual([true, true, true, true, false, false, false, false]);
    const page = param("jdcloud-rds", "pageNumber");
    expect([-2, -1, 1, 500].map((v) => page(v))).toEqual([false, true, true, true]);
  });
  it("JD filters: name from the documented list, at least one value; the wire form is in the description", () => {
    const filters = param("jdcloud-rds", "filters");
    expect(filters([{ name: "backupId", operator: "eq", values: ["b1"] }])).toBe(true);
    expect(filters([{ name: "backupName", operator: "like", values: ["daily"] }, { name: "auto", values: ["1"] }])).toBe(true);
    expect(filters([{ name: "engine", values: ["MySQL"] }])).toBe(false);
    expect(filters([{ name: "backupId", values: [] }])).toBe(false);
    const { path, method } = LIST_OPERATIONS["jdcloud-rds"];
    const description = operationParameters(bundledSpec("jdcloud-rds"), path, method).find((p) => p.name === "filters")!.description!;
    expect(description).toContain("filters.1.name=backupId&filters.1.operator=eq&filters.1.values.1=");
  });
  it("Huawei-only parameters are only in the Huawei specs", () => {
    const names = (id: ApiId) => {
      const { path, method } = LIST_OPERATIONS[id];
      return operationParameters(bundledSpec(id), path, method).map((p) => p.name);
    };
    expect(names("otc-rds")).not.toContain("status");
    expect(names("otc-rds")).not.toContain("X-Language");
    for (const huaweiOnly of ["backup_status", "order_field", "order_rule", "backup_name", "backup_description", "instance_name"]) {
      expect(names("otc-dds")).not.toContain(huaweiOnly);
      expect(names("huaweicloud-dds")).toContain(huaweiOnly);
    }
  });
});

describe("descriptions carry the facts a client needs", () => {
  it.each([
    ["otc-rds", /offset[\s\S]*total_count[\s\S]*kilobytes[\s\S]*COMPLETED/],
    ["otc-dds", /every instance in the project[\s\S]*UTC[\s\S]*kilobytes/],
    ["huaweicloud-dds", /newest first/],
    ["huaweicloud-dcs", /204 with\s+no body[\s\S]*bytes[\s\S]*succeed/],
    ["otc-dcs", /204 with\s+no body/],
    ["jdcloud-rds", /last page again[\s\S]*pageNumber \* pageSize < totalCount[\s\S]*no zone[\s\S]*bytes/],
  ] as [ApiId, RegExp][])("%s", (id, pattern) => {
    expect(listOperation(id).description).toMatch(pattern);
  });
  it("unverified facts are marked unverified", () => {
    /** Every string in the bundled spec, whitespace runs folded to one space. */
    const text = (id: ApiId): string => {
      const strings: string[] = [];
      const walk = (value: unknown): void => {
        if (typeof value === "string") strings.push(value);
        else if (value && typeof value === "object") Object.values(value).forEach(walk);
      };
      walk(bundledSpec(id));
      return strings.join(" ").replace(/\s+/g, " ");
    };
    expect(text("otc-rds")).toMatch(/1000 or 1024 bytes is not documented \(unverified/);
    expect(text("huaweicloud-rds")).toMatch(/unit is not documented \(unverified\)/);
    expect(text("otc-dcs")).toMatch(/ambiguous \(unverified\)/);
    expect(text("jdcloud-rds")).toMatch(/UTC\+8, unverified/);
  });
});
