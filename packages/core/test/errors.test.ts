import { describe, expect, it } from "vitest";
import {
  ApiError,
  BackupLinksError,
  CredentialsError,
  NetworkError,
  TimeoutError,
  ValidationError,
  apiErrorFromResponse,
  parseApiErrorBody,
} from "../src/index.js";

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("error hierarchy", () => {
  it("every class extends BackupLinksError and carries its own name", () => {
    const errors = [
      new ValidationError("backupId", "must be a non-empty string without surrounding whitespace"),
      new CredentialsError("missing", ["A", "B"]),
      new ApiError({ status: 404 }),
      new NetworkError("boom"),
      new TimeoutError(10),
    ];
    expect(errors.map((e) => e.name)).toEqual(["ValidationError", "CredentialsError", "ApiError", "NetworkError", "TimeoutError"]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(BackupLinksError);
      expect(e).toBeInstanceOf(Error);
    }
    expect(errors[1]).toBeInstanceOf(ValidationError);
    expect(errors[4]).toBeInstanceOf(NetworkError);
  });

  it("ValidationError names field and rule", () => {
    const e = new ValidationError("backupId", "must be a non-empty string without surrounding whitespace");
    expect(e.message).toBe("backupId: must be a non-empty string without surrounding whitespace");
    expect([e.field, e.rule]).toEqual(["backupId", "must be a non-empty string without surrounding whitespace"]);
  });
});

