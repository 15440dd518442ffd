/**
 * The vendors' own example bodies (fixtures/, copied from the seed documents) validate against the specs, the
 * specs carry them verbatim as named examples, and values that break a documented rule are rejected.
 */
import { describe, expect, it } from "vitest";
import {
  compileParameterValidator,
  compileRequestBodyValidator,
  compileResponseValidator,
  formatErrors,
  type HttpMethod,
} from "@backup-links/testkit/schema.ts";
import { DCS_MEDIA_TYPE, JD_LEGACY_PATH, OPERATIONS, bundledSpec, fixture, type ApiId } from "./support.ts";

function responseValidator(id: ApiId, status: number | string) {
  const { path, method } = OPERATIONS[id];
  return compileResponseValidator(bundledSpec(id), path, method, status);
}

function namedResponseExample(id: ApiId, status: string, name: string): unknown {
  const spec = bundledSpec(id);
  const { path, method } = OPERATIONS[id];
  const operation = spec.paths[path]?.[method] as { responses: Record<string, { $ref: string }> };
  const responseName = operation.responses[status]!.$ref.split("/").pop()!;
  const response = spec.components!.responses![responseName] as { content: Record<string, { examples: Record<string, { value: unknown }> }> };
  return response.content["application/json"]!.examples[name]!.value;
}

/** Assert a validator accepts a value, showing Ajv's errors when it does not. */
function expectValid(validate: ReturnType<typeof responseValidator>, value: unknown): void {
  const ok = validate(value);
  expect(ok, formatErrors(validate.errors)).toBe(true);
}

/** Assert a validator rejects a value, and that the failure is the expected keyword at the expected place. */
function expectInvalid(validate: ReturnType<typeof responseValidator>, value: unknown, instancePath: string, keyword: string): void {
  expect(validate(value)).toBe(false);
  expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toContain(`${instancePath} ${keyword}`);
}

const clone = <T>(value: T): T => structuredClone(value);

describe("seed example responses validate against the 200 schema", () => {
  const cases: [string, ApiId, string][] = [
    ["seed 000 (OTC RDS)", "otc-rds", "seed-000-otc-rds-200.json"],
    ["seed 000 (same API on Huawei Cloud)", "huaweicloud-rds", "seed-000-otc-rds-200.json"],
    ["seed 001 (Huawei DDS)", "huaweicloud-dds", "seed-001-huaweicloud-dds-200.json"],
    ["seed 002 (OTC DDS)", "otc-dds", "seed-002-otc-dds-200.json"],
    ["seed 003 (Huawei DCS)", "huaweicloud-dcs", "seed-003-huaweicloud-dcs-200.json"],
    ["seed 003 (same API on OTC)", "otc-dcs", "seed-003-huaweicloud-dcs-200.json"],
  ];
  it.each(cases)("%s against %s", (_label, id, file) => {
    expectValid(responseValidator(id, 200), fixture(file));
  });
});

describe("the specs carry the seed examples verbatim as the `documented` example", () => {
  it.each([
    ["otc-rds", "seed-000-otc-rds-200.json"],
    ["huaweicloud-rds", "seed-000-otc-rds-200.json"],
    ["otc-dds", "seed-002-otc-dds-200.json"],
    ["huaweicloud-dds", "seed-001-huaweicloud-dds-200.json"],
    ["huaweicloud-dcs", "seed-003-huaweicloud-dcs-200.json"],
    ["otc-dcs", "seed-003-huaweicloud-dcs-200.json"],
  ] as [ApiId, string][])("%s", (id, file) => {
    expect(namedResponseExample(id, "200", "documented")).toEqual(fixture(file));
  });

  it.each(["huaweicloud-dcs", "otc-dcs"] as ApiId[])("%s request body (expiration 1800)", (id) => {
    const spec = bundledSpec(id);
    const body = spec.components!.requestBodies!.DownloadBackupFilesRequest as { content: Record<string, { examples: Record<string, { value: unknown }> }> };
    expect(body.content[DCS_MEDIA_TYPE]!.examples.documented!.value).toEqual(fixture("seed-003-huaweicloud-dcs-request.json"));
  });
});

