import { createCipheriv, createHash } from "node:crypto";

/**
 * The bytes of a mock object: an AES-128-CTR keystream keyed by the seed and the object's key. Any range can be
 * produced without the bytes before it (CTR is random-access), so a 206 for `bytes=a-b` costs only b-a bytes, and
 * the same seed always gives the same files: a test can compute what a download must contain.
 */
export class ObjectContent {
  private readonly key: Buffer;

  constructor(
    seed: string,
    objectKey: string,
    readonly size: number,
  ) {
    this.key = createHash("sha256").update(`${seed}\0${objectKey}`).digest().subarray(0, 16);
  }

  /** Bytes `start` to `end` inclusive, in chunks of at most `chunkBytes`. */
  *range(start: number, end: number, chunkBytes = 256 * 1024): Generator<Buffer> {
    for (let from = start; from <= end; from += chunkBytes) {
      const to = Math.min(end, from + chunkBytes - 1);
      yield this.slice(from, to);
    }
  }

  /** Bytes `start` to `end` inclusive. */
  slice(start: number, end: number): Buffer {
    const block = Math.floor(start / 16);
    const iv = Buffer.alloc(16);
    // The counter block is the 128-bit big-endian block number; files stay far below 2^53 bytes.
    iv.writeUInt32BE(Math.floor(block / 2 ** 32), 8);
    iv.writeUInt32BE(block % 2 ** 32, 12);
    const cipher = createCipheriv("aes-128-ctr", this.key, iv);
    const skip = start - block * 16;
    const stream = cipher.update(Buffer.alloc(end - start + 1 + skip));
    return stream.subarray(skip);
  }

  /** The whole object's MD5, hex: the ETag of a single-part upload. */
  md5(): string {
    const hash = createHash("md5");
    for (const chunk of this.range(0, this.size - 1)) hash.update(chunk);
    return hash.digest("hex");
  }

  /** The whole object's SHA-256, hex (what a verified copy must hash to). */
  sha256(): string {
    const hash = createHash("sha256");
    for (const chunk of this.range(0, this.size - 1)) hash.update(chunk);
    return hash.digest("hex");
  }
}
