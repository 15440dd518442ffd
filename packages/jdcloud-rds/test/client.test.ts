import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeClientSuite, jsonResponse, recordingFetch, TEST_ACCESS_KEY, TEST_SECRET_KEY, type ClientCase } from "@backup-links/testkit/client-suite.ts";
import { compileParameterValidator, loadSpec } from "@backup-links/testkit/schema.ts";
import { verifyJdCloud2 } from "@backup-links/testkit/verify-signature.ts";
import { ApiError, createJdCloudRdsClient, CURRENT_PATH, ValidationError } from "../src/index.js";

const REQUEST_ID = "c3kq7c6aqkf1v2q0gw3w5ea5ahrfbp4j";
const HOST = "https://rds.jdcloud-api.com";
const input = { backupId: "bak-2ssmvd3bm7", fileName: "my_test_db.bak", urlExpirationSecond: 3600 };
const result = { publicURL: "https://rds-backup.s3.cn-north-1.jdcloud-oss.com/b.bak?Expires=1&Signature=s", internalURL: "https://rds-backup.s3-internal.cn-north-1.jdcloud-oss.com/b.bak?Expires=1&Signature=s" };
const valid = { backupId: input.backupId };
const jdError = (code: number, status: string, message: string) => ({ requestId: REQUEST_ID, error: { code, status, message } });

