import { canonicalHeaders, canonicalWireQuery, wireSignerInput, type SignatureResult, type SignerInput, type SigningParts, type WireRequest } from "./canonical.js";
import { bodySha256, bytesToHex, hmacSha256, hmacSha256Hex, sha256Hex } from "./digest.js";
import { cachedSigningKey } from "#fast-paths";

export const JDCLOUD2_ALGORITHM = "JDCLOUD2-HMAC-SHA256";
const TERMINATOR = "jdcloud2_request";

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
  return pathname === "" ? "/" : pathname;
}

async function deriveKeys(secretKey: string, yyyymmdd: string, region: string, service: string) {
  const kDate = await hmacSha256(`JDCLOUD2${secretKey}`, yyyymmdd);
  const kRegion = await hmacSha256(kDate, region);
  const kService = await hmacSha256(kRegion, service);
  const kSigning = await hmacSha256(kService, TERMINATOR);
  return { kDate, kRegion, kService, kSigning };
}

/** The signing key of a scope; the Node build keeps the last few (`cachedSigningKey`), as JD's own SDK does. */
function signingKey(secretKey: string, day: string, region: string, service: string): Uint8Array | Promise<Uint8Array> {
  return cachedSigningKey(`${day}\n${region}\n${service}\n${secretKey}`, async () => (await deriveKeys(secretKey, day, region, service)).kSigning);
}

/** kDate = HMAC("JDCLOUD2"+SK, yyyymmdd), kRegion, kService, kSigning = HMAC(kService, "jdcloud2_request"). */
export async function deriveJdCloud2SigningKey(
  secretKey: string,
  yyyymmdd: string,
  region: string,
  service: string,
): Promise<JdCloud2SigningKeys> {
  const keys = await deriveKeys(secretKey, yyyymmdd, region, service);
  return {
    kDate: bytesToHex(keys.kDate),
    kRegion: bytesToHex(keys.kRegion),
    kService: bytesToHex(keys.kService),
    kSigning: bytesToHex(keys.kSigning),
  };
}

/** Header value as JD canonicalises it: trimmed, inner runs of whitespace collapsed to one space. */
function jdHeaderValue(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/**
 * Signs `request` (with `x-jdcloud-date` and `x-jdcloud-nonce` already set) with JDCLOUD2-HMAC-SHA256 over
 * `signedHeaders`. Pure: nothing is added to the request. The body hash is of the exact body bytes, or the
 * `x-jdcloud-content-sha256` header's value when present.
 */
export async function signJdCloud2(
  request: WireRequest,
  credentials: { accessKey: string; secretKey: string },
  scope: JdCloud2Scope,
  signedHeaders: readonly string[],
): Promise<SignatureResult> {
  const input = wireSignerInput(request, signedHeaders, "signJdCloud2", requireJdCloudDate);
  return jdCloud2Signature(input.request, credentials, scope, input.names, input.date);
}

/** The request's `x-jdcloud-date` (`YYYYMMDDTHHMMSSZ`, the day of the credential scope first); throws without one. */
export function requireJdCloudDate(request: SigningParts): string {
  const date = request.header("x-jdcloud-date")?.[0];
  if (date === undefined || !/^\d{8}T\d{6}Z$/.test(date)) {
    throw new Error("signJdCloud2: the request needs an x-jdcloud-date header (YYYYMMDDTHHMMSSZ)");
  }
  return date;
}

/**
 * The JDCLOUD2-HMAC-SHA256 signature of a request whose signed headers are all there (`host` may come from the
 * URL): `names` sorted, unique and lower-case, `date` its `x-jdcloud-date` as `requireJdCloudDate` returns it.
 */
export async function jdCloud2Signature(
  request: SigningParts,
  credentials: { accessKey: string; secretKey: string },
  scope: JdCloud2Scope,
  names: SignerInput["names"],
  date: string,
): Promise<SignatureResult> {
  const day = date.slice(0, 8);
  // A repeated header: its values joined by "," on one line.
  const headerBlock = canonicalHeaders(request, names, (values) => [jdHeaderValue(values.join(","))]);
  const bodyHash = request.header("x-jdcloud-content-sha256")?.[0] ?? (await bodySha256(request.body));
  const signedHeaderList = names.join(";");
  const canonicalRequest = `${request.method.toUpperCase()}\n${jdCloud2CanonicalUri(request.url.pathname)}\n${canonicalWireQuery(request.url.search)}\n${headerBlock}\n${signedHeaderList}\n${bodyHash}`;
  const credentialScope = `${day}/${scope.region}/${scope.service}/${TERMINATOR}`;
  const stringToSign = `${JDCLOUD2_ALGORITHM}\n${date}\n${credentialScope}\n${await sha256Hex(canonicalRequest)}`;
  const kSigning = await signingKey(credentials.secretKey, day, scope.region, scope.service);
  const signature = await hmacSha256Hex(kSigning, stringToSign);
  return {
    authorization: `${JDCLOUD2_ALGORITHM} Credential=${credentials.accessKey}/${credentialScope}, SignedHeaders=${signedHeaderList}, Signature=${signature}`,
    signature,
    signedHeaders: signedHeaderList,
    canonicalRequest,
    stringToSign,
  };
}
