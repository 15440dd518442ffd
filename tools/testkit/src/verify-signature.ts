/**
 * The independent signature check lives in `@backup-links/mock` (the mock cloud authenticates requests with it);
 * re-exported here so the client suites keep importing `@backup-links/testkit/verify-signature.ts`.
 */
export {
  rfc3986Encode,
  verifyJdCloud2,
  verifySdkHmacSha256,
  type SignatureCheck,
  type WireRequestRecord,
} from "@backup-links/mock/verify-signature";
