// The client kit's own behaviour, beyond what the per-client suites (in each client package) cover.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { clientIdentity, createDcsClient, defineClient, createRdsClient, requestIdOf, send, type DcsPaths, type RdsPaths } from "../src/client/index.js";
import { OTC_DCS, OTC_RDS, ValidationError } from "../src/index.js";
import { recordingFetch } from "./helpers/reference-signers.js";

const TEST_ACCESS_KEY = "AKTESTEXAMPLE00000001";
const TEST_SECRET_KEY = "SKsecretMustNotLeak0123456789abcdefABCDEF";
const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
const rdsIdentity = clientIdentity(OTC_RDS, "0.1.0");
const dcsIdentity = clientIdentity(OTC_DCS, "0.1.0");
const emptyLinks = { file_path: "p", bucket_name: "b", links: [] };
const createOtcRdsClient = (options: unknown) => createRdsClient<RdsPaths>(rdsIdentity, options);

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("client kit", () => {
  it("sends the DCS default expiration (1800 s) when none is given", async () => {
    const { fetch, calls: requests } = recordingFetch(() => jsonResponse(200, emptyLinks));
    const client = createDcsClient<DcsPaths>(dcsIdentity, { region: "eu-de", projectId: "p1", credentials, fetch });
    const result = await client.getBackupDownloadLinks({ instanceId: "i1", backupId: "b1" });
    expect(requests[0]!.body.toString()).toBe('{"expiration":1800}');
    expect(result.expiration).toBe(1800);
  });

  it("reads a missing `files` list as no files (the Go SDK marks it optional)", async () => {
    const { fetch } = recordingFetch(() => jsonResponse(200, { bucket: "b" }));
    const client = createRdsClient<RdsPaths>(rdsIdentity, { region: "eu-de", projectId: "p1", credentials, fetch });
    await expect(client.getBackupDownloadLinks({ backupId: "b1" })).resolves.toEqual({ bucket: "b", files: [], requestId: undefined });
  });

  it("reports an empty success body as an ApiError with the request id", async () => {
    const { fetch } = recordingFetch(() => new Response(null, { status: 200, headers: { "Content-Length": "0", "X-Request-Id": "rid-1" } }));
    const client = createOtcRdsClient({ region: "eu-de", projectId: "p1", credentials, fetch });
    await expect(client.getBackupDownloadLinks({ backupId: "b1" })).rejects.toMatchObject({
      name: "ApiError",
      status: 200,
      errorMessage: "the response has no body",
      requestId: "rid-1",
    });
  });

  it("a successful call's request id follows ApiError's rule: the body's requestId / request_id, else the header", async () => {
    const ok = (body: unknown, headers: Record<string, string>) => async () => ({ data: body, response: new Response("{}", { status: 200, headers }) });
    const jd = { "x-jdcloud-request-id": "hdr-jd-1" };
    expect((await send(ok({ requestId: "body-jd-1", result: {} }, jd), {})).requestId).toBe("body-jd-1");
    expect((await send(ok({ result: {} }, jd), {})).requestId).toBe("hdr-jd-1");
    expect((await send(ok({ requestId: "", result: {} }, jd), {})).requestId).toBe("hdr-jd-1");
    expect((await send(ok({ request_id: "body-hw-1", files: [] }, { "X-Request-Id": "hdr-hw-1" }), {})).requestId).toBe("body-hw-1");
    expect((await send(ok({ files: [] }, { "X-Request-Id": "hdr-hw-1" }), {})).requestId).toBe("hdr-hw-1");
    expect((await send(ok({ files: [] }, {}), {})).requestId).toBeUndefined();
  });

  it("requestIdOf: headers in order X-Request-Id, x-jdcloud-request-id, X-Openstack-Request-Id; sanitised and capped", () => {
    const headers = { "x-openstack-request-id": "os-1", "x-jdcloud-request-id": "jd-1", "x-request-id": "hw-1" };
    expect(requestIdOf(new Response(null, { headers }))).toBe("hw-1");
    expect(requestIdOf(new Response(null, { headers: { "x-openstack-request-id": "os-1", "x-jdcloud-request-id": "jd-1" } }))).toBe("jd-1");
    expect(requestIdOf(new Response(null, { headers: { "x-openstack-request-id": "os-1" } }))).toBe("os-1");
    expect(requestIdOf(new Response(null, { headers }), "not a record")).toBe("hw-1");
    expect(requestIdOf(new Response(null), { requestId: "a\u0000b" })).toBe("a b");
    expect(requestIdOf(new Response(null), { requestId: "x".repeat(300) })).toBe(`${"x".repeat(199)}…`);
  });

  it("talks to an explicit baseUrl (a mock) and then ignores the region variable", async () => {
    const { fetch, calls: requests } = recordingFetch(() => jsonResponse(200, { files: [], bucket: "b" }));
    const env = { OS_ACCESS_KEY: TEST_ACCESS_KEY, OS_SECRET_KEY: TEST_SECRET_KEY, OS_PROJECT_ID: "envproject\n", OS_REGION_NAME: "eu-nl" };
    const client = createOtcRdsClient({ baseUrl: "http://127.0.0.1:4010/", env, fetch });
    await client.getBackupDownloadLinks({ backupId: "b+1/2" });
    expect(requests[0]!.url).toBe("http://127.0.0.1:4010/v3/envproject/backup-files?backup_id=b%2B1%2F2");
    expect(JSON.stringify(client)).toBe('{"api":"otc-rds","baseUrl":"http://127.0.0.1:4010","projectId":"envproject","auth":"accessKey"}');
  });

  it("shows only what is safe in JSON and util.inspect", () => {
    const client = createOtcRdsClient({ region: "eu-de", projectId: "p1", credentials: { token: "tok-secret" } });
    expect(JSON.parse(JSON.stringify(client))).toEqual({
      api: "otc-rds",
      baseUrl: "https://rds.eu-de.otc.t-systems.com",
      region: "eu-de",
      projectId: "p1",
      auth: "token",
    });
    expect(inspect(client)).toBe(
      "OtcRdsClient {\n  api: 'otc-rds',\n  baseUrl: 'https://rds.eu-de.otc.t-systems.com',\n  region: 'eu-de',\n  projectId: 'p1',\n  auth: 'token'\n}",
    );
    expect(Object.isFrozen(client)).toBe(true);
    expect(Object.keys(client).sort()).toEqual(["getBackupDownloadLinks", "listAllBackups", "listBackups", "raw"]);
  });

  it("does not send anything when the caller's signal is already aborted", async () => {
    const { fetch, calls: requests } = recordingFetch(() => jsonResponse(200, { files: [], bucket: "b" }));
    const client = createOtcRdsClient({ region: "eu-de", projectId: "p1", credentials, fetch });
    await expect(client.getBackupDownloadLinks({ backupId: "b1" }, { signal: AbortSignal.abort(new Error("no")) })).rejects.toThrow("no");
    expect(requests).toHaveLength(0);
  });

  it("refuses options that are not an object", () => {
    for (const options of ["eu-de", null, [], 1]) {
      expect(() => createOtcRdsClient(options as never)).toThrow(new ValidationError("options", "must be an object"));
    }
  });

  it("refuses call options and inputs that are not objects, before any request", async () => {
    const { fetch, calls: requests } = recordingFetch(() => jsonResponse(200, { files: [], bucket: "b" }));
    const client = createOtcRdsClient({ region: "eu-de", projectId: "p1", credentials, fetch });
    for (const callOptions of ["x", null, []]) {
      await expect(client.getBackupDownloadLinks({ backupId: "b1" }, callOptions as never)).rejects.toThrow(new ValidationError("options", "must be an object"));
    }
    for (const input of ["b1", null, []]) {
      await expect(client.getBackupDownloadLinks(input as never)).rejects.toThrow(new ValidationError("input", "must be an object such as { backupId }"));
    }
    expect(requests).toHaveLength(0);
  });

  it("hands an operation no credentials: they live only in the transport's closure", () => {
    const env = { OS_ACCESS_KEY: TEST_ACCESS_KEY, OS_SECRET_KEY: TEST_SECRET_KEY, OS_PROJECT_ID: "p1" };
    for (const options of [{ region: "eu-de", projectId: "p1", credentials }, { region: "eu-de", env }]) {
      let seen: unknown[] | undefined;
      defineClient(rdsIdentity, options, (...args) => {
        seen = args;
        return { getBackupDownloadLinks: async () => undefined, listBackups: async () => undefined, listAllBackups: async function* () {} };
      });
      expect(seen!.slice(1)).toEqual(["p1", "eu-de"]);
      expect(inspect(seen, { depth: 6, showHidden: true })).not.toContain(TEST_SECRET_KEY);
    }
  });
});
