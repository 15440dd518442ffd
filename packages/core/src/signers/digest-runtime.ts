/**
 * SHA-256 and HMAC-SHA256 for the signers. Where the runtime offers `node:crypto` through `process.getBuiltinModule` (Node >= 20.16) they run
 * synchronously through it: Web Crypto in Node hands every digest, key import and sign to the thread pool and
 * resolves a Promise, about 20x the cost for inputs this small. Elsewhere they use Web Crypto. `node:crypto` is
 * looked up at run time, never imported, and browser bundlers swap this module for digest-web.ts.
 */
import * as web from "./digest-web.js";
import type { Digests, MaybePromise } from "./digest-web.js";

interface NodeHash {
  update(data: string | Uint8Array): NodeHash;
  digest(encoding: "hex"): string;
  digest(): Uint8Array;
}

interface NodeCrypto {
  /** One-shot digest (Node >= 20.12); skips the Hash object. */
  hash?(algorithm: "sha256", data: string | Uint8Array, encoding: "hex"): string;
  hash?(algorithm: "sha256", data: string | Uint8Array, encoding: "binary"): string;
  createHash(algorithm: "sha256"): NodeHash;
  createHmac(algorithm: "sha256", key: string | Uint8Array): NodeHash;
}

function nodeDigests(crypto: NodeCrypto): Digests {
  const hmac = (key: string | Uint8Array, data: string | Uint8Array) => crypto.createHmac("sha256", key).update(data);
  const hmacHex = (key: string | Uint8Array, data: string | Uint8Array) => hmac(key, data).digest("hex");
  const oneShot = crypto.hash;
  return {
    sha256Hex:
      typeof oneShot === "function"
        ? (data) => oneShot("sha256", data, "hex")
        : (data) => crypto.createHash("sha256").update(data).digest("hex"),
    hmacSha256: (key, data) => new Uint8Array(hmac(key, data).digest()),
    hmacSha256Hex: typeof oneShot === "function" ? oneShotHmacHex(oneShot, hmacHex) : hmacHex,
  };
}

type OneShotHash = NonNullable<NodeCrypto["hash"]>;
const SHA256_BLOCK = 64;
/** Keys that are their own UTF-8 bytes and fit in one block: the pads XOR to ASCII, so they can be strings. */
const ASCII_BLOCK_KEY = /^[\x00-\x7f]{0,64}$/;

/**
 * HMAC-SHA256 (RFC 2104) as two one-shot hashes, H(K^opad || H(K^ipad || m)), with the pads of the last key kept:
 * a Hmac object costs about twice its two hashes, and SDK-HMAC-SHA256 signs every request with the same secret.
 * Other keys (binary, non-ASCII, longer than a block) go to `fallback`.
 */
function oneShotHmacHex(hash: OneShotHash, fallback: (key: string | Uint8Array, data: string | Uint8Array) => string) {
  let padsKey: string | undefined;
  let innerPad = "";
  const outer = new Uint8Array(SHA256_BLOCK + 32);
  return (key: string | Uint8Array, data: string | Uint8Array): string => {
    if (typeof data !== "string") return fallback(key, data);
    if (key !== padsKey) {
      if (typeof key !== "string" || !ASCII_BLOCK_KEY.test(key)) return fallback(key, data);
      let inner = "";
      for (let i = 0; i < SHA256_BLOCK; i++) {
        const byte = i < key.length ? key.charCodeAt(i) : 0;
        inner += String.fromCharCode(byte ^ 0x36);
        outer[i] = byte ^ 0x5c;
      }
      innerPad = inner;
      padsKey = key;
    }
    // The inner digest as a "binary" (latin1) string, one char per byte, costs less than as a Buffer (~0.3 vs ~0.9 µs).
    const inner = hash("sha256", innerPad + data, "binary");
    for (let i = 0; i < 32; i++) outer[SHA256_BLOCK + i] = inner.charCodeAt(i);
    return hash("sha256", outer, "hex");
  };
}

/** `node:crypto` when the runtime offers it without an import, else undefined. */
function findNodeCrypto(): NodeCrypto | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = typeof runtime?.getBuiltinModule === "function" ? runtime.getBuiltinModule("node:crypto") : undefined;
  return crypto !== null && typeof crypto === "object" && typeof (crypto as NodeCrypto).createHmac === "function"
    ? (crypto as NodeCrypto)
    : undefined;
}

const nodeCrypto = findNodeCrypto();
const node = nodeCrypto && nodeDigests(nodeCrypto);

/** hex(SHA-256(data)). */
export const sha256Hex: Digests["sha256Hex"] = node ? node.sha256Hex : web.sha256Hex;
/** HMAC-SHA256(key, data) as raw bytes. */
export const hmacSha256: Digests["hmacSha256"] = node ? node.hmacSha256 : web.hmacSha256;
/** hex(HMAC-SHA256(key, data)). */
export const hmacSha256Hex: Digests["hmacSha256Hex"] = node ? node.hmacSha256Hex : web.hmacSha256Hex;

/** The digests of a runtime with this `node:crypto` (exported for tests of each variant). */
export { nodeDigests as createNodeDigests };

/** Which implementation the digests are (for tests and diagnostics). */
export const DIGEST_BACKEND: "node:crypto" | "webcrypto" = node ? "node:crypto" : "webcrypto";

/** hex(SHA-256("")): the body hash of every request without a body, computed once. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** hex(SHA-256(body)), with the constant for the empty body of every GET. */
export function bodySha256(body: string | Uint8Array | undefined): MaybePromise<string> {
  return body === undefined || body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(body);
}