const jd: ClientCase = {
  api: "jdcloud-rds",
  create: createJdCloudRdsClient as ClientCase["create"],
  options: { region: "cn-north-1" },
  signing: { algorithm: "JDCLOUD2-HMAC-SHA256", region: "cn-north-1", service: "rds" },
  tokenAuth: false,
  input,
  request: {
    method: "GET",
    // The literal ":" is what openapi-fetch sends and JD's Go SDK sends and signs.
    url: `${HOST}/v1/regions/cn-north-1/backups/bak-2ssmvd3bm7:describeBackupDownloadURL?fileName=my_test_db.bak&urlExpirationSecond=3600`,
    body: "",
    headerNames: ["authorization", "user-agent", "x-jdcloud-date", "x-jdcloud-nonce"],
    headers: {},
    signedHeaders: ["host", "x-jdcloud-date", "x-jdcloud-nonce"],
  },
  success: {
    body: { requestId: REQUEST_ID, result },
    headers: { "x-jdcloud-request-id": REQUEST_ID },
    result: { requestId: REQUEST_ID, ...result, available: true },
  },
  badInputs: [
    { name: "a missing input", input: undefined, field: "input" },
    { name: "an array input", input: [input.backupId], field: "input" },
    { name: "a missing backupId", input: {}, field: "backupId" },
    { name: "an empty backupId", input: { backupId: "" }, field: "backupId" },
    { name: "a whitespace backupId", input: { backupId: " \t" }, field: "backupId" },
    { name: "a number as backupId", input: { backupId: 7 }, field: "backupId" },
    { name: "a backupId with a space inside", input: { backupId: "bak 1" }, field: "backupId" },
    { name: "a backupId with a slash", input: { backupId: "a/b" }, field: "backupId" },
    { name: "a backupId with a colon", input: { backupId: "a:b" }, field: "backupId" },
    { name: 'a backupId ".."', input: { backupId: ".." }, field: "backupId" },
    { name: "a fileName with a directory", input: { ...valid, fileName: "dir/a.bak" }, field: "fileName" },
    { name: "a fileName with a backslash", input: { ...valid, fileName: "dir\\a.bak" }, field: "fileName" },
    { name: "an empty fileName", input: { ...valid, fileName: "" }, field: "fileName" },
    { name: "a fileName of the wrong type", input: { ...valid, fileName: ["a.bak"] }, field: "fileName" },
    { name: "a fileName with a control character", input: { ...valid, fileName: "db\u0000.bak" }, field: "fileName" },
    { name: "a backupId with a lone surrogate", input: { backupId: "b\uDC00" }, field: "backupId" },
    { name: "a fileName with a lone surrogate", input: { ...valid, fileName: "db\uD800.bak" }, field: "fileName" },
    { name: "urlExpirationSecond 0", input: { ...valid, urlExpirationSecond: 0 }, field: "urlExpirationSecond" },
    { name: "urlExpirationSecond 86401", input: { ...valid, urlExpirationSecond: 86401 }, field: "urlExpirationSecond" },
    { name: "urlExpirationSecond \"86401\"", input: { ...valid, urlExpirationSecond: "86401" }, field: "urlExpirationSecond" },
    { name: "a fractional urlExpirationSecond", input: { ...valid, urlExpirationSecond: 1.5 }, field: "urlExpirationSecond" },
    { name: "a negative urlExpirationSecond", input: { ...valid, urlExpirationSecond: -300 }, field: "urlExpirationSecond" },
    { name: "urlExpirationSecond with a sign", input: { ...valid, urlExpirationSecond: "+300" }, field: "urlExpirationSecond" },
    { name: "urlExpirationSecond that is not digits", input: { ...valid, urlExpirationSecond: "5m" }, field: "urlExpirationSecond" },
    { name: "a legacyPath per call that is not a boolean", input: valid, options: { legacyPath: "yes" }, field: "options.legacyPath" },
    { name: "a signal that is not an AbortSignal", input: valid, options: { signal: "stop" }, field: "options.signal" },
  ],
  badOptions: [
    { name: "an unknown region", options: { region: "eu-de" }, field: "region" },
    { name: "no region", options: { region: undefined }, field: "region" },
    { name: "a baseUrl that is not http(s)", options: { baseUrl: "file:///etc/passwd" }, field: "baseUrl" },
    { name: "an empty access key", options: { credentials: { accessKey: "", secretKey: TEST_SECRET_KEY } }, field: "credentials.accessKey" },
    { name: "a legacyPath that is not a boolean", options: { legacyPath: 1 }, field: "legacyPath" },
    { name: "a timeout of the wrong type", options: { timeoutMs: "5s" }, field: "timeoutMs" },
    { name: "a User-Agent with a control character", options: { userAgent: "app\u0000/1" }, field: "userAgent" },
  ],
  errors: [
    {
      name: "a 404 JD error envelope",
      status: 404,
      body: jdError(404, "NOT_FOUND", "backup bak-2ssmvd3bm7 not found"),
      headers: { "x-jdcloud-request-id": REQUEST_ID },
      expected: { status: 404, errorCode: "NOT_FOUND", errorMessage: "backup bak-2ssmvd3bm7 not found", requestId: REQUEST_ID },
    },
    {
      name: "a 403 signature error with the request id only in the body",
      status: 403,
      body: jdError(403, "PERMISSION_DENIED", "signature does not match"),
      headers: {},
      expected: { status: 403, errorCode: "PERMISSION_DENIED", errorMessage: "signature does not match", requestId: REQUEST_ID },
    },
    {
      name: "a 400 without a status string",
      status: 400,
      body: { requestId: REQUEST_ID, error: { code: 400, message: "invalid urlExpirationSecond" } },
      headers: { "x-jdcloud-request-id": REQUEST_ID },
      expected: { status: 400, errorCode: "400", errorMessage: "invalid urlExpirationSecond", requestId: REQUEST_ID },
    },
  ],
  environment: {
    env: { JDCLOUD_ACCESS_KEY: TEST_ACCESS_KEY, JDCLOUD_SECRET_KEY: TEST_SECRET_KEY },
    options: { region: "cn-north-1" },
    urlPrefix: `${HOST}/v1/regions/cn-north-1/backups/`,
  },
};

describeClientSuite(jd);

