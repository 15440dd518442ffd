/**
 * The test tables of the Huawei-family operations (RDS, DDS, DCS), each written once for its two clouds: a client
 * test file picks its service, names its cloud and factory, and adds what only it has (Huawei's extra fields).
 * Bodies follow the vendors' documents (error codes from their error-code tables).
 */
import type { ClientCase } from "./client-suite.ts";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY } from "./client-suite.ts";

type Factory = ClientCase["create"];
export type HuaweiFamilyProvider = "otc" | "huaweicloud";

export interface FamilyCaseOptions {
  api: string;
  create: Factory;
  provider: HuaweiFamilyProvider;
  /** A region of this cloud and service, and the host it resolves to. */
  region: string;
  host: string;
}

export const PROJECT_ID = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const REQUEST_ID = "3a5cfd1a8f9a4c1fbd6e1fb4a7a3c0d2";
const X_REQUEST_ID = { "X-Request-Id": REQUEST_ID };

const ENV_NAMES = {
  otc: { ak: "OS_ACCESS_KEY", sk: "OS_SECRET_KEY", project: "OS_PROJECT_ID", region: "OS_REGION_NAME" },
  huaweicloud: { ak: "HUAWEICLOUD_SDK_AK", sk: "HUAWEICLOUD_SDK_SK", project: "HUAWEICLOUD_SDK_PROJECT_ID", region: "HW_REGION_NAME" },
} as const;

/** Error bodies both clouds document for their v3/v2 APIs, with the ApiError fields each must give. */
function huaweiErrors(serviceCode: { code: string; message: string }): ClientCase["errors"] {
  return [
    {
      name: "a 400 service error (error_code/error_msg)",
      status: 400,
      body: { error_code: serviceCode.code, error_msg: serviceCode.message },
      headers: X_REQUEST_ID,
      expected: { status: 400, errorCode: serviceCode.code, errorMessage: serviceCode.message, requestId: REQUEST_ID },
    },
    {
      name: "a 401 gateway error ({error: {code, message}})",
      status: 401,
      body: { error: { code: "APIGW.0301", message: "Incorrect IAM authentication information: verify aksk signature fail" } },
      headers: X_REQUEST_ID,
      expected: {
        status: 401,
        errorCode: "APIGW.0301",
        errorMessage: "Incorrect IAM authentication information: verify aksk signature fail",
        requestId: REQUEST_ID,
      },
    },
    {
      name: "a 403 gateway error with the request id only in the body",
      status: 403,
      body: { error_code: "APIGW.0302", error_msg: "The IAM user is not authorized to access the API.", request_id: "body-rid-7" },
      headers: {},
      expected: { status: 403, errorCode: "APIGW.0302", errorMessage: "The IAM user is not authorized to access the API.", requestId: "body-rid-7" },
    },
    {
      name: "a 404 with a non-JSON body",
      status: 404,
      body: "Not Found",
      headers: X_REQUEST_ID,
      expected: { status: 404, errorCode: undefined, errorMessage: "Not Found", requestId: REQUEST_ID },
    },
  ];
}

/**
 * Bad inputs every operation refuses: not an object, bad per-call options, and per id field the usual mistakes;
 * ids that fill a path segment (`pathFields`) also refuse "/", "." and "..".
 */
function badInputs(valid: Record<string, unknown>, idFields: string[], pathFields: string[] = []): ClientCase["badInputs"] {
  const rows: ClientCase["badInputs"] = [
    { name: "a missing input", input: undefined, field: "input" },
    { name: "a string input", input: "b1", field: "input" },
    { name: "per-call options that are not an object", input: valid, options: "fast", field: "options" },
    { name: "a signal that is not an AbortSignal", input: valid, options: { signal: {} }, field: "options.signal" },
  ];
  for (const field of idFields) {
    rows.push(
      { name: `a missing ${field}`, input: { ...valid, [field]: undefined }, field },
      { name: `an empty ${field}`, input: { ...valid, [field]: "" }, field },
      { name: `a whitespace ${field}`, input: { ...valid, [field]: "   " }, field },
      { name: `a ${field} with a trailing newline`, input: { ...valid, [field]: `${String(valid[field])}\n` }, field },
      { name: `a number as ${field}`, input: { ...valid, [field]: 42 }, field },
      { name: `a ${field} with a space inside`, input: { ...valid, [field]: "a b" }, field },
      // encodeURIComponent throws a bare URIError for it: refused as the field's error instead.
      { name: `a ${field} with a lone surrogate`, input: { ...valid, [field]: "a\uD800b" }, field },
    );
  }
  for (const field of pathFields) {
    for (const value of ["a/b", ".", ".."]) rows.push({ name: `${field} ${JSON.stringify(value)} (not one path segment)`, input: { ...valid, [field]: value }, field });
  }
  return rows;
}

