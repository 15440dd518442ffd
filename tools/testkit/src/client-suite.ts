/**
 * One table-driven vitest suite for every backup-links client. A client's test file describes its API once (the
 * request it must send, a success body and the result it must give, the error bodies, the inputs it must refuse)
 * and `describeClientSuite` turns that into the tests every client owes: exact request, a signature an independent
 * implementation accepts, typed result, validation before any request, ApiError fields, retry bound, timeout,
 * abort, environment defaults and redaction.
 */
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyJdCloud2, verifySdkHmacSha256, type WireRequestRecord } from "./verify-signature.ts";

/** Made-up credentials; every test asserts that the secret parts never show. */
export const TEST_ACCESS_KEY = "AKTESTEXAMPLE00000001";
export const TEST_SECRET_KEY = "SKsecretMustNotLeak0123456789abcdefABCDEF";
export const TEST_SECURITY_TOKEN = "STsecurityTokenMustNotLeak42";
export const TEST_TOKEN = "MIIiamTokenMustNotLeak9876";
const SECRETS = [TEST_SECRET_KEY, TEST_SECURITY_TOKEN, TEST_TOKEN];

/** The clock every suite runs at (only `Date` is faked: timers stay real). */
export const SUITE_NOW = new Date("2026-03-04T05:06:07.000Z");
const SUITE_SIGNING_DATE = "20260304T050607Z";

export interface RecordedRequest extends WireRequestRecord {
  signal: AbortSignal;
}

/** A `fetch` that records what it is sent and answers with `responder`. */
export function recordingFetch(responder: (request: RecordedRequest, index: number) => Response | Promise<Response>) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body === null ? "" : await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body,
      signal: request.signal,
    };
    requests.push(recorded);
    return responder(recorded, requests.length - 1);
  };
  return { fetch, requests };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** A fetch that never answers until its request is aborted (by the timeout or the caller); `onSent` sees each request. */
function hangingFetch(onSent: (request: RecordedRequest) => void = () => undefined) {
  return recordingFetch(
    (request) =>
      new Promise<Response>((_resolve, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
        onSent(request);
      }),
  );
}

type AnyClient = {
  getBackupDownloadLinks(input: never, options?: never): Promise<unknown>;
  readonly raw: unknown;
};
type Call = (client: AnyClient, input: unknown, options?: unknown) => Promise<unknown>;
const call: Call = (client, input, options) =>
  (client.getBackupDownloadLinks as (input: unknown, options?: unknown) => Promise<unknown>)(input, options);

export interface ExpectedApiError {
  status: number;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  requestId: string | undefined;
  errorDetail?: string | undefined;
}

export interface ClientCase {
  /** API id, e.g. `otc-rds`. */
  api: string;
  /** The package's factory. */
  create: (options?: never) => AnyClient;
  /** Options besides credentials and fetch, e.g. `{ region: "eu-de", projectId: "p1" }`. */
  options: Record<string, unknown>;
  /** How requests are signed; JD also needs the credential scope. */
  signing: { algorithm: "SDK-HMAC-SHA256" } | { algorithm: "JDCLOUD2-HMAC-SHA256"; region: string; service: string };
  /** Whether `{ token }` credentials are supported (Huawei Cloud / OTC). */
  tokenAuth: boolean;
  /** A valid call input. */
  input: Record<string, unknown>;
  /** The request that input must produce with AK/SK credentials (no security token). */
  request: {
    method: string;
    url: string;
    body: string;
    /** Every header name sent, lower-case, sorted. */
    headerNames: string[];
    /** Exact values of some headers (lower-case names). */
    headers: Record<string, string>;
    /** The signed header names, in order. */
    signedHeaders: string[];
  };
  success: { body: unknown; headers: Record<string, string>; result: unknown };
  /** Inputs that must be refused before any request, with the field the ValidationError names. */
  badInputs: Array<{ name: string; input: unknown; field: string; options?: unknown }>;
  /** Client options that must be refused at creation, with the field named. */
  badOptions: Array<{ name: string; options: Record<string, unknown>; field: string }>;
  /** Documented error responses and the ApiError each must give. */
  errors: Array<{ name: string; status: number; body: unknown; headers: Record<string, string>; expected: ExpectedApiError }>;
  /** The vendor's environment variables for AK/SK (and project id / region), and what the request then carries. */
  environment: { env: Record<string, string>; options: Record<string, unknown>; urlPrefix: string };
}

