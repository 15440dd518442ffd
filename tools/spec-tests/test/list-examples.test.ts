/**
 * The list operations' examples come from the vendors' documents (fixtures/list-*.json, verbatim) with exactly the
 * documented errors fixed: applying the listed fixes to each fixture gives the spec's example, the fixed examples
 * validate, and the times in them have each vendor's documented format.
 */
import { describe, expect, it } from "vitest";
import { LIST_OPERATIONS, documentedExample } from "@backup-links/testkit/list-operations.ts";
import { compileResponseValidator, formatErrors } from "@backup-links/testkit/schema.ts";
import { bundledSpec, fixture, type ApiId } from "./support.ts";

type Json = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value);

function listValidator(id: ApiId, status = "200") {
  const { path, method } = LIST_OPERATIONS[id];
  return compileResponseValidator(bundledSpec(id), path, method, status);
}

/** Each documented error of a vendor example, and its fix. */
const FIXES = {
  rdsPostgresqlTimes: (body: Json) => {
    const backup = body.backups[0];
    expect(backup.begin_time).toBe("2018 - 08 - 06 T12: 41: 14 + 0800");
    expect(backup.end_time).toBe("2018 - 08 - 06 T12: 43: 14 + 0800");
    backup.begin_time = "2018-08-06T12:41:14+0800";
    backup.end_time = "2018-08-06T12:43:14+0800";
  },
  rdsPostgresqlInstanceIdSpace: (body: Json) => {
    expect(body.backups[0].instance_id).toBe("a48e43ff268f4c0e879652d65e63d0fbin03 ");
    body.backups[0].instance_id = "a48e43ff268f4c0e879652d65e63d0fbin03";
  },
  rdsSqlServerIdKey: (body: Json) => {
    const backup = body.backups[0];
    expect(Object.keys(backup)[0]).toBe("id ");
    // Rebuild the object so the fixed key keeps its place (examples are compared as values, order-insensitive anyway).
    body.backups[0] = Object.fromEntries(Object.entries(backup).map(([key, value]) => [key === "id " ? "id" : key, value]));
  },
  ddsInstanceIdIsBackupId: (body: Json) => {
    expect(body.backups[0].instance_id).toBe(body.backups[0].id);
    body.backups[0].instance_id = "c0c9f155c7b7423a9d30f0175998b63bin01"; // the instance of the document's example request
  },
  dcsExecutionAtNextDay: (body: Json) => {
    const record = body.backup_record_response[0];
    expect([record.created_at, record.execution_at]).toEqual(["2019-05-10T08:31:16.166Z", "2019-05-11T08:31:16.166Z"]);
    record.execution_at = "2019-05-10T08:31:21.461Z"; // the v1 document's value for the same backup
  },
};

const CASES: { id: ApiId; example: string; file: string; fixes: (keyof typeof FIXES)[] }[] = [
  { id: "otc-rds", example: "mysql", file: "list-otc-rds-mysql-200.json", fixes: [] },
  { id: "otc-rds", example: "postgresql", file: "list-otc-rds-postgresql-200.json", fixes: ["rdsPostgresqlTimes", "rdsPostgresqlInstanceIdSpace"] },
  { id: "otc-rds", example: "sqlserver", file: "list-otc-rds-sqlserver-200.json", fixes: ["rdsSqlServerIdKey"] },
  { id: "huaweicloud-rds", example: "mysql", file: "list-otc-rds-mysql-200.json", fixes: [] },
  { id: "huaweicloud-rds", example: "postgresql", file: "list-otc-rds-postgresql-200.json", fixes: ["rdsPostgresqlTimes", "rdsPostgresqlInstanceIdSpace"] },
  { id: "huaweicloud-rds", example: "sqlserver", file: "list-otc-rds-sqlserver-200.json", fixes: ["rdsSqlServerIdKey"] },
  { id: "otc-dds", example: "documented", file: "list-otc-dds-200.json", fixes: ["ddsInstanceIdIsBackupId"] },
  { id: "huaweicloud-dds", example: "documented", file: "list-otc-dds-200.json", fixes: ["ddsInstanceIdIsBackupId"] },
  { id: "otc-dcs", example: "documented", file: "list-otc-dcs-v2-200.json", fixes: ["dcsExecutionAtNextDay"] },
  { id: "huaweicloud-dcs", example: "documented", file: "list-otc-dcs-v2-200.json", fixes: ["dcsExecutionAtNextDay"] },
  { id: "otc-dcs", example: "legacyForms", file: "list-otc-dcs-v1-200.json", fixes: [] },
  { id: "huaweicloud-dcs", example: "legacyForms", file: "list-otc-dcs-v1-200.json", fixes: [] },
  { id: "jdcloud-rds", example: "documented", file: "list-jdcloud-rds-200.json", fixes: [] },
];

