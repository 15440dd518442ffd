import type { SignatureResult, WireRequest } from "./canonical.js";

export const JDCLOUD2_ALGORITHM = "JDCLOUD2-HMAC-SHA256";

/** Region and service of the JD credential scope `yyyymmdd/{region}/{service}/jdcloud2_request`. */
export interface JdCloud2Scope {
  region: string;
  service: string;
}

/** The derived keys (hex), exposed for the published intermediate-key vectors. */
export interface JdCloud2SigningKeys {
  kDate: string;
  kRegion: string;
  kService: string;
  kSigning: string;
}

/**
 * CanonicalURI of JDCLOUD2-HMAC-SHA256: the path exactly as sent (byte-identical, no decoding or re-encoding),
 * `/` for an empty path. JD's backend recomputes from the raw request URI, so `:describeBackupDownloadURL` is
 * signed with a literal `:` when it is sent literally (what openapi-fetch and JD's Go SDK send) and as `%3A` when
 * sent as `%3A` (JD's doc example).
 */
export function jdCloud2CanonicalUri(pathname: string): string {
  throw new Error("not implemented");
}

/** kDate = HMAC("JDCLOUD2"+SK, yyyymmdd), kRegion, kService, kSigning = HMAC(kService, "jdcloud2_request"). */
export async function deriveJdCloud2SigningKey(
  secretKey: string,
  yyyymmdd: string,
  region: string,
  service: string,
): Promise<JdCloud2SigningKeys> {
  throw new Error("not implemented");
}

/**
 * Signs `request` (with `x-jdcloud-date` and `x-jdcloud-nonce` already set) with JDCLOUD2-HMAC-SHA256 over
 * `signedHeaders`. Pure: nothing is added to the request.
 */
export async function signJdCloud2(
  request: WireRequest,
  credentials: { accessKey: string; secretKey: string },
  scope: JdCloud2Scope,
  signedHeaders: readonly string[],
): Promise<SignatureResult> {
  throw new Error("not implemented");
}
