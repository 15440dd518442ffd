import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError, CredentialsError, NetworkError, OTC_RDS, TimeoutError, createTransport, protectCredentials } from "../src/index.js";
import { createIamTokenSource, iamTokensUrl } from "../src/node/index.js";

const PASSWORD = "s3cr3t-Pa55word!";

/** A fake Keystone v3 IAM on 127.0.0.1: checks the exact body, answers a numbered token valid for one hour. */
let server: Server;
let base: string;
let requests: { url: string; body: string }[] = [];
let answer: "ok" | "401" | "503" | "slow" | "no-header" = "ok";
/** When set, the `expires_at` the fake IAM writes (else one hour after `now`, in Keystone's microseconds). */
let expiresText: string | undefined;
let now = Date.UTC(2026, 11, 3, 4, 0, 0);

const read = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

beforeAll(async () => {
  server = createServer((request, response) => {
    void read(request).then((body) => {
      requests.push({ url: `${request.method} ${request.url}`, body });
      if (answer === "503") {
        response.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ echo: body }));
        return;
      }
      if (answer === "slow") {
        setTimeout(() => response.writeHead(201).end("{}"), 2000).unref();
        return;
      }
      if (answer === "401") {
        response.writeHead(401, { "content-type": "application/json" }).end('{"error":{"code":401,"message":"The request you have made requires authentication."}}');
        return;
      }
      const expiresAt = expiresText ?? new Date(now + 3600_000).toISOString().replace("Z", "000Z"); // microseconds, as Keystone writes
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (answer === "ok") headers["x-subject-token"] = `token-${requests.length}`;
      response.writeHead(201, headers).end(JSON.stringify({ token: { expires_at: expiresAt, methods: ["password"] } }));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  requests = [];
  answer = "ok";
  expiresText = undefined;
  now = Date.UTC(2026, 11, 3, 4, 0, 0);
});

const source = () =>
  createIamTokenSource({
    authUrl: `${base}/v3`,
    username: "alice",
    password: PASSWORD,
    userDomainName: "OTC00000000001000000001",
    projectId: "0123456789abcdef0123456789abcdef",
    clock: () => now,
  });

describe("IAM token from a user name and password (Keystone v3 POST /v3/auth/tokens)", () => {
  it("sends the exact password body and returns X-Subject-Token", async () => {
    expect(await source()()).toBe("token-1");
    expect(requests).toEqual([
      {
        url: "POST /v3/auth/tokens",
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: "alice", domain: { name: "OTC00000000001000000001" }, password: PASSWORD } },
            },
            scope: { project: { id: "0123456789abcdef0123456789abcdef" } },
          },
        }),
      },
    ]);
  });

  it("project by name with its domain, user by id", async () => {
    const named = createIamTokenSource({ authUrl: base, userId: "u1", password: PASSWORD, projectName: "eu-de", projectDomainName: "d" });
    expect(await named()).toBe("token-1");
    expect(JSON.parse(requests[0]!.body)).toEqual({
      auth: {
        identity: { methods: ["password"], password: { user: { id: "u1", password: PASSWORD } } },
        scope: { project: { name: "eu-de", domain: { name: "d" } } },
      },
    });
  });

  it("user by name in a domain given by id; project by name in a domain given by id (id before name, as keystoneauth1)", async () => {
    const tokens = createIamTokenSource({
      authUrl: `${base}/v3/`,
      username: "alice",
      password: PASSWORD,
      userDomainId: "ud1",
      userDomainName: "ignored",
      projectName: "eu-de_sub",
      projectDomainId: "pd1",
      projectDomainName: "ignored",
    });
    expect(await tokens()).toBe("token-1");
    expect(requests[0]!.url).toBe("POST /v3/auth/tokens");
    expect(JSON.parse(requests[0]!.body)).toEqual({
      auth: {
        identity: { methods: ["password"], password: { user: { name: "alice", domain: { id: "ud1" }, password: PASSWORD } } },
        scope: { project: { name: "eu-de_sub", domain: { id: "pd1" } } },
      },
    });
  });

  it("expires_at with an offset and fractional seconds; a token living less than twice the margin is renewed at half its life", async () => {
    expiresText = "2026-12-03T06:04:00.123456+02:00"; // 04:04:00.123Z: four minutes from now
    const tokens = source();
    expect((await tokens.current()).expiresAt.toISOString()).toBe("2026-12-03T04:04:00.123Z");
    now += 60_000;
    expect(await tokens()).toBe("token-1");
    now += 62_000; // past half the lifetime
    expect(await tokens()).toBe("token-2");
    expect(requests).toHaveLength(2);
  });

  it("an IAM answering 5xx is an ApiError with the status, never echoing the password; the next call tries again", async () => {
    const tokens = source();
    answer = "503";
    const error = (await tokens().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(CredentialsError);
    expect(error.status).toBe(503);
    expect(error.message).toBe(`POST ${base}/v3/auth/tokens failed with HTTP 503`);
    for (const text of [error.message, inspect(error, { depth: 5 }), JSON.stringify(error)]) expect(text).not.toContain(PASSWORD);
    answer = "ok";
    expect(await tokens()).toBe("token-2");
  });

  it("an IAM that does not answer in time is a TimeoutError", async () => {
    answer = "slow";
    const tokens = createIamTokenSource({ authUrl: base, username: "alice", password: PASSWORD, userDomainName: "d", timeoutMs: 100 });
    const error = (await tokens().catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe(`Request timed out after 100 ms (POST ${base}/v3/auth/tokens)`);
    expect(inspect(error, { depth: 5 })).not.toContain(PASSWORD);
  });

  it("caches the token until 5 minutes before expires_at, then renews it", async () => {
    const tokens = source();
    expect(await tokens()).toBe("token-1");
    now += 54 * 60_000; // 6 minutes left
    expect(await tokens()).toBe("token-1");
    expect((await tokens.current()).expiresAt.toISOString()).toBe("2026-12-03T05:00:00.000Z");
    now += 60_000 + 1; // less than 5 minutes left
    expect(await tokens()).toBe("token-2");
    expect((await tokens.current()).expiresAt.toISOString()).toBe("2026-12-03T05:55:00.001Z");
    expect(requests).toHaveLength(2);
  });

  it("callers at the same time share one request", async () => {
    const tokens = source();
    expect(await Promise.all([tokens(), tokens(), tokens()])).toEqual(["token-1", "token-1", "token-1"]);
    expect(requests).toHaveLength(1);
  });

  it("a refused password is a CredentialsError without the password; the next call tries again", async () => {
    const tokens = source();
    answer = "401";
    const error = (await tokens().catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`credentials: the IAM at ${base}/v3/auth/tokens refused the password of user alice (HTTP 401)`);
    for (const text of [error.message, error.stack ?? "", inspect(error, { depth: 5 }), JSON.stringify(error)]) expect(text).not.toContain(PASSWORD);
    answer = "ok";
    expect(await tokens()).toBe("token-2");
  });

  it("a network failure is a NetworkError naming the IAM URL, without the password", async () => {
    const failing = createIamTokenSource({
      authUrl: "https://iam.invalid/v3",
      username: "alice",
      password: PASSWORD,
      userDomainName: "d",
      fetch: async () => Promise.reject(new TypeError("fetch failed")),
    });
    const error = (await failing().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe("IAM token request failed (POST https://iam.invalid/v3/auth/tokens)");
    expect(inspect(error, { depth: 5 })).not.toContain(PASSWORD);
  });

  it("an answer without X-Subject-Token, or without a zoned expires_at, is an ApiError saying which", async () => {
    answer = "no-header";
    const noHeader = (await source()().catch((e: unknown) => e)) as ApiError;
    expect(noHeader).toBeInstanceOf(ApiError);
    expect(noHeader.message).toBe(`POST ${base}/v3/auth/tokens failed with HTTP 201: the IAM answered without a usable X-Subject-Token header`);
    answer = "ok";
    expiresText = "2026-12-03T05:00:00.000000"; // no zone: its meaning unknown
    const noZone = (await source()().catch((e: unknown) => e)) as ApiError;
    expect(noZone.message).toBe(`POST ${base}/v3/auth/tokens failed with HTTP 201: the IAM answered without token.expires_at as a time with a zone`);
  });

  it("the source and credentials holding it never show the password", () => {
    const tokens = source();
    const credentials = protectCredentials({ token: tokens });
    for (const text of [inspect(tokens, { depth: 5, showHidden: true }), inspect(credentials, { depth: 5 }), JSON.stringify(credentials), String(credentials)]) {
      expect(text).not.toContain(PASSWORD);
    }
    expect(JSON.stringify(credentials)).toBe('{"token":"<redacted>"}');
  });

  it("checks its options before any request, naming the field", () => {
    expect(() => createIamTokenSource({ authUrl: "iam.example", username: "a", password: "p", userDomainName: "d" })).toThrow(
      "auth.auth_url: must be an absolute http or https URL without credentials, query or fragment",
    );
    expect(() => createIamTokenSource({ authUrl: base, username: "a", password: "", userDomainName: "d" })).toThrow("auth.password: must be a non-empty string");
    expect(() => createIamTokenSource({ authUrl: base, username: "a", password: "p" })).toThrow(
      "auth.user_domain_name: is required with a user name (or auth.user_domain_id, auth.domain_name)",
    );
    expect(iamTokensUrl("https://iam.eu-de.otc.t-systems.com/v3/")).toBe("https://iam.eu-de.otc.t-systems.com/v3/auth/tokens");
    expect(iamTokensUrl("https://iam.eu-de.otc.t-systems.com")).toBe("https://iam.eu-de.otc.t-systems.com/v3/auth/tokens");
    expect(requests).toHaveLength(0);
  });

  it("the transport asks the source before every attempt and sends X-Auth-Token", async () => {
    const tokens = source();
    const seen: (string | null)[] = [];
    const transport = createTransport({
      api: OTC_RDS,
      baseUrl: "http://api.invalid",
      credentials: { token: tokens },
      projectId: "p",
      clock: () => now,
      fetch: async (request) => {
        seen.push(request.headers.get("x-auth-token"));
        return new Response("{}", { status: 200 });
      },
    });
    await transport.fetch(new Request("http://api.invalid/v3/p/backups"));
    now += 56 * 60_000;
    await transport.fetch(new Request("http://api.invalid/v3/p/backups"));
    expect(seen).toEqual(["token-1", "token-2"]);
  });
});

describe("IAM token request and redirects", () => {
  it("does not follow a 307 to another host (it would re-send the password there), and reports the status", async () => {
    const received: string[] = [];
    const elsewhere = createServer((request, response) => {
      void read(request).then((body) => {
        received.push(body);
        response.writeHead(201, { "x-subject-token": "stolen", "content-type": "application/json" }).end(JSON.stringify({ token: { expires_at: "2099-01-01T00:00:00Z" } }));
      });
    });
    await new Promise<void>((done) => elsewhere.listen(0, "127.0.0.1", done));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/v3/auth/tokens`;
    const redirector = createServer((_request, response) => response.writeHead(307, { location: target }).end());
    await new Promise<void>((done) => redirector.listen(0, "127.0.0.1", done));
    try {
      const tokens = createIamTokenSource({
        authUrl: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/v3`,
        username: "alice",
        password: PASSWORD,
        userDomainName: "OTC00000000001000000001",
      });
      const error = await tokens().then(() => undefined, (e: unknown) => e);
      expect(received).toEqual([]);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(307);
      expect(String((error as Error).message)).not.toContain(PASSWORD);
    } finally {
      redirector.close();
      elsewhere.close();
    }
  });
});