describe("jdcloud-rds specifics", () => {
  const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
  const succeed = (body: unknown = { requestId: REQUEST_ID, result }) => recordingFetch(() => jsonResponse(200, body));

  it("calls the seed's legacy path /downloadURLs when asked, per client or per call, and signs it", async () => {
    const perClient = succeed();
    const legacy = createJdCloudRdsClient({ region: "cn-east-2", credentials, fetch: perClient.fetch, legacyPath: true });
    await legacy.getBackupDownloadLinks({ backupId: "b1" });
    await legacy.getBackupDownloadLinks({ backupId: "b1" }, { legacyPath: false });
    expect(perClient.requests.map((r) => r.url)).toEqual([
      `${HOST}/v1/regions/cn-east-2/backups/b1/downloadURLs`,
      `${HOST}/v1/regions/cn-east-2/backups/b1:describeBackupDownloadURL`,
    ]);
    for (const r of perClient.requests) expect(verifyJdCloud2(r, credentials, { region: "cn-east-2", service: "rds" }).valid).toBe(true);

    const perCall = succeed();
    const current = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch: perCall.fetch });
    await current.getBackupDownloadLinks({ backupId: "b1" }, { legacyPath: true });
    expect(perCall.requests[0]!.url).toBe(`${HOST}/v1/regions/cn-north-1/backups/b1/downloadURLs`);
  });

  it("sends urlExpirationSecond as a string of digits, whether given as a number or a string", async () => {
    const { fetch, requests } = succeed();
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    await client.getBackupDownloadLinks({ backupId: "b1", urlExpirationSecond: 300 });
    await client.getBackupDownloadLinks({ backupId: "b1", urlExpirationSecond: "86400" });
    await client.getBackupDownloadLinks({ backupId: "b1", urlExpirationSecond: 1 });
    expect(requests.map((r) => new URL(r.url).search)).toEqual(["?urlExpirationSecond=300", "?urlExpirationSecond=86400", "?urlExpirationSecond=1"]);
  });

  it("refuses a region that would change the path with a baseUrl (\"..\" called /v1/backups/...), before any request", () => {
    const { fetch, requests } = succeed();
    for (const [region, rule] of [
      ["..", 'must not be "." or ".."'],
      [".", 'must not be "." or ".."'],
      ["a/b", 'must not contain "/"'],
    ] as const) {
      expect(() => createJdCloudRdsClient({ region: region as never, baseUrl: "http://127.0.0.1:4010", credentials, fetch })).toThrow(new ValidationError("region", rule));
    }
    expect(requests).toEqual([]);
  });

  it("percent-encodes a backup id's reserved characters in the path and signs the encoded path", async () => {
    const { fetch, requests } = succeed();
    await createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch }).getBackupDownloadLinks({ backupId: "a?b#c%d" });
    expect(requests[0]!.url).toBe(`${HOST}/v1/regions/cn-north-1/backups/a%3Fb%23c%25d:describeBackupDownloadURL`);
    expect(verifyJdCloud2(requests[0]!, credentials, { region: "cn-north-1", service: "rds" }).valid).toBe(true);
  });

  it("sends a fileName with spaces inside, percent-encoded, and signs it", async () => {
    const { fetch, requests } = succeed();
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    await client.getBackupDownloadLinks({ backupId: "b1", fileName: "db with space.bak" });
    expect(requests.map((r) => r.url)).toEqual([`${HOST}/v1/regions/cn-north-1/backups/b1:describeBackupDownloadURL?fileName=db%20with%20space.bak`]);
    expect(new URL(requests[0]!.url).searchParams.get("fileName")).toBe("db with space.bak");
    expect(verifyJdCloud2(requests[0]!, credentials, { region: "cn-north-1", service: "rds" }).valid).toBe(true);
  });

  it("refuses a fileName with a control character anywhere, naming the rule, before sending", async () => {
    const { fetch, requests } = succeed();
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    for (const fileName of ["db\u0000.bak", "db\u0007 1.bak", "\u0001db.bak", "db.bak\u001f", "db\u007f.bak", "\u0000"]) {
      const error = await client.getBackupDownloadLinks({ backupId: "b1", fileName }).catch((e: unknown) => e);
      expect(error, JSON.stringify(fileName)).toBeInstanceOf(ValidationError);
      expect({ field: (error as ValidationError).field, rule: (error as ValidationError).rule }).toEqual({
        field: "fileName",
        rule: "must not contain a control character",
      });
    }
    expect(requests).toEqual([]);
  });

  it("accepts exactly the fileName values the bundled spec's fileName schema accepts", async () => {
    const specFile = join(dirname(createRequire(import.meta.url).resolve("@backup-links/spec-jdcloud-rds/package.json")), "dist", "openapi.json");
    const specAccepts = compileParameterValidator(loadSpec(specFile), CURRENT_PATH, "get", "fileName", "query");
    const { fetch, requests } = succeed();
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    // Every string of up to three characters from a set that hits each part of the rule: letters, the separators,
    // ASCII and Unicode whitespace, C0 controls and DEL, a C1 control, a non-ASCII letter.
    const alphabet = ["a", ".", " ", "\t", "\n", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\u2028", "/", "\\", "é"];
    let samples = [""];
    const all = [""];
    for (let length = 1; length <= 3; length++) {
      samples = samples.flatMap((prefix) => alphabet.map((ch) => prefix + ch));
      all.push(...samples);
    }
    const disagreements: string[] = [];
    let accepted = 0;
    for (const fileName of all) {
      const sent = requests.length;
      const outcome = await client.getBackupDownloadLinks({ backupId: "b1", fileName }).then(
        () => true,
        (error: unknown) => {
          if (!(error instanceof ValidationError) || error.field !== "fileName") throw error;
          return false;
        },
      );
      expect(requests.length).toBe(sent + (outcome ? 1 : 0));
      if (outcome) accepted++;
      if (outcome !== specAccepts(fileName)) disagreements.push(JSON.stringify(fileName));
    }
    expect(disagreements).toEqual([]);
    // 1 + 15 + 225 + 3375 samples. Accepted: at either end one of 4 (a . U+0085 é), inside one of 7 (also space,
    // U+00A0, U+2028), so 4 + 4*4 + 4*7*4 = 132, and the comparison above compares both outcomes.
    expect(all.length).toBe(3616);
    expect(accepted).toBe(132);
  });

  it("takes the request id from the body's requestId, else the x-jdcloud-request-id header, on success and on error alike", async () => {
    const header = { "x-jdcloud-request-id": "hdr-rid-2" };
    const answers = [
      jsonResponse(200, { requestId: "body-rid-1", result }, header),
      jsonResponse(200, { result }, header),
      jsonResponse(404, jdError(404, "NOT_FOUND", "backup b1 not found"), header),
      jsonResponse(404, { error: { code: 404, status: "NOT_FOUND", message: "backup b1 not found" } }, header),
    ];
    const { fetch } = recordingFetch((_request, index) => answers[index]!);
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    expect((await client.getBackupDownloadLinks({ backupId: "b1" })).requestId).toBe("body-rid-1");
    expect((await client.getBackupDownloadLinks({ backupId: "b1" })).requestId).toBe("hdr-rid-2");
    const withBodyId = await client.getBackupDownloadLinks({ backupId: "b1" }).catch((e: unknown) => e);
    expect(withBodyId).toBeInstanceOf(ApiError);
    expect((withBodyId as ApiError).requestId).toBe(REQUEST_ID);
    const withoutBodyId = await client.getBackupDownloadLinks({ backupId: "b1" }).catch((e: unknown) => e);
    expect((withoutBodyId as ApiError).requestId).toBe("hdr-rid-2");
  });

  it("reports available: false while both URLs are empty strings", async () => {
    const { fetch } = succeed({ requestId: REQUEST_ID, result: { publicURL: "", internalURL: "" } });
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    await expect(client.getBackupDownloadLinks({ backupId: "b1" })).resolves.toEqual({
      requestId: REQUEST_ID,
      publicURL: "",
      internalURL: "",
      available: false,
    });
  });

  it("uses a fresh nonce for every attempt", async () => {
    const { fetch, requests } = recordingFetch((_r, i) => (i < 2 ? jsonResponse(503, jdError(503, "UNAVAILABLE", "busy")) : jsonResponse(200, { requestId: REQUEST_ID, result })));
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    await client.getBackupDownloadLinks({ backupId: "b1" });
    expect(new Set(requests.map((r) => r.headers["x-jdcloud-nonce"])).size).toBe(3);
  });
});
