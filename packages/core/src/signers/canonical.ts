/**
 * Canonicalisation and crypto shared by both signers. Everything works on bytes (UTF-8), the way the vendors'
 * Go SDKs and servers do, so non-ASCII and malformed percent-escapes canonicalise the same as on the server.
 */

import { utf8 } from "./digest-web.js";
import { canonicalUnreservedQuery, formatSigningDateFast, plainUrlParts } from "#fast-paths";
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

const HEX = "0123456789ABCDEF";
/**
 * Text that percent-encoding and -decoding leave unchanged (every id and query value of these APIs): the signers
 * pass it through as is instead of going byte by byte.
 */
export const UNRESERVED_ONLY = /^[A-Za-z0-9._~-]*$/;

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || // -
    byte === 0x2e || // .
    byte === 0x5f || // _
    byte === 0x7e // ~
  );
}

/** Percent-encodes raw bytes: unreserved kept, everything else `%XX` upper-case. */
export function percentEncodeBytes(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    out += isUnreserved(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: `A-Z a-z 0-9 - _ . ~` kept, every other byte `%XX` with
 * upper-case hex (so space is `%20`, never `+`). Lone surrogates are encoded as U+FFFD.
 */
export function percentEncode(value: string): string {
  return UNRESERVED_ONLY.test(value) ? value : percentEncodeBytes(utf8.encode(value));
}

/**
 * Percent-decodes to bytes. A `%` not followed by two hex digits stays a literal `%` (as Go's lenient servers and
 * browsers treat it). With `plusIsSpace`, `+` is a space (form decoding, what servers apply to query strings).
 */
export function percentDecodeBytes(text: string, plusIsSpace: boolean): Uint8Array {
  const raw = utf8.encode(text);
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x25 && i + 2 < raw.length) {
      const hex = String.fromCharCode(raw[i + 1]!, raw[i + 2]!);
      if (/^[\da-f]{2}$/i.test(hex)) {
        out[n++] = parseInt(hex, 16);
        i += 2;
        continue;
      }
    }
    out[n++] = plusIsSpace && byte === 0x2b ? 0x20 : byte;
  }
  return out.slice(0, n);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/**
 * The canonical query string both signers use: parameters taken from `query` (a raw `?a=1&b=2` / `a=1&b=2` string,
 * decoded as the server decodes it: `%XX` and `+` as space; or already-decoded pairs), sorted by key and then by
 * value (so the values of a repeated key are sorted), comparing decoded UTF-8 bytes as the vendors' Go SDKs do, each
 * `percentEncode(key)=percentEncode(value)` joined by `&`. A key without `=` has the empty value.
 */
export function canonicalQueryString(query: string | Iterable<readonly [string, string]>): string {
  const pairs: Array<[Uint8Array, Uint8Array]> = [];
  if (typeof query === "string") {
    const text = query.startsWith("?") ? query.slice(1) : query;
    const unreserved = canonicalUnreservedQuery(text);
    if (unreserved !== undefined) return unreserved;
    for (const part of text.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? "" : part.slice(eq + 1);
      pairs.push([percentDecodeBytes(key, true), percentDecodeBytes(value, true)]);
    }
  } else {
    for (const [key, value] of query) pairs.push([utf8.encode(key), utf8.encode(value)]);
  }
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
  if (headers instanceof Headers) headers.forEach((value, name) => add(name, value));
  else if (Array.isArray(headers)) for (const [name, value] of headers as ReadonlyArray<readonly [string, string]>) add(name, value);
  else for (const [name, value] of Object.entries(headers as Record<string, string>)) add(name, value);
  return map;
}

/** The URL's parts as sent; `host` is what goes in the Host header: hostname plus a non-default port (`URL.host`). */
export function wireUrl(url: string | URL): UrlParts {
  return typeof url === "string" ? (plainUrlParts(url) ?? new URL(url)) : url;
}
