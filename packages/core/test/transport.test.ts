import { getEventListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import {
  CORE_VERSION,
  NetworkError,
  TimeoutError,
  ValidationError,
  CredentialsError,
  createTransport,
  createRequestSigner,
  createSigningMiddleware,
  formatUserAgent,
  type TransportOptions,
  HUAWEICLOUD_DCS,
  JDCLOUD_RDS,
  OTC_DDS,
  OTC_RDS,
} from "../src/index.js";
import { recordingFetch, referenceJdCloud2, referenceSdkHmac } from "./helpers/reference-signers.js";

const AK = "AKEXAMPLE0000000";
const SK = "sk-secret-value-0123456789";
// 2024-03-01T12:34:56.789Z
const NOW = Date.UTC(2024, 2, 1, 12, 34, 56, 789);

function otcRds(extra: Partial<TransportOptions> = {}) {
  const rec = recordingFetch();
  const transport = createTransport({
    api: OTC_RDS,
    region: "eu-de",
    credentials: { accessKey: AK, secretKey: SK },
    clock: () => NOW,
    fetch: rec.fetch,
    ...extra,
  });
  return { transport, calls: rec.calls };
}

describe("createTransport: SDK-HMAC-SHA256 on the wire", () => {
  it("sends exactly the expected headers for a GET through openapi-fetch", async () => {
    const { transport, calls } = otcRds({ userAgent: { name: "@backup-links/otc-rds", version: "1.2.3" } });
    const client = createClient<any>(transport.clientOptions);
    const { response } = await client.GET("/v3/{project_id}/backup-files", {
      params: { path: { project_id: "pid123" }, query: { backup_id: "b 1/ü" } },
    });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    const req = calls[0]!;
    expect(req.method).toBe("GET");
    expect(req.url).toBe("https://rds.eu-de.otc.t-systems.com/v3/pid123/backup-files?backup_id=b%201%2F%C3%BC");
    expect(Object.fromEntries(req.headers)).toEqual({
      authorization: referenceSdkHmac(req, AK, SK),
      "user-agent": `backup-links-otc-rds/1.2.3 backup-links-core/${CORE_VERSION}`,
      "x-sdk-date": "20240301T123456Z",
    });
    expect(req.headers.get("authorization")).toMatch(
      /^SDK-HMAC-SHA256 Access=AKEXAMPLE0000000, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(req.body.length).toBe(0);
  });

  it("signs content-type, X-Project-Id and X-Security-Token and hashes the exact JSON body (POST)", async () => {
    const rec = recordingFetch();
    const transport = createTransport({
      api: HUAWEICLOUD_DCS,
      region: "ap-southeast-1",
      projectId: "proj-1",
      credentials: { accessKey: AK, secretKey: SK, securityToken: "sts-token-xyz" },
      clock: () => NOW,
      fetch: rec.fetch,
    });
    const client = createClient<any>(transport.clientOptions);
    await client.POST("/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links", {
      params: { path: { project_id: "proj-1", instance_id: "i-1", backup_id: "b-1" } },
      body: { expiration: 1800 },
      headers: { "Content-Type": "application/json;charset=UTF-8" },
    });
    const req = rec.calls[0]!;
    expect(req.url).toBe("https://dcs.ap-southeast-1.myhuaweicloud.com/v2/proj-1/instances/i-1/backups/b-1/links");
    expect(req.body.toString("utf8")).toBe('{"expiration":1800}');
    expect(Object.fromEntries(req.headers)).toEqual({
      authorization: referenceSdkHmac(req, AK, SK),
      "content-type": "application/json;charset=UTF-8",
      "user-agent": `backup-links-core/${CORE_VERSION}`,
      "x-project-id": "proj-1",
      "x-sdk-date": "20240301T123456Z",
      "x-security-token": "sts-token-xyz",
    });
    expect(req.headers.get("authorization")).toContain(
      "SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,",
    );
  });

  it("uses X-Auth-Token and no signature for token credentials", async () => {
    const { transport, calls } = otcRds({ credentials: { token: "iam-token-abc" }, projectId: "p" });
    await transport.fetch(new Request(`${transport.baseUrl}/v3/p/backup-files?backup_id=x`));
    expect(Object.fromEntries(calls[0]!.headers)).toEqual({
      "user-agent": `backup-links-core/${CORE_VERSION}`,
      "x-auth-token": "iam-token-abc",
    });
  });

  it("includes a non-default port of a baseUrl in the signed host", async () => {
    const { transport, calls } = otcRds({ region: undefined, baseUrl: "http://127.0.0.1:4010/" });
    expect(transport.baseUrl).toBe("http://127.0.0.1:4010");
    await transport.fetch(new Request("http://127.0.0.1:4010/v3/p/backup-files?backup_id=1"));
    expect(calls[0]!.headers.get("authorization")).toBe(referenceSdkHmac(calls[0]!, AK, SK));
    expect(calls[0]!.headers.get("authorization")).toContain("SignedHeaders=host;x-sdk-date,");
  });

  it("refuses to send credentials outside its baseUrl", async () => {
    const { transport, calls } = otcRds();
    await expect(transport.fetch(new Request("https://obs.example.com/file?Signature=abc"))).rejects.toThrow(
      new ValidationError("url", "must be under the transport's baseUrl https://rds.eu-de.otc.t-systems.com"),
    );
    await expect(transport.fetch(new Request("https://rds.eu-de.otc.t-systems.com.evil.example/x"))).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toHaveLength(0);
  });
});

describe("createTransport: JDCLOUD2-HMAC-SHA256 on the wire", () => {
  it("signs the path with a literal ':' exactly as openapi-fetch sends it, with a fresh nonce", async () => {
    const rec = recordingFetch();
    let n = 0;
    const transport = createTransport({
      api: JDCLOUD_RDS,
      region: "cn-north-1",
      credentials: { accessKey: AK, secretKey: SK },
      clock: () => NOW,
      nonce: () => `nonce-${++n}`,
      fetch: rec.fetch,
    });
    const client = createClient<any>(transport.clientOptions);
    await client.GET("/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL", {
      params: { path: { regionId: "cn-north-1", backupId: "bk-1" }, query: { urlExpirationSecond: "300", fileName: "my db.bak" } },
    });
    const req = rec.calls[0]!;
    expect(req.url).toBe(
      "https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups/bk-1:describeBackupDownloadURL?urlExpirationSecond=300&fileName=my%20db.bak",
    );
    expect(new URL(req.url).pathname).toBe("/v1/regions/cn-north-1/backups/bk-1:describeBackupDownloadURL");
    expect(Object.fromEntries(req.headers)).toEqual({
      authorization: referenceJdCloud2(req, AK, SK, "cn-north-1", "rds"),
      "user-agent": `backup-links-core/${CORE_VERSION}`,
      "x-jdcloud-date": "20240301T123456Z",
      "x-jdcloud-nonce": "nonce-1",
    });
    expect(req.headers.get("authorization")).toMatch(
      /^JDCLOUD2-HMAC-SHA256 Credential=AKEXAMPLE0000000\/20240301\/cn-north-1\/rds\/jdcloud2_request, SignedHeaders=host;x-jdcloud-date;x-jdcloud-nonce, Signature=[0-9a-f]{64}$/,
    );
  });

  it("requires a region even with a baseUrl, and rejects tokens", () => {
    expect(() =>
      createTransport({ api: JDCLOUD_RDS, baseUrl: "http://127.0.0.1:1", credentials: { accessKey: AK, secretKey: SK } }),
    ).toThrow("region: is required for jdcloud (it is signed and part of the path); one of cn-east-1, cn-east-2, cn-north-1, cn-south-1");
    expect(() => createTransport({ api: JDCLOUD_RDS, region: "cn-north-1", credentials: { token: "t" } })).toThrow(
      "credentials: must be { accessKey, secretKey } for jdcloud (IAM tokens exist on Huawei Cloud and OTC only)",
    );
  });
});

describe("createTransport: validation before any request", () => {
  const base = { api: OTC_RDS, region: "eu-de", credentials: { accessKey: AK, secretKey: SK } } as const;
  it.each([
    [{ region: "eu-xx" }, "region: must be one of eu-ch2, eu-de, eu-nl"],
    [{ baseUrl: "ftp://x" }, "baseUrl: must be an absolute http or https URL without credentials, query or fragment"],
    [{ timeoutMs: -1 }, "timeoutMs: must be an integer from 0 to 2147483647"],
    [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts: must be an integer from 1 to 10"],
    [{ retry: { baseDelayMs: 0.5 } }, "retry.baseDelayMs: must be an integer from 0 to 60000"],
    [{ retry: { maxDelayMs: 300_001 } }, "retry.maxDelayMs: must be an integer from 0 to 300000"],
    [{ retry: { maxElapsedMs: -1 } }, "retry.maxElapsedMs: must be an integer from 0 to 3600000"],
    [{ retry: { maxRetryAfterMs: "1" } }, "retry.maxRetryAfterMs: must be an integer from 0 to 3600000"],
    [{ retry: [] }, "retry: must be an object or false"],
    [{ retry: null }, "retry: must be an object or false"],
    [{ projectId: " p" }, "projectId: must be a non-empty string without surrounding whitespace"],
    [{ credentials: { accessKey: AK, secretKey: "" } }, "credentials.secretKey: must be a non-empty string without surrounding whitespace"],
  ] as Array<[Partial<TransportOptions>, string]>)("%j -> %s", (patch, message) => {
    expect(() => createTransport({ ...base, ...patch } as TransportOptions)).toThrow(new ValidationError(message.split(": ")[0]!, message.slice(message.indexOf(": ") + 2)));
  });

  it.each([null, "eu-de", [], 1])("options %j -> options: must be an object", (options) => {
    expect(() => createTransport(options as never)).toThrow(new ValidationError("options", "must be an object"));
  });

  it("missing credentials is a CredentialsError naming the environment variables", () => {
    let error: unknown;
    try {
      createTransport({ ...base, credentials: {} as never });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as CredentialsError).message).toBe(
      'credentials: accessKey and secretKey are both required: pass { accessKey, secretKey } or { token }, or set OS_ACCESS_KEY and OS_SECRET_KEY and use credentialsFromEnv("otc")',
    );
    expect((error as CredentialsError).variables).toEqual(["OS_ACCESS_KEY", "OS_SECRET_KEY"]);
  });
});

describe("retries", () => {
  function harness(statuses: Array<number | "network" | Response>, retry: TransportOptions["retry"] = {}, start = NOW) {
    let now = start;
    const sleeps: number[] = [];
    let n = 0;
    const rec = recordingFetch((_req, i) => {
      const s = statuses[Math.min(i, statuses.length - 1)]!;
      if (s === "network") throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      return s instanceof Response ? s : new Response(`{"n":${i}}`, { status: s });
    });
    const transport = createTransport({
      api: JDCLOUD_RDS,
      region: "cn-north-1",
      credentials: { accessKey: AK, secretKey: SK },
      fetch: rec.fetch,
      clock: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
      nonce: () => `nonce-${++n}`,
      retry,
    });
    const get = () => transport.fetch(new Request("https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups/b:describeBackupDownloadURL"));
    return { get, calls: rec.calls, sleeps, advance: (ms: number) => (now += ms) };
  }

  it("retries 503 then succeeds, re-signing every attempt with a new nonce and date", async () => {
    const h = harness([503, 503, 200], { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000 });
    const response = await h.get();
    expect(response.status).toBe(200);
    expect(h.calls).toHaveLength(3);
    // full jitter with random()=0.5: 0.5*1000, 0.5*2000
    expect(h.sleeps).toEqual([500, 1000]);
    expect(h.calls.map((c) => c.headers.get("x-jdcloud-nonce"))).toEqual(["nonce-1", "nonce-2", "nonce-3"]);
    expect(h.calls.map((c) => c.headers.get("x-jdcloud-date"))).toEqual(["20240301T123456Z", "20240301T123457Z", "20240301T123458Z"]);
    const auths = h.calls.map((c) => c.headers.get("authorization"));
    expect(new Set(auths).size).toBe(3);
    for (const c of h.calls) expect(c.headers.get("authorization")).toBe(referenceJdCloud2(c, AK, SK, "cn-north-1", "rds"));
  });

  it("stops at maxAttempts and returns the last retryable response", async () => {
    const h = harness([500], { maxAttempts: 4, baseDelayMs: 100 });
    const response = await h.get();
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"n":3}');
    expect(h.calls).toHaveLength(4);
    expect(h.sleeps).toEqual([50, 100, 200]);
  });

  it("caps one backoff delay at maxDelayMs", async () => {
    const h = harness([502], { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 3000 });
    await h.get();
    expect(h.sleeps).toEqual([500, 1000, 1500, 1500]);
  });

  it("stops when the total time bound would be exceeded", async () => {
    const h = harness([503], { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 100_000, maxElapsedMs: 4000 });
    const response = await h.get();
    expect(response.status).toBe(503);
    // waits 500, 1000, 2000 (total 3500); the next (4000) would end at 7500 > 4000
    expect(h.sleeps).toEqual([500, 1000, 2000]);
    expect(h.calls).toHaveLength(4);
  });

  it("honours Retry-After in seconds and as an HTTP-date, capped", async () => {
    const seconds = harness([new Response("", { status: 429, headers: { "Retry-After": "3" } }), 200]);
    expect((await seconds.get()).status).toBe(200);
    expect(seconds.sleeps).toEqual([3000]);

    const date = new Date(NOW + 7_000 - 789).toUTCString(); // HTTP-dates have whole seconds
    const httpDate = harness([new Response("", { status: 503, headers: { "Retry-After": date } }), 200]);
    await httpDate.get();
    expect(httpDate.sleeps).toEqual([6211]);

    const capped = harness([new Response("", { status: 429, headers: { "Retry-After": "3600" } }), 200], { maxRetryAfterMs: 5000, maxElapsedMs: 60_000 });
    await capped.get();
    expect(capped.sleeps).toEqual([5000]);
  });

  it.each([400, 401, 403, 404, 409, 422])("does not retry %i", async (status) => {
    const h = harness([status, 200]);
    expect((await h.get()).status).toBe(status);
    expect(h.calls).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it("retries network errors, then throws NetworkError with the low-level code", async () => {
    const h = harness(["network"], { maxAttempts: 3, baseDelayMs: 10 });
    const error = await h.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe(
      "Network error: fetch failed (ECONNRESET) (GET https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups/b:describeBackupDownloadURL)",
    );
    expect(h.calls).toHaveLength(3);
    expect(h.sleeps).toEqual([5, 10]);
  });

  it("recovers from a network error", async () => {
    const h = harness(["network", 200]);
    expect((await h.get()).status).toBe(200);
    expect(h.calls).toHaveLength(2);
    expect(h.calls[0]!.headers.get("x-jdcloud-nonce")).not.toBe(h.calls[1]!.headers.get("x-jdcloud-nonce"));
  });

  it("retry: false makes a single attempt", async () => {
    const h = harness([503, 200], false);
    expect((await h.get()).status).toBe(503);
    expect(h.calls).toHaveLength(1);
  });

  it("re-sends the same body bytes on every attempt", async () => {
    let n = 0;
    const rec = recordingFetch(() => new Response("", { status: n++ === 0 ? 500 : 200 }));
    const transport = createTransport({
      api: HUAWEICLOUD_DCS,
      region: "cn-north-4",
      credentials: { accessKey: AK, secretKey: SK },
      fetch: rec.fetch,
      sleep: async () => undefined,
    });
    await transport.fetch(
      new Request(`${transport.baseUrl}/v2/p/instances/i/backups/b/links`, { method: "POST", body: '{"expiration":300}', headers: { "Content-Type": "application/json" } }),
    );
    expect(rec.calls.map((c) => c.body.toString())).toEqual(['{"expiration":300}', '{"expiration":300}']);
    for (const c of rec.calls) expect(c.headers.get("authorization")).toBe(referenceSdkHmac(c, AK, SK));
  });
});

describe("timeouts and aborts", () => {
  const hanging = (input: Request) =>
    new Promise<Response>((_resolve, reject) => {
      if (input.signal.aborted) reject(input.signal.reason);
      input.signal.addEventListener("abort", () => reject(input.signal.reason));
    });
  const hangingTransport = (timeoutMs: number) =>
    createTransport({ api: OTC_DDS, region: "eu-nl", credentials: { accessKey: AK, secretKey: SK }, fetch: hanging, timeoutMs, retry: false });

  it("throws TimeoutError when an attempt exceeds timeoutMs", async () => {
    const transport = hangingTransport(30);
    const error = await transport.fetch(new Request(`${transport.baseUrl}/v3/p/backups/download-file?instance_id=i&backup_id=b`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as TimeoutError).timeoutMs).toBe(30);
    expect((error as TimeoutError).message).toBe(
      "Request timed out after 30 ms (GET https://dds.eu-nl.otc.t-systems.com/v3/p/backups/download-file?<redacted>)",
    );
  });

  it("times out across garbage collections (a Request follows its signal only weakly)", async () => {
    // The transport must keep the attempt's Request reachable until the attempt settles.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const transport = hangingTransport(50);
    const outcome = transport.fetch(new Request(`${transport.baseUrl}/v3/p/x`)).catch((e: unknown) => e);
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      gc();
    }
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(50);
  });

  it("retries a timed-out attempt and counts it", async () => {
    let calls = 0;
    const transport = createTransport({
      api: OTC_DDS,
      region: "eu-nl",
      credentials: { accessKey: AK, secretKey: SK },
      fetch: (input) => (++calls === 1 ? hanging(input) : Promise.resolve(new Response("ok"))),
      timeoutMs: 20,
      sleep: async () => undefined,
    });
    const response = await transport.fetch(new Request(`${transport.baseUrl}/v3/p/x`));
    expect(await response.text()).toBe("ok");
    expect(calls).toBe(2);
  });

  it("rethrows the caller's own abort without retrying", async () => {
    let calls = 0;
    const transport = createTransport({
      api: OTC_DDS,
      region: "eu-nl",
      credentials: { accessKey: AK, secretKey: SK },
      fetch: (input) => {
        calls++;
        return hanging(input);
      },
    });
    const controller = new AbortController();
    const pending = transport.fetch(new Request(`${transport.baseUrl}/v3/p/x`, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error("user gave up"));
    await expect(pending).rejects.toThrow("user gave up");
    expect(calls).toBe(1);
  });

  it("does not start an attempt when the caller already aborted", async () => {
    let calls = 0;
    const transport = createTransport({
      api: OTC_DDS,
      region: "eu-nl",
      credentials: { accessKey: AK, secretKey: SK },
      fetch: async () => {
        calls++;
        return new Response("");
      },
    });
    const controller = new AbortController();
    controller.abort(new Error("already"));
    await expect(transport.fetch(new Request(`${transport.baseUrl}/v3/p/x`, { signal: controller.signal }))).rejects.toThrow("already");
    expect(calls).toBe(0);
  });

  it("leaves no listener on the caller's signal once an attempt has ended (a reused signal never piles them up)", async () => {
    let n = 0;
    const transport = createTransport({
      api: OTC_DDS,
      region: "eu-nl",
      credentials: { accessKey: AK, secretKey: SK },
      fetch: async () => new Response("", { status: n++ % 2 === 0 ? 503 : 200 }),
      sleep: async () => undefined,
    });
    const controller = new AbortController();
    const request = new Request(`${transport.baseUrl}/v3/p/x`, { signal: controller.signal });
    const before = getEventListeners(request.signal, "abort").length;
    for (let i = 0; i < 20; i++) expect((await transport.fetch(request)).status).toBe(200);
    expect(n).toBe(40);
    expect(getEventListeners(request.signal, "abort")).toHaveLength(before);
  });
});

describe("signing middleware and request signer", () => {
  it("createRequestSigner returns a new signed Request and replaces stale auth headers", async () => {
    const sign = createRequestSigner({ provider: "huaweicloud", credentials: { accessKey: AK, secretKey: SK }, clock: () => NOW });
    const original = new Request("https://rds.cn-north-4.myhuaweicloud.com/v3/p/backup-files?backup_id=1", {
      headers: { Authorization: "stale", "X-Sdk-Date": "19990101T000000Z" },
    });
    const signed = await sign(original);
    expect(signed).not.toBe(original);
    expect(signed.headers.get("x-sdk-date")).toBe("20240301T123456Z");
    const captured = { method: signed.method, url: signed.url, headers: signed.headers, body: Buffer.alloc(0) };
    expect(signed.headers.get("authorization")).toBe(referenceSdkHmac(captured, AK, SK));
  });

  it("createSigningMiddleware signs in onRequest for openapi-fetch's own fetch", async () => {
    const rec = recordingFetch();
    const client = createClient<any>({ baseUrl: "https://dds.eu-de.otc.t-systems.com", fetch: rec.fetch });
    client.use(createSigningMiddleware({ provider: "otc", credentials: { accessKey: AK, secretKey: SK }, clock: () => NOW }));
    await client.GET("/v3/{project_id}/backups/download-file", { params: { path: { project_id: "p" }, query: { instance_id: "i", backup_id: "b" } } });
    expect(rec.calls[0]!.headers.get("authorization")).toBe(referenceSdkHmac(rec.calls[0]!, AK, SK));
  });
});

describe("formatUserAgent", () => {
  it("turns package names into product tokens", () => {
    expect(formatUserAgent({ name: "@backup-links/jdcloud-rds", version: "0.1.0" })).toBe(`backup-links-jdcloud-rds/0.1.0 backup-links-core/${CORE_VERSION}`);
    expect(formatUserAgent()).toBe(`backup-links-core/${CORE_VERSION}`);
  });

});
