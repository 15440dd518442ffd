import {
  canonicalQueryString,
  headerMap,
  percentDecodeBytes,
  percentEncodeBytes,
  wireUrl,
  type SignatureResult,
  type WireRequest,
} from "./canonical.js";
import { bodySha256, hmacSha256Hex, sha256Hex } from "./digest.js";
import { alreadyNormalisedHeaderNames, unreservedPath } from "#fast-paths";

export const SDK_HMAC_ALGORITHM = "SDK-HMAC-SHA256";


/**
 * CanonicalURI of SDK-HMAC-SHA256 for a path as sent: each segment decoded then `percentEncode`d, and a trailing
 * `/` appended when missing (`/v3/pid/backup-files` -> `/v3/pid/backup-files/`). This mirrors the server
 * (API Gateway), which decodes the request path before re-encoding it.
 */
export function sdkCanonicalUri(pathname: string): string {
  const path =
    unreservedPath(pathname) ??
    pathname
      .split("/")
      .map((segment) => percentEncodeBytes(percentDecodeBytes(segment, false)))
      .join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** Sorted, de-duplicated lower-case names: the SignedHeaders list both signers use. */
export function normaliseSignedHeaders(names: readonly string[]): string[] {
  return alreadyNormalisedHeaderNames(names) ?? [...new Set(names.map((name) => name.trim().toLowerCase()))].sort();
}


/**
 * Signs `request` (with its `X-Sdk-Date` header already set) with SDK-HMAC-SHA256 over `signedHeaders`
 * (names, any case; `host` is taken from the URL when not among the headers). Pure: nothing is added to the request.
 * The body hash is of the exact body bytes, or the `X-Sdk-Content-Sha256` header's value when present.
 */
export async function signSdkHmacSha256(
  request: WireRequest,
  credentials: { accessKey: string; secretKey: string },
  signedHeaders: readonly string[],
): Promise<SignatureResult> {
  const url = wireUrl(request.url);
  const headers = headerMap(request.headers);
  const date = headers.get("x-sdk-date")?.[0];
  if (date === undefined) throw new Error("signSdkHmacSha256: the request has no X-Sdk-Date header");
  const names = normaliseSignedHeaders(signedHeaders);
  let canonicalHeaders = "";
  for (const name of names) {
    const values = headers.get(name) ?? (name === "host" ? [url.host] : undefined);
    if (values === undefined) throw new Error(`signSdkHmacSha256: signed header "${name}" is not on the request`);
    // Sorted in place: headerMap built these arrays for this call.
    for (const value of values.sort()) canonicalHeaders += `${name}:${value.trim()}\n`;
  }
  const bodyHash = headers.get("x-sdk-content-sha256")?.[0] ?? (await bodySha256(request.body));
  const signedHeaderList = names.join(";");
  const canonicalRequest = `${request.method.toUpperCase()}\n${sdkCanonicalUri(url.pathname)}\n${canonicalQueryString(url.search)}\n${canonicalHeaders}\n${signedHeaderList}\n${bodyHash}`;
  const stringToSign = `${SDK_HMAC_ALGORITHM}\n${date}\n${await sha256Hex(canonicalRequest)}`;
  const signature = await hmacSha256Hex(credentials.secretKey, stringToSign);
  return {
    authorization: `${SDK_HMAC_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaderList}, Signature=${signature}`,
    signature,
    signedHeaders: signedHeaderList,
    canonicalRequest,
    stringToSign,
  };
}
