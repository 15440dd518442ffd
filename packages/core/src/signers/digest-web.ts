/**
 * SHA-256 and HMAC-SHA256 for the signers, with Web Crypto: what browsers and workers use. Bundlers for the browser
 * get this module in place of digest-runtime.ts (the package's `browser` field), so no Node code ships to them.
 */

/** A digest either computed at once (node:crypto) or pending (Web Crypto); `await` takes both. */
export type MaybePromise<T> = T | Promise<T>;

export interface Digests {
  /** hex(SHA-256(data)). */
  sha256Hex(data: string | Uint8Array): MaybePromise<string>;
  /** HMAC-SHA256(key, data) as raw bytes. */
  hmacSha256(key: string | Uint8Array, data: string | Uint8Array): MaybePromise<Uint8Array>;
  /** hex(HMAC-SHA256(key, data)). */
  hmacSha256Hex(key: string | Uint8Array, data: string | Uint8Array): MaybePromise<string>;
}

/** The one UTF-8 encoder of the signers. */
export const utf8 = new TextEncoder();

/** hex of raw bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  // Browsers hide it outside secure contexts (https, localhost).
  if (!s) throw new Error("crypto.subtle is unavailable (not a secure context?)");
  return s;
}

/** Web Crypto wants an ArrayBuffer-backed view; copy SharedArrayBuffer-backed or foreign views. */
function toBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof data === "string" ? utf8.encode(data) : new Uint8Array(data);
}

/** hex(SHA-256(data)). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await subtle().digest("SHA-256", toBytes(data))));
}

/** HMAC-SHA256(key, data) as raw bytes. */
export async function hmacSha256(key: string | Uint8Array, data: string | Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await subtle().importKey("raw", toBytes(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle().sign("HMAC", cryptoKey, toBytes(data)));
}

/** hex(HMAC-SHA256(key, data)). */
export async function hmacSha256Hex(key: string | Uint8Array, data: string | Uint8Array): Promise<string> {
  return bytesToHex(await hmacSha256(key, data));
}

/** hex(SHA-256(body)); no body hashes as the empty string. */
export function bodySha256(body: string | Uint8Array | undefined): MaybePromise<string> {
  return sha256Hex(body ?? "");
}

/** Which implementation the digests are (for tests and diagnostics). */
export const DIGEST_BACKEND: "node:crypto" | "webcrypto" = "webcrypto";
