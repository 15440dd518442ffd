/**
 * Which version of an object the bytes come from, as the object store's answers tell it, and what can be checked
 * against it. OBS (and S3-compatible stores like JD Cloud OSS) answer every ranged GET with the object's ETag; a
 * single-part upload's ETag is the hex MD5 of the object, a multipart upload's is `<md5 of part md5s>-<parts>`,
 * and with server-side encryption the ETag is not an MD5 at all, although it looks like one.
 */
export interface ObjectIdentity {
  totalBytes: number;
  etag: string | undefined;
  lastModified: string | undefined;
  /** `x-obs-server-side-encryption` / `x-amz-server-side-encryption` was present. */
  encrypted: boolean;
  /** `x-obs-meta-md5chksum` (base64 MD5, set by obsutil at upload), as hex. */
  md5Meta: string | undefined;
}

type Headers = Readonly<Record<string, string | undefined>>;

export function identityFrom(headers: Headers, totalBytes: number): ObjectIdentity {
  return {
    totalBytes,
    etag: headers.etag,
    lastModified: headers["last-modified"],
    encrypted: headers["x-obs-server-side-encryption"] !== undefined || headers["x-amz-server-side-encryption"] !== undefined,
    md5Meta: base64Md5ToHex(headers["x-obs-meta-md5chksum"]),
  };
}

function base64Md5ToHex(value: string | undefined): string | undefined {
  if (value === undefined || !/^[A-Za-z0-9+/]{22}==$/.test(value.trim())) return undefined;
  return Buffer.from(value.trim(), "base64").toString("hex");
}

/** A strong ETag (weak ones, `W/"..."`, cannot pin byte ranges). */
export function strongEtag(etag: string | undefined): string | undefined {
  return etag !== undefined && !etag.startsWith("W/") ? etag : undefined;
}

/**
 * Request headers that make the server refuse (412) a range of any other version of the object: `If-Match` with
 * the strong ETag, else `If-Unmodified-Since` with Last-Modified; nothing when the server gave neither.
 */
export function pinHeaders(identity: Pick<ObjectIdentity, "etag" | "lastModified">): Record<string, string> {
  const etag = strongEtag(identity.etag);
  if (etag !== undefined) return { "if-match": etag };
  if (identity.lastModified !== undefined) return { "if-unmodified-since": identity.lastModified };
  return {};
}

/** Why an answer is not from the same version of the object (undefined: nothing says it changed). */
export function changedReason(expected: Pick<ObjectIdentity, "totalBytes" | "etag" | "lastModified">, headers: Headers, totalBytes: number): string | undefined {
  if (totalBytes !== expected.totalBytes) return `its length changed from ${expected.totalBytes} to ${totalBytes} bytes`;
  const etag = headers.etag;
  if (expected.etag !== undefined && etag !== undefined && etag !== expected.etag) return "its ETag changed";
  const modified = headers["last-modified"];
  if (expected.lastModified !== undefined && modified !== undefined && modified !== expected.lastModified) return "its Last-Modified date changed";
  return undefined;
}

/** Can the file be checked against an MD5 the server vouches for? */
export type Md5Check = { md5: string; source: string } | { md5: undefined; reason: string };

export function md5Check(identity: ObjectIdentity): Md5Check {
  if (identity.md5Meta !== undefined) return { md5: identity.md5Meta, source: "x-obs-meta-md5chksum" };
  const etag = identity.etag;
  if (etag === undefined) return { md5: undefined, reason: "no ETag" };
  if (/^(W\/)?"?[0-9a-f]{32}-\d+"?$/i.test(etag)) return { md5: undefined, reason: "multipart ETag" };
  const plain = /^"?([0-9a-f]{32})"?$/i.exec(etag);
  if (plain === null) return { md5: undefined, reason: "the ETag is not an MD5" };
  if (identity.encrypted) return { md5: undefined, reason: "server-side encrypted object (its ETag is not an MD5)" };
  return { md5: plain[1]!.toLowerCase(), source: "ETag" };
}
