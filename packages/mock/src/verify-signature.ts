/**
 * An independent check of the two request-signing algorithms: the client suites' signature oracle and the mock
 * cloud's (`startMockCloud`) request authentication. It lives here, in a published package, so both use this one
 * implementation (`@backup-links/testkit/verify-signature` re-exports it).
 *
 * Written from the algorithm descriptions (SDK-HMAC-SHA256 of Huawei Cloud / OTC, JDCLOUD2-HMAC-SHA256 of JD Cloud)
 * with `node:crypto`, sharing no code with `@backup-links/core`'s Web Crypto signers: a client test records the
 * request that would go on the wire and asks this module whether its `Authorization` header is the one the server
 * would recompute. A bug in the signer then cannot hide behind the same bug in the check.
 */
import { createHash, createHmac } from "node:crypto";

/** A request as it would go on the wire (what a recording `fetch` saw). */
export interface WireRequestRecord {
  method: string;
  /** Absolute URL exactly as sent. */
  url: string;
  /** Header names in any case. */
  headers: Readonly<Record<string, string>>;
  /** The exact body bytes as text ("" when none). */
  body: string;
}

export interface SignatureCheck {
  /** True when the received Authorization header equals the recomputed one. */
  valid: boolean;
  /** The Authorization header the server would compute from this request. */
  expected: string;
  /** The Authorization header the request carries. */
  received: string | undefined;
  /** The canonical request the expected signature was computed over. */
  canonicalRequest: string;
  /** The signed header names the request declared. */
  signedHeaders: string[];
}

const sha256Hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding: only A-Z a-z 0-9 - _ . ~ stay literal; upper-case hex. */
export function rfc3986Encode(value: string): string {
  return Array.from(Buffer.from(value, "utf8"))
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** The raw path and the decoded query pairs of an absolute URL, parsed by hand (no WHATWG normalisation). */
function splitUrl(url: string): { host: string; rawPath: string; query: Array<[string, string]> } {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!match) throw new Error(`not an absolute URL: ${url}`);
  const [, authority = "", rawPath = "", rawQuery = ""] = match;
  const query = rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part): [string, string] => {
      const eq = part.indexOf("=");
      const key = eq === -1 ? part : part.slice(0, eq);
      const value = eq === -1 ? "" : part.slice(eq + 1);
      return [decodeURIComponent(key), decodeURIComponent(value)];
    });
  // Host as a client sends it: lower-case, default ports dropped.
  const host = authority.toLowerCase().replace(/:(80|443)$/, "");
  return { host, rawPath, query };
}

/** Keys sorted, the values of one key sorted, both RFC 3986-encoded, joined by "&". */
function canonicalQuery(pairs: Array<[string, string]>): string {
  return pairs
    .map(([key, value]) => [rfc3986Encode(key), rfc3986Encode(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/** Parses `ALGO k1=v1, k2=v2, ...` (values may contain "/" and ";"). */
function parseAuthorization(header: string | undefined, algorithm: string): Map<string, string> | undefined {
  if (header === undefined || !header.startsWith(`${algorithm} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(algorithm.length + 1).split(", ")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return fields;
}

function headerValue(headers: Map<string, string>, host: string, name: string, collapse: boolean): string {
  const value = name === "host" ? (headers.get("host") ?? host) : (headers.get(name) ?? "");
  return collapse ? value.trim().replace(/\s+/g, " ") : value.trim();
}

/**
 * Checks an SDK-HMAC-SHA256 request (Huawei Cloud, Open Telekom Cloud). Canonical URI: the path decoded, split at
 * "/" (so `%2F` is a separator, as Huawei's Python SDK signs it) and each segment re-encoded per RFC 3986, with a
 * trailing "/" appended; the signed headers are the ones the request declares.
 */
export function verifySdkHmacSha256(
  request: WireRequestRecord,
  credentials: { accessKey: string; secretKey: string },
): SignatureCheck {
  const headers = lowerCaseHeaders(request.headers);
  const received = headers.get("authorization");
  const fields = parseAuthorization(received, "SDK-HMAC-SHA256");
  const signedHeaders = (fields?.get("SignedHeaders") ?? "").split(";").filter(Boolean);
  const { host, rawPath, query } = splitUrl(request.url);
  const segments = decodeURIComponent(rawPath).split("/").map(rfc3986Encode);
  let uri = segments.join("/") || "/";
  if (!uri.endsWith("/")) uri += "/";
  const canonicalRequest = [
    request.method.toUpperCase(),
    uri,
    canonicalQuery(query),
    signedHeaders.map((name) => `${name}:${headerValue(headers, host, name, false)}\n`).join(""),
    signedHeaders.join(";"),
    sha256Hex(request.body),
  ].join("\n");
  const date = headers.get("x-sdk-date") ?? "";
  const stringToSign = ["SDK-HMAC-SHA256", date, sha256Hex(canonicalRequest)].join("\n");
  const signature = hmac(credentials.secretKey, stringToSign).toString("hex");
  const expected = `SDK-HMAC-SHA256 Access=${credentials.accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return { valid: received === expected, expected, received, canonicalRequest, signedHeaders };
}

/**
 * Checks a JDCLOUD2-HMAC-SHA256 request (JD Cloud). Canonical URI: the path exactly as sent (JD's backend
 * recomputes from the raw request URI); header values trimmed with inner whitespace collapsed.
 */
export function verifyJdCloud2(
  request: WireRequestRecord,
  credentials: { accessKey: string; secretKey: string },
  scope: { region: string; service: string },
): SignatureCheck {
  const headers = lowerCaseHeaders(request.headers);
  const received = headers.get("authorization");
  const fields = parseAuthorization(received, "JDCLOUD2-HMAC-SHA256");
  const signedHeaders = (fields?.get("SignedHeaders") ?? "").split(";").filter(Boolean);
  const { host, rawPath, query } = splitUrl(request.url);
  const canonicalRequest = [
    request.method.toUpperCase(),
    rawPath || "/",
    canonicalQuery(query),
    signedHeaders.map((name) => `${name}:${headerValue(headers, host, name, true)}\n`).join(""),
    signedHeaders.join(";"),
    headers.get("x-jdcloud-content-sha256") ?? sha256Hex(request.body),
  ].join("\n");
  const date = headers.get("x-jdcloud-date") ?? "";
  const day = date.slice(0, 8);
  const credentialScope = `${day}/${scope.region}/${scope.service}/jdcloud2_request`;
  const stringToSign = ["JDCLOUD2-HMAC-SHA256", date, credentialScope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`JDCLOUD2${credentials.secretKey}`, day);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  const kSigning = hmac(kService, "jdcloud2_request");
  const signature = hmac(kSigning, stringToSign).toString("hex");
  const expected =
    `JDCLOUD2-HMAC-SHA256 Credential=${credentials.accessKey}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return { valid: received === expected, expected, received, canonicalRequest, signedHeaders };
}