function badOptions(): ClientCase["badOptions"] {
  return [
    { name: "an unknown region", options: { region: "mars-1" }, field: "region" },
    { name: "a baseUrl that is not http(s)", options: { baseUrl: "ftp://example.com" }, field: "baseUrl" },
    { name: "a baseUrl with a query", options: { baseUrl: "https://example.com/?x=1" }, field: "baseUrl" },
    { name: "an empty projectId", options: { projectId: "" }, field: "projectId" },
    { name: "a projectId with spaces around", options: { projectId: " p1 " }, field: "projectId" },
    { name: "a projectId with a slash", options: { projectId: "a/b" }, field: "projectId" },
    { name: 'a projectId ".."', options: { projectId: ".." }, field: "projectId" },
    { name: "no projectId (and none in the environment)", options: { projectId: undefined, env: {} }, field: "projectId" },
    { name: "an empty secret key", options: { credentials: { accessKey: TEST_ACCESS_KEY, secretKey: "" } }, field: "credentials.secretKey" },
    { name: "credentials of the wrong type", options: { credentials: "AK:SK" }, field: "credentials" },
    { name: "a negative timeout", options: { timeoutMs: -1 }, field: "timeoutMs" },
    { name: "a fractional timeout", options: { timeoutMs: 1.5 }, field: "timeoutMs" },
    { name: "retry of the wrong type", options: { retry: "yes" }, field: "retry" },
    { name: "zero attempts", options: { retry: { maxAttempts: 0 } }, field: "retry.maxAttempts" },
    { name: "a fetch that is not a function", options: { fetch: "fetch" }, field: "fetch" },
    { name: "a User-Agent with a line break", options: { userAgent: "app/1\r\nX-Evil: 1" }, field: "userAgent" },
  ];
}

function environment(o: FamilyCaseOptions, apiVersion: "v2" | "v3"): ClientCase["environment"] {
  const names = ENV_NAMES[o.provider];
  return {
    env: { [names.ak]: TEST_ACCESS_KEY, [names.sk]: TEST_SECRET_KEY, [names.project]: "envproject", [names.region]: o.region },
    options: {},
    urlPrefix: `https://${o.host}/${apiVersion}/envproject/`,
  };
}

/** An AK/SK-signed GET without body, as RDS and DDS send it. */
function signedGet(url: string): ClientCase["request"] {
  return {
    method: "GET",
    url,
    body: "",
    headerNames: ["authorization", "user-agent", "x-project-id", "x-sdk-date"],
    headers: { "x-project-id": PROJECT_ID },
    signedHeaders: ["host", "x-project-id", "x-sdk-date"],
  };
}
const SIGNED_POST = ["content-type", "host", "x-project-id", "x-sdk-date"];

/** RDS v3 `GET /v3/{project_id}/backup-files?backup_id=`. `file` is the cloud's file item (Huawei adds fields). */
export function rdsCase(o: FamilyCaseOptions & { fileExtraFields?: Record<string, unknown> }): ClientCase {
  const file = {
    name: "43e4feaab48f11e89039fa163ebaa7e4br01.qp",
    size: 2803,
    download_link: "https://obs.eu-de.otc.t-systems.com/rdsbucket.username.1/43e4.qp?AWSAccessKeyId=AKOBS&Expires=1&Signature=sig%3D",
    link_expired_time: "2018-08-16T10:15:14+0800",
    ...o.fileExtraFields,
  };
  const odd = { ...file, name: "odd.qp", size: 1, link_expired_time: "2018-08-016T10:15:14+0800" };
  const input = { backupId: "c0c9f155c7b7423a9d30f0175998b63bbr01" };
  return {
    api: o.api,
    create: o.create,
    options: { region: o.region, projectId: PROJECT_ID },
    signing: { algorithm: "SDK-HMAC-SHA256" },
    tokenAuth: true,
    input,
    request: signedGet(`https://${o.host}/v3/${PROJECT_ID}/backup-files?backup_id=${input.backupId}`),
    success: {
      body: { files: [file, odd], bucket: "rdsbucket.bucketname" },
      headers: X_REQUEST_ID,
      result: {
        files: [
          { ...file, expiresAt: new Date("2018-08-16T02:15:14Z"), sizeBytes: 2803 * 1024 },
          { ...odd, expiresAt: undefined, sizeBytes: 1024 },
        ],
        bucket: "rdsbucket.bucketname",
        requestId: REQUEST_ID,
      },
    },
    badInputs: badInputs(input, ["backupId"]),
    badOptions: badOptions(),
    errors: huaweiErrors({ code: "DBS.200022", message: "The backup does not exist." }),
    environment: environment(o, "v3"),
  };
}

