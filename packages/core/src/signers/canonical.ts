/**
 * Canonicalisation and crypto shared by both signers. Everything works on bytes (UTF-8), the way the vendors'
 * Go SDKs and servers do, so non-ASCII and malformed percent-escapes canonicalise the same as on the server.
 */

import { utf8 } from "./digest-web.js";
import { alreadyNormalisedHeaderNames, canonicalUnreservedQuery, formatSigningDateFast, plainUrlParts } from "#fast-paths";
import type { UrlParts } from "./url-parts.js";

/**
 * A request as it goes on the wire: the exact method, URL (path and query as sent), headers and body bytes.
 */
export interface WireRequest {
  method: string;
  url: string | URL;
  headers: Headers | Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>;
  /** The exact body bytes (a string is UTF-8 encoded); omitted or empty for no body. */
  body?: string | Uint8Array;
}

export type { UrlParts } from "./url-parts.js";

export interface SignatureResult {
  /** The full `Authorization` header value. */
  authorization: string;
  /** Hex signature. */
  signature: string;
  /** `a;b;c` lower-case signed header names. */
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
}

/**
 * Text that percent-encoding and -decoding leave unchanged (every id and query value of these APIs): the signers
 * pass it through as is instead of going byte by byte.
 */
export const UNRESERVED_ONLY = /^[A-Za-z0-9._~-]*$/;

/**
 * The signers hold bytes as byte strings: one character (code 0 to 255) per byte. Comparing two byte strings
 * compares their bytes, which is the order the vendors' Go SDKs sort by.
 */
function utf8Bytes(text: string): string {
  let bytes = "";
  for (const byte of utf8.encode(text)) bytes += String.fromCharCode(byte);
  return bytes;
}