describe("the spec's example is the vendor's example with exactly the documented errors fixed", () => {
  it.each(CASES.map((c) => [`${c.id} ${c.example}`, c] as const))("%s", (_name, c) => {
    const fixed = clone(fixture(c.file)) as Json;
    for (const fix of c.fixes) FIXES[fix](fixed);
    expect(documentedExample(bundledSpec(c.id), c.id, "200", c.example)).toEqual(fixed);
  });
});

describe("the vendors' verbatim examples against the schemas", () => {
  it.each([
    ["otc-rds", "list-otc-rds-mysql-200.json"],
    ["huaweicloud-rds", "list-otc-rds-postgresql-200.json"],
    ["otc-dds", "list-otc-dds-200.json"],
    ["huaweicloud-dcs", "list-otc-dcs-v2-200.json"],
    ["otc-dcs", "list-otc-dcs-v1-200.json"],
    ["jdcloud-rds", "list-jdcloud-rds-200.json"],
  ] as [ApiId, string][])("%s accepts %s as printed (times are plain strings, odd forms are documented forms)", (id, file) => {
    const validate = listValidator(id);
    expect(validate(fixture(file)), formatErrors(validate.errors)).toBe(true);
  });
  it("the SQL Server example as printed has no `id` (its key is `\"id \"`), so it fails the required id", () => {
    const validate = listValidator("otc-rds");
    expect(validate(fixture("list-otc-rds-sqlserver-200.json"))).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword} ${String(e.params.missingProperty)}`)).toEqual(["/backups/0 required id"]);
  });
});

/** Each vendor's documented time format, as a regular expression (the schemas deliberately carry none). */
const TIME_FORMATS: Record<string, RegExp> = {
  rds: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/,
  dds: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  dcs: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  jd: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}$/,
};

function allExamples(id: ApiId): [string, Json][] {
  const spec = bundledSpec(id);
  const { path, method } = LIST_OPERATIONS[id];
  const op = (spec.paths[path] as Json)[method];
  const name = op.responses["200"].$ref.split("/").pop();
  const examples = (spec.components!.responses![name] as Json).content["application/json"].examples as Record<string, { value: Json }>;
  return Object.entries(examples).map(([key, example]) => [key, example.value]);
}

describe("every time in the fixed examples has its vendor's documented format", () => {
  const cases: [ApiId, string, (body: Json) => string[]][] = [
    ["otc-rds", "rds", (b) => (b.backups ?? []).flatMap((x: Json) => [x.begin_time, x.end_time])],
    ["huaweicloud-rds", "rds", (b) => (b.backups ?? []).flatMap((x: Json) => [x.begin_time, x.end_time])],
    ["otc-dds", "dds", (b) => (b.backups ?? []).flatMap((x: Json) => [x.begin_time, x.end_time])],
    ["huaweicloud-dds", "dds", (b) => (b.backups ?? []).flatMap((x: Json) => [x.begin_time, x.end_time])],
    ["otc-dcs", "dcs", (b) => (b.backup_record_response ?? []).flatMap((x: Json) => [x.created_at, x.updated_at, x.execution_at].filter(Boolean))],
    ["huaweicloud-dcs", "dcs", (b) => (b.backup_record_response ?? []).flatMap((x: Json) => [x.created_at, x.updated_at, x.execution_at].filter(Boolean))],
    ["jdcloud-rds", "jd", (b) => (b.result.backup ?? []).flatMap((x: Json) => [x.backupStartTime, x.backupEndTime].filter(Boolean))],
  ];
  it.each(cases)("%s (%s)", (id, format, times) => {
    const seen = allExamples(id).flatMap(([, body]) => times(body));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.filter((t) => !TIME_FORMATS[format]!.test(t))).toEqual([]);
  });
  it("DCS execution_at is never before created_at, and updated_at never before execution_at", () => {
    for (const [name, body] of allExamples("otc-dcs")) {
      for (const record of body.backup_record_response ?? []) {
        if (record.execution_at) expect(record.execution_at >= record.created_at, name).toBe(true);
        if (record.execution_at && record.updated_at) expect(record.updated_at >= record.execution_at, name).toBe(true);
      }
    }
  });
  it("a DDS backup's instance is never the backup itself", () => {
    for (const id of ["otc-dds", "huaweicloud-dds"] as ApiId[]) {
      for (const [, body] of allExamples(id)) for (const backup of body.backups ?? []) expect(backup.instance_id).not.toBe(backup.id);
    }
  });
  it("no id or key in any list example has surrounding whitespace", () => {
    const walk = (value: unknown, where: string): string[] => {
      if (Array.isArray(value)) return value.flatMap((v, i) => walk(v, `${where}/${i}`));
      if (value && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => [...(k.trim() !== k ? [`${where} key "${k}"`] : []), ...walk(v, `${where}/${k}`)]);
      }
      return typeof value === "string" && value.trim() !== value ? [`${where} "${value}"`] : [];
    };
    for (const id of Object.keys(LIST_OPERATIONS) as ApiId[]) {
      for (const [name, body] of allExamples(id)) expect(walk(body, `${id}/${name}`)).toEqual([]);
    }
  });
});