describe("seed 003 request body validates against the DCS request schema", () => {
  it.each(["huaweicloud-dcs", "otc-dcs"] as ApiId[])("%s", (id) => {
    const { path, method } = OPERATIONS[id];
    expectValid(compileRequestBodyValidator(bundledSpec(id), path, method, DCS_MEDIA_TYPE), fixture("seed-003-huaweicloud-dcs-request.json"));
  });
});

describe("link_expired_time accepts the vendors' forms and nothing else", () => {
  const validate = responseValidator("otc-rds", 200);
  const withExpiry = (value: unknown) => {
    const body = clone(fixture("seed-000-otc-rds-200.json")) as { files: { link_expired_time: unknown }[] };
    body.files[0]!.link_expired_time = value;
    return body;
  };
  it.each([
    "2018-08-016T10:15:14+0800",
    "2018-08-16T10:15:14+0800",
    "2018-08-16T10:15:14+08:00",
    "2018-08-16T02:15:14Z",
    "2018-08-16T02:15:14.123Z",
    "2018-08-16T10:15:14-0330",
  ])("accepts %s", (value) => expectValid(validate, withExpiry(value)));
  it.each(["tomorrow", "", "2018-08-16 10:15:14", "2018-08-16T10:15:14", "2018-08-16T10:15:14+8", "1566308915"])("rejects %j", (value) =>
    expectInvalid(validate, withExpiry(value), "/files/0/link_expired_time", value === "" ? "minLength" : "pattern"),
  );
  it("rejects a number", () => expectInvalid(validate, withExpiry(1566308915), "/files/0/link_expired_time", "type"));
});

describe("RDS/DDS file items", () => {
  const validate = responseValidator("huaweicloud-dds", 200);
  const base = () => clone(fixture("seed-001-huaweicloud-dds-200.json")) as { files: Record<string, unknown>[]; bucket?: unknown };
  it("size is a non-negative integer (kilobytes)", () => {
    const negative = base();
    negative.files[0]!.size = -1;
    expectInvalid(validate, negative, "/files/0/size", "minimum");
    const text = base();
    text.files[0]!.size = "2803";
    expectInvalid(validate, text, "/files/0/size", "type");
    const fraction = base();
    fraction.files[0]!.size = 2.5;
    expectInvalid(validate, fraction, "/files/0/size", "type");
  });
  it("requires the four item fields, not files or bucket (the SDK models those optional)", () => {
    const noBucket = base();
    delete noBucket.bucket;
    expectValid(validate, noBucket);
    expectValid(validate, {});
    const noLink = base();
    delete noLink.files[0]!.download_link;
    expectInvalid(validate, noLink, "/files/0", "required");
  });
  it("accepts Huawei's optional group fields as strings only", () => {
    const grouped = base();
    Object.assign(grouped.files[0]!, { group_id: "8f52cfa9c8b8455f9a3d6e2a2b8f6c1bgr02", group_name: "shard_1" });
    expectValid(validate, grouped);
    grouped.files[0]!.group_name = 1;
    expectInvalid(validate, grouped, "/files/0/group_name", "type");
  });
  it("accepts Huawei RDS's optional database_name in each documented form: a name, empty, null", () => {
    const rds = responseValidator("huaweicloud-rds", 200);
    const body = clone(fixture("seed-000-otc-rds-200.json")) as { files: Record<string, unknown>[] };
    for (const value of ["my_test_db", "", null]) {
      body.files[0]!.database_name = value;
      expectValid(rds, body);
    }
    body.files[0]!.database_name = 1;
    expectInvalid(rds, body, "/files/0/database_name", "type");
  });
});