describe("apiErrorFromResponse: every body shape", () => {
  const request = { method: "GET", url: "https://rds.eu-de.otc.t-systems.com/v3/pid/backup-files?backup_id=b1" };

  it("RDS/DDS v3 {error_code, error_msg} with X-Request-Id", async () => {
    const e = await apiErrorFromResponse(json({ error_code: "DBS.200022", error_msg: "The backup does not exist." }, 404, { "X-Request-Id": "req-123" }), { request });
    expect({ ...e, message: e.message }).toEqual({
      name: "ApiError",
      status: 404,
      errorCode: "DBS.200022",
      errorMessage: "The backup does not exist.",
      errorDetail: undefined,
      requestId: "req-123",
      method: "GET",
      url: "https://rds.eu-de.otc.t-systems.com/v3/pid/backup-files?<redacted>",
      message: "GET https://rds.eu-de.otc.t-systems.com/v3/pid/backup-files?<redacted> failed with HTTP 404 DBS.200022: The backup does not exist. [request id req-123]",
    });
  });

  it("gateway {error: {code, message}}", async () => {
    const e = await apiErrorFromResponse(json({ error: { code: "APIG.0301", message: "Incorrect IAM authentication information." } }, 401, { "x-request-id": "gw-1" }));
    expect([e.status, e.errorCode, e.errorMessage, e.requestId]).toEqual([401, "APIG.0301", "Incorrect IAM authentication information.", "gw-1"]);
    expect(e.message).toBe("request failed with HTTP 401 APIG.0301: Incorrect IAM authentication information. [request id gw-1]");
  });

  it("DCS {error_code, error_msg, error_ext_msg} with null and with a value", async () => {
    const a = await apiErrorFromResponse(json({ error_code: "111400002", error_msg: "Invalid expiration.", error_ext_msg: null }, 400));
    expect([a.errorCode, a.errorMessage, a.errorDetail, a.requestId]).toEqual(["111400002", "Invalid expiration.", undefined, undefined]);
    const b = await apiErrorFromResponse(json({ error_code: "111500001", error_msg: "Internal error.", error_ext_msg: "retry later" }, 500));
    expect(b.errorDetail).toBe("retry later");
    expect(b.message).toBe("request failed with HTTP 500 111500001: Internal error. (retry later)");
  });

  it("JD {requestId, error: {code, status, message}}; the body's requestId wins, the header is the fallback", async () => {
    const body = { requestId: "bq3fj1", error: { code: 404, status: "NOT_FOUND", message: "backup bk-1 not found" } };
    const fromBody = await apiErrorFromResponse(json(body, 404));
    expect([fromBody.status, fromBody.errorCode, fromBody.errorMessage, fromBody.requestId]).toEqual([404, "NOT_FOUND", "backup bk-1 not found", "bq3fj1"]);
    const both = await apiErrorFromResponse(json(body, 404, { "x-jdcloud-request-id": "hdr-9" }));
    expect(both.requestId).toBe("bq3fj1");
    expect(both.message).toBe("request failed with HTTP 404 NOT_FOUND: backup bk-1 not found [request id bq3fj1]");
    expect((await apiErrorFromResponse(json({ error: body.error }, 404, { "x-jdcloud-request-id": "hdr-9" }))).requestId).toBe("hdr-9");
    expect((await apiErrorFromResponse(json({ ...body, requestId: "  " }, 404, { "x-jdcloud-request-id": "hdr-9" }))).requestId).toBe("hdr-9");
    // Not JSON: no body id to prefer.
    expect((await apiErrorFromResponse(new Response("busy", { status: 503, headers: { "x-jdcloud-request-id": "hdr-9" } }))).requestId).toBe("hdr-9");
    const noStatus = parseApiErrorBody({ requestId: "r", error: { code: 400, message: "bad" } });
    expect(noStatus).toEqual({ requestId: "r", errorCode: "400", errorMessage: "bad" });
  });

  it("Huawei: the body's request_id wins over X-Request-Id too (one rule for every provider)", async () => {
    const body = { error_code: "APIGW.0302", error_msg: "The IAM user is not authorized to access the API.", request_id: "body-rid-7" };
    expect((await apiErrorFromResponse(json(body, 403, { "X-Request-Id": "hdr-rid-1" }))).requestId).toBe("body-rid-7");
    expect((await apiErrorFromResponse(json({ error_code: "DBS.200022", error_msg: "x" }, 404, { "X-Request-Id": "hdr-rid-1" }))).requestId).toBe("hdr-rid-1");
  });

  it("OpenStack-style {itemNotFound: {code, message}}", () => {
    expect(parseApiErrorBody('{"itemNotFound": {"code": 404, "message": "Instance could not be found"}}')).toEqual({
      errorCode: "itemNotFound",
      errorMessage: "Instance could not be found",
    });
  });

  it("non-JSON bodies give a short sanitised excerpt", async () => {
    const html = `<html><head><title>502 Bad Gateway</title><style>body{}</style></head><body>\n<h1>502 Bad\tGateway</h1>\u0007<hr>nginx</body></html>`;
    const e = await apiErrorFromResponse(new Response(html, { status: 502 }));
    expect(e.errorMessage).toBe("502 Bad Gateway 502 Bad Gateway nginx");
    expect(e.errorCode).toBeUndefined();
    const long = await apiErrorFromResponse(new Response("x".repeat(5000), { status: 500 }));
    expect(long.errorMessage).toBe(`${"x".repeat(199)}…`);
    const leaky = parseApiErrorBody("see https://bucket.obs.example.com/f.tar?AWSAccessKeyId=AK&Expires=1&Signature=s3cr3t for details");
    expect(leaky.errorMessage).toBe("see https://bucket.obs.example.com/f.tar?<redacted> for details");
    expect(parseApiErrorBody("")).toEqual({});
    expect(parseApiErrorBody("{not json")).toEqual({ errorMessage: "{not json" });
    expect(parseApiErrorBody('{"unexpected": [1]}')).toEqual({ errorMessage: '{"unexpected":[1]}' });
  });

  it("uses an already-consumed body passed as openapi-fetch's `error`", async () => {
    const response = json({ error_code: "DBS.280238", error_msg: "x" }, 400);
    const parsed = await response.json();
    const e = await apiErrorFromResponse(response, { body: parsed });
    expect([e.errorCode, e.errorMessage]).toEqual(["DBS.280238", "x"]);
  });
});
