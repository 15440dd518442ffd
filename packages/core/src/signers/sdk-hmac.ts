import type { SignatureResult, WireRequest } from "./canonical.js";

export const SDK_HMAC_ALGORITHM = "SDK-HMAC-SHA256";

/**
 * CanonicalURI of SDK-HMAC-SHA256 for a path as sent: each segment decoded then `percentEncode`d, and a trailing
 * `/` appended when missing (`/v3/pid/backup-files` -> `/v3/pid/backup-files/`). This mirrors the server
 * (API Gateway), which decodes the request path before re-encoding it.
 */
export function sdkCanonicalUri(pathname: string): string {
  throw new Error("not implemented");
}

/**
 * Signs `request` (with its `X-Sdk-Date` header already set) with SDK-HMAC-SHA256 over `signedHeaders`
 * (names, any case; `host` is taken from the URL when not among the headers). Pure: nothing is added to the request.
 */
export async function signSdkHmacSha256(
  request: WireRequest,
  credentials: { accessKey: string; secretKey: string },
  signedHeaders: readonly string[],
): Promise<SignatureResult> {
  throw new Error("not implemented");
}