describe("DCS bodies", () => {
  const ok = responseValidator("huaweicloud-dcs", 200);
  const withLinks = (count: number) => {
    const body = clone(fixture("seed-003-huaweicloud-dcs-200.json")) as { links: unknown[] };
    const link = body.links[0];
    body.links = Array.from({ length: count }, () => clone(link));
    return body;
  };
  it("accepts 64 links", () => expectValid(ok, withLinks(64)));
  it("rejects 65 links", () => expectInvalid(ok, withLinks(65), "/links", "maxItems"));
  it("requires no field (the SDK models all optional) but types what is there", () => {
    expectValid(ok, {});
    expectValid(ok, { links: [{ file_name: "a.rdb" }, { link: "https://obs.example.com/a.rdb" }] });
    expectInvalid(ok, { links: [{ link: "" }] }, "/links/0/link", "minLength");
    expectInvalid(ok, { bucket_name: 5 }, "/bucket_name", "type");
  });

  const badRequest = responseValidator("huaweicloud-dcs", 400);
  const error = (fields: Record<string, unknown>) => ({ error_msg: "Invalid project ID format.", error_code: "111400002", error_ext_msg: null, ...fields });
  it("accepts a 9-character error_code and a null error_ext_msg", () => expectValid(badRequest, error({})));
  it("rejects a 10-character error_code", () => expectInvalid(badRequest, error({ error_code: "1114000020" }), "/error_code", "maxLength"));
  it("rejects an error_msg longer than 1024", () => expectInvalid(badRequest, error({ error_msg: "x".repeat(1025) }), "/error_msg", "maxLength"));
  it("accepts a string error_ext_msg up to 1024 and rejects a longer one or a number", () => {
    expectValid(badRequest, error({ error_ext_msg: "x".repeat(1024) }));
    expectInvalid(badRequest, error({ error_ext_msg: "x".repeat(1025) }), "/error_ext_msg", "maxLength");
    expectInvalid(badRequest, error({ error_ext_msg: 5 }), "/error_ext_msg", "type");
  });

  describe.each(["huaweicloud-dcs", "otc-dcs"] as ApiId[])("%s request body", (id) => {
    const { path, method } = OPERATIONS[id];
    const body = compileRequestBodyValidator(bundledSpec(id), path, method, DCS_MEDIA_TYPE);
    it.each([300, 1800, 86400])("accepts expiration %i", (expiration) => expectValid(body, { expiration }));
    it.each([
      [299, "minimum"],
      [86401, "maximum"],
      [1800.5, "type"],
      ["1800", "type"],
    ] as [unknown, string][])("rejects expiration %j (%s)", (expiration, keyword) => expectInvalid(body, { expiration }, "/expiration", keyword));
    it("rejects a body without expiration", () => expectInvalid(body, {}, "", "required"));
  });
});

describe("identifiers are non-empty and not blank", () => {
  it.each([
    ["otc-rds", "backup_id", "query"],
    ["otc-dds", "instance_id", "query"],
    ["huaweicloud-dcs", "instance_id", "path"],
    ["jdcloud-rds", "backupId", "path"],
  ] as [ApiId, string, "query" | "path"][])("%s %s", (id, name, location) => {
    const { path, method } = OPERATIONS[id];
    const validate = compileParameterValidator(bundledSpec(id), path, method as HttpMethod, name, location);
    expect(validate("c0c9f155c7b7423a9d30f0175998b63bbr01")).toBe(true);
    expect(validate("")).toBe(false);
    expect(validate("   ")).toBe(false);
    expect(validate("a b")).toBe(false);
  });
  it("project_id rejects a slash", () => {
    const validate = compileParameterValidator(bundledSpec("otc-rds"), OPERATIONS["otc-rds"].path, "get", "project_id", "path");
    expect([validate("97b026aa9cc4417888c14c84a1ad9860"), validate("a/b"), validate("")]).toEqual([true, false, false]);
  });
  // A URL parser folds "." and ".." path segments away, so such an id would address another resource.
  it.each([
    ["otc-rds", "project_id"],
    ["huaweicloud-dcs", "instance_id"],
    ["otc-dcs", "backup_id"],
    ["jdcloud-rds", "backupId"],
  ] as [ApiId, string][])("%s path parameter %s rejects the dot segments", (id, name) => {
    const { path, method } = OPERATIONS[id];
    const validate = compileParameterValidator(bundledSpec(id), path, method as HttpMethod, name, "path");
    expect([".", "..", "...", ".a", "a.", "a..b"].map((v) => validate(v))).toEqual([false, false, true, true, true, true]);
  });
});

