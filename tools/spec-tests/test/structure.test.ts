/**
 * Structural checks per bundled spec: the operations, their parameters (name, location, required, type, bounds),
 * request bodies, documented responses, security alternatives, servers and their region enums.
 */
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, deref, operationParameters, type OpenApiDocument } from "@backup-links/testkit/schema.ts";
import { API_IDS, DCS_MEDIA_TYPE, JD_LEGACY_PATH, OPERATIONS, bundledSpec, type ApiId } from "./support.ts";

type Json = Record<string, any>;

function operation(spec: OpenApiDocument, path: string, method: string): Json {
  return spec.paths[path]![method] as Json;
}

/** Operation ids of a spec, as `METHOD path operationId`. */
function operationList(spec: OpenApiDocument): string[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path} ${(item[m] as Json).operationId}`),
  );
}

/** A compact view of each parameter: what a client generator and a validator rely on. */
function parameterSummary(spec: OpenApiDocument, path: string, method: "get" | "post") {
  return operationParameters(spec, path, method).map((p) => {
    const { value: schema } = deref<Json>(spec, p.schema, `${p.at}/schema`);
    const bounds: Json = {};
    for (const key of ["minLength", "maxLength", "pattern", "minimum", "maximum", "enum", "default", "format"]) if (key in schema) bounds[key] = schema[key];
    return { name: p.name, in: p.in, required: p.required ?? false, type: schema.type, ...bounds };
  });
}

function responseCodes(spec: OpenApiDocument, path: string, method: string): string[] {
  return Object.keys(operation(spec, path, method).responses);
}

const TITLES: Record<ApiId, string> = {
  "otc-rds": "Open Telekom Cloud RDS — backup download links",
  "huaweicloud-rds": "Huawei Cloud RDS — backup download links",
  "otc-dds": "Open Telekom Cloud DDS — backup download links",
  "huaweicloud-dds": "Huawei Cloud DDS — backup download links",
  "huaweicloud-dcs": "Huawei Cloud DCS — backup file links",
  "otc-dcs": "Open Telekom Cloud DCS — backup file links",
  "jdcloud-rds": "JD Cloud RDS — backup download URL",
};

const HUAWEI_SECURITY = [{ akskSignature: [] }, { iamToken: [] }];
const ID_NO_WS = { minLength: 1, pattern: "^\\S+$" };
const PATH_ID = { minLength: 1, pattern: "^(?!\\.\\.?$)[^\\s/]+$" };
const PROJECT_ID = { name: "project_id", in: "path", required: true, type: "string", ...PATH_ID };

const HUAWEI_RDS_REGIONS = [
  "af-south-1", "cn-north-4", "cn-north-1", "cn-east-2", "cn-east-3", "cn-east-5", "cn-east-4", "cn-south-1", "cn-southwest-2",
  "ap-southeast-2", "ap-southeast-1", "ap-southeast-3", "ru-northwest-2", "sa-brazil-1", "la-north-2", "cn-south-2",
  "na-mexico-1", "la-south-2", "cn-north-9", "cn-north-2", "tr-west-1", "ap-southeast-4", "ae-ad-1", "eu-west-0",
  "my-kualalumpur-1", "ru-moscow-1", "me-east-1", "af-north-1",
];
const HUAWEI_DDS_REGIONS = [
  "af-south-1", "cn-north-4", "cn-north-1", "cn-east-2", "cn-east-3", "cn-south-1", "cn-southwest-2", "ap-southeast-2",
  "ap-southeast-1", "ap-southeast-3", "ru-northwest-2", "cn-south-2", "cn-north-2", "na-mexico-1", "la-north-2", "sa-brazil-1",
  "la-south-2", "cn-north-9", "me-east-1", "tr-west-1", "ap-southeast-4", "eu-west-0", "my-kualalumpur-1", "ru-moscow-1", "ae-ad-1",
];
const HUAWEI_DCS_REGIONS = [
  "af-south-1", "cn-north-2", "cn-north-4", "cn-north-1", "cn-east-2", "cn-east-3", "cn-south-1", "cn-south-2", "cn-southwest-2",
  "ap-southeast-2", "ap-southeast-1", "ap-southeast-3", "ru-northwest-2", "sa-brazil-1", "la-north-2", "la-south-2", "cn-north-9",
  "na-mexico-1", "ae-ad-1", "tr-west-1", "ap-southeast-4", "eu-west-101", "me-east-1", "eu-west-0", "cn-east-5",
  "my-kualalumpur-1", "ru-moscow-1",
];

describe.each(API_IDS)("%s common structure", (id) => {
  const spec = bundledSpec(id);
  it("is OpenAPI 3.1 with title, version, description, contact and MIT licence", () => {
    expect(spec.openapi).toBe("3.1.0");
    const info = spec.info as Json;
    expect(info.title).toBe(TITLES[id]);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.description.length).toBeGreaterThan(200);
    expect(info.license).toEqual({ name: "MIT", identifier: "MIT" });
    expect(info.contact.url).toMatch(/^https:\/\//);
  });
  it("declares the Backups tag with a description", () => {
    expect(spec.tags).toEqual([{ name: "Backups", description: expect.stringMatching(/download/) }]);
  });
  it("gives every operation an id, summary, description, the Backups tag, security and a 4xx response", () => {
    for (const item of Object.values(spec.paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
        expect(op.summary.length).toBeGreaterThan(10);
        expect(op.description.length).toBeGreaterThan(100);
        expect(op.tags).toEqual(["Backups"]);
        expect(op.security.length).toBeGreaterThan(0);
        expect(Object.keys(op.responses).filter((c) => c.startsWith("4")).length).toBeGreaterThan(0);
      }
    }
  });
  it("documents 200, 400, 401, 403, 404 and 500, each with a JSON body and a request-id header", () => {
    const { path, method } = OPERATIONS[id];
    expect(responseCodes(spec, path, method)).toEqual(["200", "400", "401", "403", "404", "500"]);
    const header = id === "jdcloud-rds" ? "x-jdcloud-request-id" : "X-Request-Id";
    for (const [code, raw] of Object.entries(operation(spec, path, method).responses)) {
      const { value } = deref<Json>(spec, raw, code);
      expect(Object.keys(value.content), code).toEqual(["application/json"]);
      expect(Object.keys(value.headers), code).toEqual([header]);
      expect(Object.keys(value.content["application/json"].examples).length, code).toBeGreaterThan(0);
    }
  });
});

describe("otc-rds / huaweicloud-rds", () => {
  const otc = bundledSpec("otc-rds");
  const huawei = bundledSpec("huaweicloud-rds");
  const { path } = OPERATIONS["otc-rds"];
  it("have exactly the download-link operation and the list operation", () => {
    const expected = ["GET /v3/{project_id}/backup-files showBackupDownloadLink", "GET /v3/{project_id}/backups listBackups"];
    expect(operationList(otc)).toEqual(expected);
    expect(operationList(huawei)).toEqual(expected);
  });
  it("take project_id in the path and backup_id in the query (Huawei adds the optional X-Language header)", () => {
    const backupId = { name: "backup_id", in: "query", required: true, type: "string", ...ID_NO_WS };
    expect(parameterSummary(otc, path, "get")).toEqual([PROJECT_ID, backupId]);
    expect(parameterSummary(huawei, path, "get")).toEqual([
      PROJECT_ID,
      { name: "X-Language", in: "header", required: false, type: "string", enum: ["en-us", "zh-cn"], default: "en-us" },
      backupId,
    ]);
  });
  it("have no request body and offer AK/SK signing or an IAM token", () => {
    for (const spec of [otc, huawei]) {
      expect(operation(spec, path, "get").requestBody).toBeUndefined();
      expect(operation(spec, path, "get").security).toEqual(HUAWEI_SECURITY);
      expect(spec.security).toEqual(HUAWEI_SECURITY);
    }
  });
  it("OTC serves eu-de and eu-nl, plus the inferred Swiss endpoint", () => {
    expect(otc.servers).toEqual([
      { url: "https://rds.{region}.otc.t-systems.com", description: expect.any(String), variables: { region: { description: expect.any(String), enum: ["eu-de", "eu-nl"], default: "eu-de" } } },
      { url: "https://rds.eu-ch2.sc.otc.t-systems.com", description: expect.stringMatching(/inferred/) },
    ]);
  });
  it("Huawei serves the SDK's region list, with eu-west-101 under .myhuaweicloud.eu", () => {
    const servers = huawei.servers as Json[];
    expect(servers.map((s) => s.url)).toEqual(["https://rds.{region}.myhuaweicloud.com", "https://rds.eu-west-101.myhuaweicloud.eu"]);
    expect(servers[0]!.variables.region.enum).toEqual(HUAWEI_RDS_REGIONS);
    expect(servers[0]!.variables.region.default).toBe("cn-north-4");
  });
  it("file items: size is int64 kilobytes, link_expired_time a patterned string (not date-time), database_name only on Huawei", () => {
    const file = otc.components!.schemas!.BackupFile as Json;
    expect(file.required).toEqual(["name", "size", "download_link", "link_expired_time"]);
    expect(file.properties.size).toMatchObject({ type: "integer", format: "int64", minimum: 0 });
    expect(file.properties.size.description).toMatch(/kilobytes/i);
    const expiry = otc.components!.schemas!.LinkExpiredTime as Json;
    expect(expiry.type).toBe("string");
    expect(expiry.format).toBeUndefined();
    expect(Object.keys(file.properties)).not.toContain("database_name");
    const huaweiFile = huawei.components!.schemas!.HuaweiRdsBackupFile as Json;
    expect(huaweiFile.allOf[0]).toEqual({ $ref: "#/components/schemas/BackupFile" });
    expect(Object.keys(huaweiFile.allOf[1].properties)).toEqual(["database_name"]);
  });
});

describe("otc-dds / huaweicloud-dds", () => {
  const otc = bundledSpec("otc-dds");
  const huawei = bundledSpec("huaweicloud-dds");
  const { path } = OPERATIONS["otc-dds"];
  it("have exactly the download-link operation and the list operation", () => {
    for (const spec of [otc, huawei]) {
      expect(operationList(spec)).toEqual(["GET /v3/{project_id}/backups/download-file showBackupDownloadLink", "GET /v3/{project_id}/backups listBackups"]);
    }
  });
  it("take instance_id and backup_id in the query, both required", () => {
    const expected = [
      PROJECT_ID,
      { name: "instance_id", in: "query", required: true, type: "string", ...ID_NO_WS },
      { name: "backup_id", in: "query", required: true, type: "string", ...ID_NO_WS },
    ];
    expect(parameterSummary(otc, path, "get")).toEqual(expected);
    expect(parameterSummary(huawei, path, "get")).toEqual(expected);
  });
  it("OTC says the link is valid 15 minutes after the last refresh", () => {
    expect(operation(otc, path, "get").description).toMatch(/valid for 15 minutes after it was last refreshed/);
  });
  it("Huawei notes the rds. host in its example as a typo", () => {
    expect((huawei.info as Json).description).toMatch(/`rds\.` host[\s\S]*typo/);
  });
  it("security and servers", () => {
    for (const spec of [otc, huawei]) expect(operation(spec, path, "get").security).toEqual(HUAWEI_SECURITY);
    expect((otc.servers as Json[]).map((s) => [s.url, s.variables?.region.enum])).toEqual([["https://dds.{region}.otc.t-systems.com", ["eu-de", "eu-nl"]]]);
    const servers = huawei.servers as Json[];
    expect(servers.map((s) => s.url)).toEqual(["https://dds.{region}.myhuaweicloud.com", "https://dds.eu-west-101.myhuaweicloud.eu"]);
    expect(servers[0]!.variables.region.enum).toEqual(HUAWEI_DDS_REGIONS);
  });
  it("Huawei's file item adds optional group_id and group_name", () => {
    const file = huawei.components!.schemas!.HuaweiDdsBackupFile as Json;
    expect(Object.keys(file.allOf[1].properties)).toEqual(["group_id", "group_name"]);
    expect(file.allOf[1].required).toBeUndefined();
  });
});

describe("huaweicloud-dcs / otc-dcs", () => {
  const huawei = bundledSpec("huaweicloud-dcs");
  const otc = bundledSpec("otc-dcs");
  const { path } = OPERATIONS["huaweicloud-dcs"];
  it("have exactly POST .../backups/{backup_id}/links listBackupFileLinks and GET .../backups listBackupRecords", () => {
    for (const spec of [huawei, otc]) {
      expect(operationList(spec)).toEqual([`POST ${path} listBackupFileLinks`, "GET /v2/{project_id}/instances/{instance_id}/backups listBackupRecords"]);
    }
  });
  it("take project_id, instance_id and backup_id in the path", () => {
    const expected = [
      PROJECT_ID,
      { name: "instance_id", in: "path", required: true, type: "string", ...PATH_ID },
      { name: "backup_id", in: "path", required: true, type: "string", ...PATH_ID },
    ];
    for (const spec of [huawei, otc]) expect(parameterSummary(spec, path, "post")).toEqual(expected);
  });
  it("require a JSON body sent as application/json;charset=UTF-8 with an integer expiration 300..86400", () => {
    for (const spec of [huawei, otc]) {
      const { value: body } = deref<Json>(spec, operation(spec, path, "post").requestBody, "requestBody");
      expect(body.required).toBe(true);
      expect(Object.keys(body.content)).toEqual([DCS_MEDIA_TYPE]);
      const schema = spec.components!.schemas!.DownloadBackupFilesReq as Json;
      expect(schema.required).toEqual(["expiration"]);
      expect(schema.properties.expiration).toMatchObject({ type: "integer", format: "int32", minimum: 300, maximum: 86400 });
    }
  });
  it("cap links at 64 and bound the error body (code 9, messages 1024, error_ext_msg null-able)", () => {
    const links = huawei.components!.schemas!.BackupFileLinks as Json;
    expect(links.properties.links.maxItems).toBe(64);
    const error = huawei.components!.schemas!.DcsErrorBody as Json;
    expect(error.properties.error_code).toMatchObject({ type: "string", minLength: 1, maxLength: 9 });
    expect(error.properties.error_msg).toMatchObject({ type: "string", maxLength: 1024 });
    expect(error.properties.error_ext_msg).toMatchObject({ type: ["string", "null"], maxLength: 1024 });
  });
  it("security and servers (DCS eu-west-101 is under .com)", () => {
    for (const spec of [huawei, otc]) expect(operation(spec, path, "post").security).toEqual(HUAWEI_SECURITY);
    const servers = huawei.servers as Json[];
    expect(servers.map((s) => s.url)).toEqual(["https://dcs.{region}.myhuaweicloud.com"]);
    expect(servers[0]!.variables.region.enum).toEqual(HUAWEI_DCS_REGIONS);
    expect((otc.servers as Json[]).map((s) => [s.url, s.variables.region.enum, s.variables.region.default])).toEqual([
      ["https://dcs.{region}.otc.t-systems.com", ["eu-de", "eu-nl"], "eu-de"],
    ]);
  });
});

describe("jdcloud-rds", () => {
  const spec = bundledSpec("jdcloud-rds");
  const { path } = OPERATIONS["jdcloud-rds"];
  it("has the SDKs' path and the seed's older path, the older one deprecated, and the list", () => {
    expect(operationList(spec)).toEqual([
      `GET ${path} describeBackupDownloadURL`,
      `GET ${JD_LEGACY_PATH} describeBackupDownloadURLLegacy`,
      "GET /v1/regions/{regionId}/backups describeBackups",
    ]);
    expect(operation(spec, path, "get").deprecated).toBeUndefined();
    expect(operation(spec, JD_LEGACY_PATH, "get").deprecated).toBe(true);
  });
  it("both paths take the same parameters", () => {
    const expected = [
      { name: "regionId", in: "path", required: true, type: "string", enum: ["cn-north-1", "cn-east-1", "cn-east-2", "cn-south-1"] },
      { name: "backupId", in: "path", required: true, type: "string", minLength: 1, pattern: "^(?!\\.\\.?$)[^\\s/:]+$" },
      { name: "fileName", in: "query", required: false, type: "string", minLength: 1, pattern: "^[^\\s/\\\\\\u0000-\\u001f\\u007f]([^/\\\\\\u0000-\\u001f\\u007f]*[^\\s/\\\\\\u0000-\\u001f\\u007f])?$" },
      { name: "urlExpirationSecond", in: "query", required: false, type: "string", pattern: "^([1-9][0-9]{0,3}|[1-7][0-9]{4}|8[0-5][0-9]{3}|86[0-3][0-9]{2}|86400)$" },
    ];
    expect(parameterSummary(spec, path, "get")).toEqual(expected);
    expect(parameterSummary(spec, JD_LEGACY_PATH, "get")).toEqual(expected);
  });
  it("explains the engine rules and the expiration range in the descriptions", () => {
    expect(operation(spec, path, "get").description).toMatch(/SQL Server must pass `fileName`[\s\S]*MySQL/);
    const expiry = operationParameters(spec, path, "get").find((p) => p.name === "urlExpirationSecond")!;
    expect(expiry.description).toMatch(/1\.\.86400[\s\S]*864000/);
  });
  it("is signed with JDCLOUD2 and served from rds.jdcloud-api.com", () => {
    expect(operation(spec, path, "get").security).toEqual([{ jdcloudSignature: [] }]);
    expect(spec.components!.securitySchemes!.jdcloudSignature).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect((spec.components!.securitySchemes!.jdcloudSignature as Json).description).toMatch(/JDCLOUD2-HMAC-SHA256/);
    expect(spec.servers).toEqual([{ url: "https://rds.jdcloud-api.com", description: expect.any(String) }]);
  });
});

describe("Huawei-family security schemes", () => {
  it.each(["otc-rds", "huaweicloud-rds", "otc-dds", "huaweicloud-dds", "huaweicloud-dcs", "otc-dcs"] as ApiId[])("%s", (id) => {
    const schemes = bundledSpec(id).components!.securitySchemes as Json;
    expect(Object.keys(schemes)).toEqual(["akskSignature", "iamToken"]);
    expect(schemes.akskSignature).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(schemes.akskSignature.description).toMatch(/SDK-HMAC-SHA256[\s\S]*X-Sdk-Date[\s\S]*X-Project-Id[\s\S]*X-Security-Token/);
    expect(schemes.iamToken).toMatchObject({ type: "apiKey", in: "header", name: "X-Auth-Token" });
  });
});
