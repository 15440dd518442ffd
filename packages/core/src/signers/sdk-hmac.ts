import {
  canonicalHeaders,
  canonicalWireQuery,
  percentDecodeBytes,
  percentEncodeBytes,
  wireSignerInput,
  type SignatureResult,
  type SignerInput,
  type SigningParts,
  type WireRequest,
} from "./canonical.js";
import { bodySha256, hmacSha256Hex, sha256Hex } from "./digest.js";
import { unreservedPath } from "#fast-paths";

export { normaliseSignedHeaders } from "./canonical.js";

export const SDK_HMAC_ALGORITHM = "SDK-HMAC-SHA256";


/**
 * CanonicalURI of SDK-HMAC-SHA256 for a path as sent: the whole path decoded, split at `/`, each segment
 * `percentEncode`d, and a trailing `/` appended when missing (`/v3/pid/backup-files` -> `/v3/pid/backup-files/`).
 * This mirrors the server (API Gateway), which decodes the request path before re-encoding it, and Huawei's SDKs:
 * the Python SDK sends a path parameter `a/b` as `a%2Fb` and signs `unquote(path).split('/')`, so `%2F` is a
 * separator here (`/a%2Fb` -> `/a/b/`); the Go SDK sends `a/b` literally and signs the same.
 */
export function sdkCanonicalUri(pathname: string): string {
  const path =
    unreservedPath(pathname) ??
    // Every "/" left after decoding separates segments, so encoding the whole and restoring them encodes each segment.
    percentEncodeBytes(percentDecodeBytes(pathname, false)).replace(/%2F/g, "/");
  return path.endsWith("/") ? path : `${path}/`;
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
  const input = wireSignerInput(request, signedHeaders, "signSdkHmacSha256", requireSdkDate);
  return sdkHmacSignature(input.request, credentials, input.names, input.date);
}

function requireSdkDate(request: SigningParts): string {
  const date = request.header("x-sdk-date")?.[0];
  if (date === undefined) throw new Error("signSdkHmacSha256: the request has no X-Sdk-Date header");
  return date;
}

/**
 * The SDK-HMAC-SHA256 signature of a request whose signed headers are all there (`host` may come from the URL):
 * `names` sorted, unique and lower-case, `date` its `X-Sdk-Date` (a `SignerInput`, spelled out for the transport's
 * authenticator, which signs every attempt).
 */
export async function sdkHmacSignature(
  request: SigningParts,
  credentials: { accessKey: string; secretKey: string },
  names: SignerInput["names"],
  date: string,
): Promise<SignatureResult> {
  // A repeated header: each value on its own line, sorted (a copy: the request's own lists stay as they are).
  const headerBlock = canonicalHeaders(request, names, (values) => [...values].sort().map((value) => value.trim()));
  const bodyHash = request.header("x-sdk-content-sha256")?.[0] ?? (await bodySha256(request.body));
  const signedHeaderList = names.join(";");
  const canonicalRequest = `${request.method.toUpperCase()}\n${sdkCanonicalUri(request.url.pathname)}\n${canonicalWireQuery(request.url.search)}\n${headerBlock}\n${signedHeaderList}\n${bodyHash}`;
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