describe("JD Cloud parameters and envelopes", () => {
  const spec = bundledSpec("jdcloud-rds");
  const { path } = OPERATIONS["jdcloud-rds"];
  const expiry = compileParameterValidator(spec, path, "get", "urlExpirationSecond", "query");
  it.each(["1", "9", "300", "3600", "9999", "10000", "79999", "85999", "86399", "86400"])("urlExpirationSecond accepts %j", (value) => {
    expect(expiry(value), formatErrors(expiry.errors)).toBe(true);
  });
  it.each(["0", "86401", "86500", "90000", "864000", "007", "-1", "3600s", "", " 300", 3600])("urlExpirationSecond rejects %j", (value) => {
    expect(expiry(value)).toBe(false);
  });
  it("the legacy path takes the same urlExpirationSecond rule", () => {
    const legacy = compileParameterValidator(spec, JD_LEGACY_PATH, "get", "urlExpirationSecond", "query");
    expect([legacy("86400"), legacy("86401")]).toEqual([true, false]);
  });
  it("fileName is a plain, trimmed file name", () => {
    const fileName = compileParameterValidator(spec, path, "get", "fileName", "query");
    expect(["my_test_db.bak", "a", "db with space.bak"].map((v) => fileName(v))).toEqual([true, true, true]);
    expect(["", " my_test_db.bak", "my_test_db.bak ", "dir/my_test_db.bak", "dir\\x.bak"].map((v) => fileName(v))).toEqual([false, false, false, false, false]);
    expect(["x\n.bak", "x\u0000.bak", "x\u007f.bak", "x\t.bak"].map((v) => fileName(v))).toEqual([false, false, false, false]);
    // A control character that is not whitespace at either end (or alone) is refused too, not only inside.
    expect(["\u0001x.bak", "x.bak\u001f", "\u007f", "\u0000"].map((v) => fileName(v))).toEqual([false, false, false, false]);
  });
  it("regionId is one of the four documented regions", () => {
    const region = compileParameterValidator(spec, path, "get", "regionId", "path");
    expect(["cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1", "eu-de", "cn-north-4"].map((v) => region(v))).toEqual([true, true, true, true, false, false]);
  });
  it("the success envelope requires nothing (the SDK marks both URLs optional) but types what is there", () => {
    const ok = responseValidator("jdcloud-rds", 200);
    expectValid(ok, { requestId: "r1", result: { publicURL: "", internalURL: "" } });
    expectValid(ok, { result: { publicURL: "", internalURL: "" } });
    expectValid(ok, { requestId: "r1", result: { publicURL: "" } });
    expectValid(ok, {});
    expectInvalid(ok, { requestId: "r1", result: { publicURL: 5 } }, "/result/publicURL", "type");
    expectInvalid(ok, { requestId: 7 }, "/requestId", "type");
  });
  it("the error envelope has a numeric code, a status word and a message", () => {
    const notFound = responseValidator("jdcloud-rds", 404);
    expectValid(notFound, { requestId: "r1", error: { code: 404, status: "NOT_FOUND", message: "backup not found" } });
    expectInvalid(notFound, { requestId: "r1", error: { code: "404", status: "NOT_FOUND", message: "x" } }, "/error/code", "type");
    expectInvalid(notFound, { error: { code: 404, status: "NOT_FOUND", message: "x" } }, "", "required");
  });
});

describe("Huawei-family error bodies", () => {
  const nested = { error: { code: "APIGW.0307", message: "The token must be updated." } };
  const flat = { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information." };
  it("Huawei Cloud specs accept both the flat and the nested gateway form", () => {
    for (const id of ["huaweicloud-rds", "huaweicloud-dds", "huaweicloud-dcs"] as ApiId[]) {
      const validate = responseValidator(id, 401);
      expect([validate(flat), validate(nested)], id).toEqual([true, true]);
    }
  });
  it("OTC specs accept only the flat form", () => {
    for (const id of ["otc-rds", "otc-dds", "otc-dcs"] as ApiId[]) {
      const validate = responseValidator(id, 401);
      expect([validate(flat), validate(nested)], id).toEqual([true, false]);
    }
  });
  it("a body with neither form is rejected", () => {
    const validate = responseValidator("huaweicloud-rds", 400);
    expect(validate({ message: "oops" })).toBe(false);
  });
});