/** Percent-encodes a byte string: unreserved (`A-Z a-z 0-9 - _ . ~`) kept, every other byte `%XX` upper-case. */
export function percentEncodeBytes(bytes: string): string {
  return bytes.replace(/[^\w.~-]/g, (byte) => `%${byte.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: `A-Z a-z 0-9 - _ . ~` kept, every other byte `%XX` with
 * upper-case hex (so space is `%20`, never `+`). Lone surrogates are encoded as U+FFFD.
 */
export function percentEncode(value: string): string {
  return UNRESERVED_ONLY.test(value) ? value : percentEncodeBytes(utf8Bytes(value));
}

/**
 * Percent-decodes the UTF-8 bytes of `text` to a byte string. A `%` not followed by two hex digits stays a literal
 * `%` (as Go's lenient servers and browsers treat it). With `plusIsSpace`, `+` is a space (form decoding, what
 * servers apply to query strings).
 */
export function percentDecodeBytes(text: string, plusIsSpace: boolean): string {
  return utf8Bytes(text).replace(/%([\da-f]{2})|\+/gi, (match, hex?: string) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : plusIsSpace ? " " : match,
  );
}

/** Byte order of two byte strings. */
const compareBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical query string both signers use: parameters taken from `query` (a raw `?a=1&b=2` / `a=1&b=2` string,
 * decoded as the server decodes it: `%XX` and `+` as space; or already-decoded pairs), sorted by key and then by
 * value (so the values of a repeated key are sorted), comparing decoded UTF-8 bytes as the vendors' Go SDKs do, each
 * `percentEncode(key)=percentEncode(value)` joined by `&`. A key without `=` has the empty value.
 */
export function canonicalQueryString(query: string | Iterable<readonly [string, string]>): string {
  if (typeof query === "string") return canonicalWireQuery(query);
  const pairs: Array<[key: string, value: string]> = [];
  for (const [key, value] of query) pairs.push([utf8Bytes(key), utf8Bytes(value)]);
  return canonicalPairs(pairs);
}

/** `canonicalQueryString` of a raw query string as sent (what the signers have). */
export function canonicalWireQuery(query: string): string {
  const text = query.startsWith("?") ? query.slice(1) : query;
  const unreserved = canonicalUnreservedQuery(text);
  if (unreserved !== undefined) return unreserved;
  const pairs: Array<[key: string, value: string]> = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([percentDecodeBytes(key, true), percentDecodeBytes(value, true)]);
  }
  return canonicalPairs(pairs);
}

/** Byte-string pairs sorted by key, then value, and percent-encoded as `key=value` joined by `&`. */
function canonicalPairs(pairs: Array<[key: string, value: string]>): string {
  pairs.sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]));
  return pairs.map(([key, value]) => `${percentEncodeBytes(key)}=${percentEncodeBytes(value)}`).join("&");
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the date format of `X-Sdk-Date` and `x-jdcloud-date`. */
export function formatSigningDate(date: Date): string {
  return formatSigningDateFast(date) ?? date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** Lower-case name -> values, from any header representation (a name may appear several times). */
export function headerMap(headers: WireRequest["headers"]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const entries = headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries(headers as Record<string, string>);
  for (const [name, value] of entries as Iterable<readonly [string, string]>) add(name, value);
  return map;
}

/**
 * A request as the signers' core reads it: the method, the URL's parts, a header's values by lower-case name and the
 * body. The public signers make it from any `WireRequest` (`wireSignerInput`); the transport's authenticators from
 * the attempt's `Headers`, with nothing to convert (`headersRequestParts`).
 */
export interface SigningParts {
  method: string;
  url: UrlParts;
  /** The values of a header, by lower-case name; `undefined` when the request has none. */
  header(name: string): string[] | undefined;
  body: string | Uint8Array | undefined;
}

/** Sorted, de-duplicated lower-case names: the SignedHeaders list both signers use. */
export function normaliseSignedHeaders(names: readonly string[]): string[] {
  return alreadyNormalisedHeaderNames(names) ?? [...new Set(names.map((name) => name.trim().toLowerCase()))].sort();
}

/** What a signature is computed from: the request, its signed header names (sorted, unique, lower-case) and date. */
export interface SignerInput {
  request: SigningParts;
  names: readonly string[];
  /** The request's date header (`X-Sdk-Date`, `x-jdcloud-date`), as signed. */
  date: string;
}

/**
 * A public signer's input from any form of `request`: `readDate` reads (and checks) its date header first, then
 * every signed header but `host` (which comes from the URL when missing) must be there; `signer` names the
 * function in that error.
 */
export function wireSignerInput(
  request: WireRequest,
  signedHeaders: readonly string[],
  signer: string,
  readDate: (request: SigningParts) => string,
): SignerInput {
  const headers = headerMap(request.headers);
  const parts: SigningParts = { method: request.method, url: wireUrl(request.url), header: (name) => headers.get(name), body: request.body };
  const date = readDate(parts);
  const names = normaliseSignedHeaders(signedHeaders);
  const missing = names.find((name) => name !== "host" && !headers.has(name));
  if (missing !== undefined) throw new Error(`${signer}: signed header "${missing}" is not on the request`);
  return { request: parts, names, date };
}

/** The parts of one attempt as the authenticators have it: its method, URL string, `Headers` and body bytes. */
export function headersRequestParts(method: string, url: string, headers: Headers, body: Uint8Array | undefined): SigningParts {
  // `Headers` joins a repeated header's values with ", ": one value per name, as headerMap has it from a Headers.
  return { method, url: wireUrl(url), header: (name) => (headers.has(name) ? [headers.get(name)!] : undefined), body };
}

/** The canonical headers block, `name:value\n` per value, of sorted lower-case `names`; `host` defaults to the URL's. */
export function canonicalHeaders(request: SigningParts, names: readonly string[], value: (values: string[]) => string[]): string {
  let block = "";
  for (const name of names) {
    for (const text of value(request.header(name) ?? [request.url.host])) block += `${name}:${text}\n`;
  }
  return block;
}

/** The URL's parts as sent; `host` is what goes in the Host header: hostname plus a non-default port (`URL.host`). */
export function wireUrl(url: string | URL): UrlParts {
  return typeof url === "string" ? (plainUrlParts(url) ?? new URL(url)) : url;
}
