/**
 * The transport's Authorization, on real Requests built by openapi-fetch-like code, equals what the independent
 * node:crypto re-implementation (test/helpers/reference-signers.ts) computes, for random paths, queries, bodies,
 * methods, dates and credentials.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createTransport,
  HUAWEICLOUD_RDS,
  JDCLOUD_RDS,
} from "../src/index.js";
import { recordingFetch, referenceJdCloud2, referenceSdkHmac } from "./helpers/reference-signers.js";

const segment = fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 });
const queryPairs = fc.array(fc.tuple(fc.string({ unit: "grapheme", minLength: 1, maxLength: 5 }), fc.string({ unit: "grapheme", maxLength: 5 })), { maxLength: 5 });
/** Access keys, tokens, project ids: visible ASCII (what may go in a header). */
const key = fc.stringMatching(/^[\x21-\x7e]{1,24}$/);
const secret = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.trim() !== "");
// 2001-09-09 .. 2286-11-20: keeps the YYYYMMDD format four-digit.
const epoch = fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 });
const request = fc.record({
  segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
  colonAction: fc.boolean(),
  query: queryPairs,
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
  body: fc.string({ unit: "grapheme", maxLength: 60 }),
  contentType: fc.option(fc.constantFrom("application/json", "application/json;charset=UTF-8", "text/plain"), { nil: undefined }),
});

function buildUrl(base: string, r: { segments: string[]; colonAction: boolean; query: Array<[string, string]> }): string {
  // openapi-fetch's way: encodeURIComponent per path parameter and per query key/value.
  const path = r.segments.map(encodeURIComponent).join("/") + (r.colonAction ? ":describeBackupDownloadURL" : "");
  const query = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return `${base}/${path}${query ? `?${query}` : ""}`;
}

function init(r: { method: string; body: string; contentType: string | undefined }): RequestInit {
  const headers: Record<string, string> = r.contentType ? { "Content-Type": r.contentType } : {};
  return r.method === "GET" ? { method: "GET", headers } : { method: r.method, body: r.body, headers };
}

describe("transport vs independent reference", () => {
  it("SDK-HMAC-SHA256 (otc / huaweicloud, with and without security token and project id)", async () => {
    await fc.assert(
      fc.asyncProperty(request, key, secret, epoch, fc.option(key, { nil: undefined }), fc.option(key, { nil: undefined }), async (r, ak, sk, now, securityToken, projectId) => {
        const rec = recordingFetch();
        const transport = createTransport({
          api: HUAWEICLOUD_RDS,
          region: "eu-west-101",
          credentials: securityToken === undefined ? { accessKey: ak, secretKey: sk } : { accessKey: ak, secretKey: sk, securityToken },
          ...(projectId === undefined ? {} : { projectId }),
          clock: () => now,
          fetch: rec.fetch,
          retry: false,
        });
        await transport.fetch(new Request(buildUrl(transport.baseUrl, r), init(r)));
        const sent = rec.calls[0]!;
        expect(sent.headers.get("authorization")).toBe(referenceSdkHmac(sent, ak, sk));
        expect(sent.headers.get("x-sdk-date")).toBe(new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, ""));
        expect(sent.body.toString("utf8")).toBe(r.method === "GET" ? "" : r.body);
      }),
      { numRuns: 150 },
    );
  });

  it("JDCLOUD2-HMAC-SHA256 (jdcloud, literal ':' paths)", async () => {
    await fc.assert(
      fc.asyncProperty(request, key, secret, epoch, fc.constantFrom("cn-north-1", "cn-east-2"), async (r, ak, sk, now, region) => {
        const rec = recordingFetch();
        const transport = createTransport({
          api: JDCLOUD_RDS,
          region,
          credentials: { accessKey: ak, secretKey: sk },
          clock: () => now,
          fetch: rec.fetch,
          retry: false,
        });
        await transport.fetch(new Request(buildUrl(transport.baseUrl, r), init(r)));
        const sent = rec.calls[0]!;
        expect(sent.headers.get("authorization")).toBe(referenceJdCloud2(sent, ak, sk, region, "rds"));
        expect(sent.headers.get("x-jdcloud-nonce")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }),
      { numRuns: 150 },
    );
  });
});
