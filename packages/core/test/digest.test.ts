import * as nodeCrypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_BODY_SHA256, createNodeDigests } from "../src/signers/digest-runtime.js";
import { DIGEST_BACKEND, hmacSha256Hex } from "../src/signers/digest.js";

const oracle = (key: string | Uint8Array, data: string | Uint8Array) => nodeCrypto.createHmac("sha256", key).update(data).digest("hex");
const withoutOneShot = { createHash: nodeCrypto.createHash, createHmac: nodeCrypto.createHmac } as Parameters<typeof createNodeDigests>[0];
const key = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "grapheme", maxLength: 70 }),
  fc.string({ unit: fc.constantFrom("a", "Z", "0", "\x00", "\x7f"), minLength: 60, maxLength: 70 }),
  fc.uint8Array({ maxLength: 80 }),
);
const data = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 50 }), fc.uint8Array({ maxLength: 200 }));

describe("digests", () => {
  it("uses node:crypto in Node", () => expect(DIGEST_BACKEND).toBe("node:crypto"));

  it("has the SHA-256 of the empty body right", () => {
    expect(EMPTY_BODY_SHA256).toBe(nodeCrypto.createHash("sha256").update("").digest("hex"));
  });

  it("RFC 4231 test case 2 (HMAC-SHA256, key 'Jefe')", () => {
    expect(hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  for (const [name, variant] of [
    ["one-shot hashes", createNodeDigests(nodeCrypto as Parameters<typeof createNodeDigests>[0])],
    ["Hash/Hmac objects", createNodeDigests(withoutOneShot)],
  ] as const) {
    it(`${name}: HMAC equals node:crypto's createHmac for any key and message, also when keys alternate`, () => {
      fc.assert(
        fc.property(key, key, data, (k1, k2, m) => {
          expect(variant.hmacSha256Hex(k1, m)).toBe(oracle(k1, m));
          expect(variant.hmacSha256Hex(k2, m)).toBe(oracle(k2, m));
          expect(variant.hmacSha256Hex(k1, m)).toBe(oracle(k1, m));
          expect(Buffer.from(variant.hmacSha256(k1, m) as Uint8Array).toString("hex")).toBe(oracle(k1, m));
        }),
        { numRuns: 300 },
      );
    });

    it(`${name}: SHA-256 equals createHash for any input`, () => {
      fc.assert(
        fc.property(data, (m) => {
          expect(variant.sha256Hex(m)).toBe(nodeCrypto.createHash("sha256").update(m).digest("hex"));
        }),
      );
    });
  }
});