/** DDS v3 `GET /v3/{project_id}/backups/download-file?instance_id=&backup_id=`. */
export function ddsCase(o: FamilyCaseOptions & { fileExtraFields?: Record<string, unknown> }): ClientCase {
  const file = {
    name: "7a2cbd0a3b534e5ab0b3bb1ba6d7ba3ein02_20190828100235_full.tar.gz",
    size: 65,
    download_link: "https://obs.example.com/ddsbucket/7a2c.tar.gz?AccessKeyId=AKOBS&Expires=1&Signature=abc",
    link_expired_time: "2019-09-02T08:23:35+0000",
    ...o.fileExtraFields,
  };
  const input = { instanceId: "7a2cbd0a3b534e5ab0b3bb1ba6d7ba3ein02", backupId: "4a3d0a0e8d8d4f9b9d6b1bd6f8c6f2d1br02" };
  return {
    api: o.api,
    create: o.create,
    options: { region: o.region, projectId: PROJECT_ID },
    signing: { algorithm: "SDK-HMAC-SHA256" },
    tokenAuth: true,
    input,
    request: signedGet(`https://${o.host}/v3/${PROJECT_ID}/backups/download-file?instance_id=${input.instanceId}&backup_id=${input.backupId}`),
    success: {
      body: { files: [file], bucket: "ddsbucket" },
      headers: X_REQUEST_ID,
      result: {
        files: [{ ...file, expiresAt: new Date("2019-09-02T08:23:35Z"), sizeBytes: 65 * 1024 }],
        bucket: "ddsbucket",
        requestId: REQUEST_ID,
      },
    },
    badInputs: badInputs(input, ["instanceId", "backupId"]),
    badOptions: badOptions(),
    errors: huaweiErrors({ code: "DBS.201015", message: "The backup does not exist." }),
    environment: environment(o, "v3"),
  };
}

/** DCS v2 `POST /v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links`, body `{"expiration": n}`. */
export function dcsCase(o: FamilyCaseOptions): ClientCase {
  const input = { instanceId: "d9c1b7a3-6b9e-4c0e-9b8e-1f2a3b4c5d6e", backupId: "5c3f9b2e-8d7a-4e6b-9c1d-0a2b3c4d5e6f", expiration: 3600 };
  const body = {
    file_path: "redis_backup/5c3f9b2e",
    bucket_name: "dcs-backup-bucket",
    links: [{ file_name: "backup_1.rdb", link: "https://obs.example.com/dcs/backup_1.rdb?AWSAccessKeyId=AK&Expires=1&Signature=s" }],
  };
  const dcsError = { error_code: "111400063", error_msg: "The backup record does not exist.", error_ext_msg: null };
  return {
    api: o.api,
    create: o.create,
    options: { region: o.region, projectId: PROJECT_ID },
    signing: { algorithm: "SDK-HMAC-SHA256" },
    tokenAuth: true,
    input,
    request: {
      method: "POST",
      url: `https://${o.host}/v2/${PROJECT_ID}/instances/${input.instanceId}/backups/${input.backupId}/links`,
      body: '{"expiration":3600}',
      headerNames: ["authorization", "content-type", "user-agent", "x-project-id", "x-sdk-date"],
      headers: { "x-project-id": PROJECT_ID, "content-type": "application/json;charset=UTF-8" },
      signedHeaders: SIGNED_POST,
    },
    success: {
      body,
      headers: X_REQUEST_ID,
      // The suite runs at a fixed clock: links last `expiration` seconds from when the request was sent.
      result: { ...body, expiresAt: new Date(Date.parse("2026-03-04T05:06:07.000Z") + 3600_000), expiration: 3600, requestId: REQUEST_ID },
    },
    badInputs: [
      ...badInputs(input, ["instanceId", "backupId"], ["instanceId", "backupId"]),
      { name: "an expiration below 300", input: { ...input, expiration: 299 }, field: "expiration" },
      { name: "an expiration above 86400", input: { ...input, expiration: 86401 }, field: "expiration" },
      { name: "a fractional expiration", input: { ...input, expiration: 1800.5 }, field: "expiration" },
      { name: "an expiration as a string", input: { ...input, expiration: "1800" }, field: "expiration" },
      { name: "a NaN expiration", input: { ...input, expiration: Number.NaN }, field: "expiration" },
    ],
    badOptions: badOptions(),
    errors: [
      {
        name: "a 400 DCS error (error_code/error_msg/error_ext_msg null)",
        status: 400,
        body: dcsError,
        headers: X_REQUEST_ID,
        expected: { status: 400, errorCode: "111400063", errorMessage: "The backup record does not exist.", errorDetail: undefined, requestId: REQUEST_ID },
      },
      {
        name: "a 500 DCS error with an extended message",
        status: 500,
        body: { error_code: "111500001", error_msg: "Internal error.", error_ext_msg: "obs unavailable" },
        headers: X_REQUEST_ID,
        expected: { status: 500, errorCode: "111500001", errorMessage: "Internal error.", errorDetail: "obs unavailable", requestId: REQUEST_ID },
      },
      ...huaweiErrors({ code: "111400002", message: "Invalid request parameter." }).slice(1),
    ],
    environment: environment(o, "v2"),
  };
}