export function describeClientSuite(c: ClientCase): void {
  const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
  const verify = (request: WireRequestRecord) =>
    c.signing.algorithm === "SDK-HMAC-SHA256"
      ? verifySdkHmacSha256(request, credentials)
      : verifyJdCloud2(request, credentials, c.signing);
  const make = (fetch: unknown, extra: Record<string, unknown> = {}) =>
    c.create({ ...c.options, credentials, fetch, ...extra } as never);
  const succeed = () => recordingFetch(() => jsonResponse(200, c.success.body, c.success.headers));
  const fastRetry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

  describe(`${c.api} client`, () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(SUITE_NOW);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("sends exactly the documented request", async () => {
      const { fetch, requests } = succeed();
      await call(make(fetch), c.input);
      expect(requests).toHaveLength(1);
      const [sent] = requests;
      expect(sent!.method).toBe(c.request.method);
      expect(sent!.url).toBe(c.request.url);
      expect(sent!.body).toBe(c.request.body);
      expect(Object.keys(sent!.headers).sort()).toEqual(c.request.headerNames);
      for (const [name, value] of Object.entries(c.request.headers)) expect(sent!.headers[name]).toBe(value);
      const date = c.signing.algorithm === "SDK-HMAC-SHA256" ? sent!.headers["x-sdk-date"] : sent!.headers["x-jdcloud-date"];
      expect(date).toBe(SUITE_SIGNING_DATE);
      // The client's own version, as in its package.json (vitest runs in the package's folder).
      const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
      expect(sent!.headers["user-agent"]).toMatch(new RegExp(`^backup-links-${c.api}/${version.replaceAll(".", "\\.")} backup-links-core/\\d+\\.\\d+\\.\\d+$`));
    });

    it("signs the request so that an independent implementation of the algorithm accepts it", async () => {
      const { fetch, requests } = succeed();
      await call(make(fetch), c.input);
      const check = verify(requests[0]!);
      expect(check.signedHeaders).toEqual(c.request.signedHeaders);
      expect(check.received).toBe(check.expected);
      expect(check.valid).toBe(true);
    });

    it("a signature over other bytes does not verify (the check can fail)", async () => {
      const { fetch, requests } = succeed();
      await call(make(fetch), c.input);
      const tampered = { ...requests[0]!, url: requests[0]!.url.replace(/[^/]+$/, (last) => `x${last}`) };
      expect(verify(tampered).valid).toBe(false);
    });

    it("returns the documented fields plus the parsed extras", async () => {
      const { fetch } = succeed();
      await expect(call(make(fetch), c.input)).resolves.toEqual(c.success.result);
    });

    if (c.tokenAuth) {
      it("sends an IAM token as X-Auth-Token, unsigned", async () => {
        const { fetch, requests } = succeed();
        await call(c.create({ ...c.options, credentials: { token: TEST_TOKEN }, fetch } as never), c.input);
        const headers = requests[0]!.headers;
        expect(headers["x-auth-token"]).toBe(TEST_TOKEN);
        expect(headers.authorization).toBeUndefined();
        expect(headers["x-sdk-date"]).toBeUndefined();
        expect(requests[0]!.url).toBe(c.request.url);
      });

      it("sends and signs X-Security-Token with temporary credentials", async () => {
        const { fetch, requests } = succeed();
        await call(make(fetch, { credentials: { ...credentials, securityToken: TEST_SECURITY_TOKEN } }), c.input);
        const check = verify(requests[0]!);
        expect(requests[0]!.headers["x-security-token"]).toBe(TEST_SECURITY_TOKEN);
        expect(check.signedHeaders).toContain("x-security-token");
        expect(check.valid).toBe(true);
      });
    } else {
      it("refuses a token (no token auth here) before any request", () => {
        const { fetch, requests } = succeed();
        expect(() => c.create({ ...c.options, credentials: { token: TEST_TOKEN }, fetch } as never)).toThrowError(
          expect.objectContaining({ name: "ValidationError", field: "credentials" }),
        );
        expect(requests).toHaveLength(0);
      });
    }

    it.each(c.badInputs.map((b) => [b.name, b] as const))("refuses %s before any request", async (_name, bad) => {
      const { fetch, requests } = succeed();
      const error = await call(make(fetch), bad.input, bad.options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: "ValidationError", field: bad.field });
      expect((error as Error).message.startsWith(`${bad.field}: `)).toBe(true);
      expect(requests).toHaveLength(0);
    });

    it.each(c.badOptions.map((b) => [b.name, b] as const))("refuses %s at creation", (_name, bad) => {
      const { fetch, requests } = succeed();
      expect(() => c.create({ ...c.options, credentials, fetch, ...bad.options } as never)).toThrowError(
        expect.objectContaining({ name: expect.stringMatching(/ValidationError|CredentialsError/), field: bad.field }),
      );
      expect(requests).toHaveLength(0);
    });

    it("refuses to start without credentials, naming the variables to set", () => {
      const { fetch } = succeed();
      expect(() => c.create({ ...c.options, fetch, env: {} } as never)).toThrowError(
        expect.objectContaining({ name: "CredentialsError", field: "credentials" }),
      );
    });

    it("reads credentials (and project id / region) from the vendor's environment variables", async () => {
      const { fetch, requests } = succeed();
      await call(c.create({ ...c.environment.options, fetch, env: c.environment.env } as never), c.input);
      expect(requests[0]!.url.startsWith(c.environment.urlPrefix)).toBe(true);
      expect(verify(requests[0]!).valid).toBe(true);
    });

    it("appends the caller's User-Agent tokens", async () => {
      const { fetch, requests } = succeed();
      await call(make(fetch, { userAgent: "my-backup-job/1.2" }), c.input);
      expect(requests[0]!.headers["user-agent"]).toMatch(/^backup-links-.+ backup-links-core\/\S+ my-backup-job\/1\.2$/);
    });

    it.each(c.errors.map((e) => [e.name, e] as const))("maps %s to an ApiError", async (_name, e) => {
      const { fetch, requests } = recordingFetch(() => jsonResponse(e.status, e.body, e.headers));
      const error = await call(make(fetch, { retry: false }), c.input).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toMatchObject({ name: "ApiError", ...e.expected, method: c.request.method });
      expect(requests).toHaveLength(1);
    });

    it("treats a success body that is not JSON as an ApiError", async () => {
      const { fetch } = recordingFetch(() => new Response("<html>proxy</html>", { status: 200 }));
      await expect(call(make(fetch), c.input)).rejects.toMatchObject({ name: "ApiError", status: 200 });
    });

    it("retries 503 up to the bound, then gives the last ApiError", async () => {
      const { fetch, requests } = recordingFetch(() => jsonResponse(503, c.errors[0]!.body, c.errors[0]!.headers));
      await expect(call(make(fetch, { retry: fastRetry }), c.input)).rejects.toMatchObject({ name: "ApiError", status: 503 });
      expect(requests).toHaveLength(3);
      // Every attempt is signed afresh (and verifies).
      for (const request of requests) expect(verify(request).valid).toBe(true);
    });

    it("recovers when a retry succeeds, and sends once with retry: false", async () => {
      const flaky = recordingFetch((_r, i) => (i === 0 ? jsonResponse(502, {}, {}) : jsonResponse(200, c.success.body, c.success.headers)));
      await expect(call(make(flaky.fetch, { retry: fastRetry }), c.input)).resolves.toEqual(c.success.result);
      expect(flaky.requests).toHaveLength(2);
      const once = recordingFetch(() => jsonResponse(502, {}, {}));
      await expect(call(make(once.fetch, { retry: false }), c.input)).rejects.toMatchObject({ status: 502 });
      expect(once.requests).toHaveLength(1);
    });

    it("times out a hanging attempt with a TimeoutError", async () => {
      const { fetch, requests } = hangingFetch();
      await expect(call(make(fetch, { timeoutMs: 30, retry: { ...fastRetry, maxAttempts: 2 } }), c.input)).rejects.toMatchObject({
        name: "TimeoutError",
        timeoutMs: 30,
      });
      expect(requests).toHaveLength(2);
    });

    it("stops when the caller aborts, without retrying", async () => {
      const controller = new AbortController();
      // Abort once the request is on the wire (a fixed delay would race the signing on a loaded machine).
      const { fetch, requests } = hangingFetch(() => setTimeout(() => controller.abort(new Error("caller gave up")), 5));
      const pending = call(make(fetch, { retry: fastRetry }), c.input, { signal: controller.signal });
      await expect(pending).rejects.toThrow("caller gave up");
      expect(requests).toHaveLength(1);
    });

    it("never shows a secret in util.inspect, JSON or an error", async () => {
      const { fetch } = recordingFetch(() => jsonResponse(c.errors[0]!.status, c.errors[0]!.body, c.errors[0]!.headers));
      const clients = [
        make(fetch, { credentials: c.tokenAuth ? { ...credentials, securityToken: TEST_SECURITY_TOKEN } : credentials, retry: false }),
        ...(c.tokenAuth ? [c.create({ ...c.options, credentials: { token: TEST_TOKEN }, fetch, retry: false } as never)] : []),
      ];
      for (const client of clients) {
        const error = await call(client, c.input).catch((e: unknown) => e);
        const shown = [
          inspect(client, { depth: Infinity, showHidden: true }),
          JSON.stringify(client),
          String(client),
          inspect(error, { depth: Infinity }),
          JSON.stringify(error),
        ].join("\n");
        for (const secret of SECRETS) expect(shown).not.toContain(secret);
        expect(inspect(client)).toContain(c.api);
        expect(JSON.parse(JSON.stringify(client))).toMatchObject({ api: c.api });
      }
    });
  });
}
