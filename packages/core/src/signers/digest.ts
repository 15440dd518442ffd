/** What both signers hash with: the runtime's digests (digest-runtime.ts, or digest-web.ts in browser bundles). */
export { sha256Hex, hmacSha256, hmacSha256Hex, bodySha256, DIGEST_BACKEND } from "#digest";
export { bytesToHex, type Digests, type MaybePromise } from "./digest-web.js";
