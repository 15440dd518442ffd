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
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: `A-Z a-z 0-9 - _ . ~` kept, every other byte `%XX` with
 * upper-case hex (so space is `%20`, never `+`). Lone surrogates are encoded as U+FFFD.
 */
export function percentEncode(value: string): string {
  throw new Error("not implemented");
}

/**
 * The canonical query string both signers use: parameters taken from `query` (a raw `?a=1&b=2` / `a=1&b=2` string,
 * decoded as the server decodes it, or already-decoded pairs), keys sorted, values of a repeated key sorted, each
 * `percentEncode(key)=percentEncode(value)` joined by `&`. Sorting compares the encoded strings byte-wise.
 */
export function canonicalQueryString(query: string | Iterable<readonly [string, string]>): string {
  throw new Error("not implemented");
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the date format of `X-Sdk-Date` and `x-jdcloud-date`. */
export function formatSigningDate(date: Date): string {
  throw new Error("not implemented");
}
