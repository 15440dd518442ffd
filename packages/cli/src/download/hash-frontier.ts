import { createHash, type Hash } from "node:crypto";
import type { FileHandle } from "node:fs/promises";

/**
 * Each read-back waits in libuv's thread pool behind the connections' writes: in 1 MiB reads the hash fell behind
 * by 512 MiB at 8 × 40 MB/s and finished 0.3 s after the last byte; 4 MiB reads keep up (measured).
 */
const READ_BACK_BYTES = 4 * 1024 * 1024;

export interface Digests {
  sha256: string;
  /** Only when asked for (the object's ETag is a plain MD5). */
  md5: string | undefined;
}

/**
 * SHA-256 (and MD5 when it can be checked) of a file that is written out of order, without reading the finished
 * file again: bytes written exactly at the hashed prefix's end are hashed as they pass; anything written further on
 * is remembered as an extent and read back from the page cache as soon as the prefix reaches it (the "frontier"),
 * while later parts still download. One stream in order is therefore hashed entirely in passing; N ranged parts
 * cost one read-back of most bytes, spread over the download. Hash states cannot be saved, so after a resume the
 * bytes already on disk are read back too.
 */
export class HashFrontier {
  private readonly sha256: Hash = createHash("sha256");
  private readonly md5: Hash | undefined;
  /** Everything before this offset is hashed. */
  private at = 0;
  /** Written but not yet hashed byte ranges, keyed by start and by end (adjacent ones merged). */
  private readonly byStart = new Map<number, number>();
  private readonly byEnd = new Map<number, number>();
  private pumping: Promise<void> | undefined;
  private failure: unknown;
  private closed = false;
  private readonly buffer = Buffer.allocUnsafe(READ_BACK_BYTES);

  constructor(
    private readonly file: FileHandle,
    withMd5: boolean,
  ) {
    this.md5 = withMd5 ? createHash("md5") : undefined;
  }

  /** Bytes now in the file at `position` (the caller's buffer is hashed now or never kept). */
  written(position: number, buffer: Buffer): void {
    if (position === this.at && this.pumping === undefined) {
      this.update(buffer);
      this.at += buffer.length;
      return;
    }
    this.onDisk(position, position + buffer.length);
  }

  /** Bytes `[start, end)` are in the file (written earlier, or by an earlier run). */
  onDisk(start: number, end: number): void {
    if (end <= start || end <= this.at) return;
    let from = Math.max(start, this.at);
    let to = end;
    const before = this.byEnd.get(from);
    if (before !== undefined) {
      this.byEnd.delete(from);
      this.byStart.delete(before);
      from = before;
    }
    const after = this.byStart.get(to);
    if (after !== undefined) {
      this.byStart.delete(to);
      this.byEnd.delete(after);
      to = after;
    }
    this.byStart.set(from, to);
    this.byEnd.set(to, from);
    if (from === this.at) this.startPump();
  }

  private startPump(): void {
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      // An extent may have reached the frontier between the pump's last look and now.
      if (!this.closed && this.failure === undefined && this.byStart.has(this.at)) this.startPump();
    });
  }

  /** Reads back and hashes whatever extent starts at the frontier, until the frontier reaches unwritten bytes. */
  private async pump(): Promise<void> {
    try {
      for (let end = this.byStart.get(this.at); end !== undefined && !this.closed; end = this.byStart.get(this.at)) {
        this.byStart.delete(this.at);
        this.byEnd.delete(end);
        await this.hashFromFile(end);
      }
    } catch (error) {
      this.failure ??= error;
    }
  }

  private async hashFromFile(end: number): Promise<void> {
    while (this.at < end && !this.closed) {
      const want = Math.min(READ_BACK_BYTES, end - this.at);
      const { bytesRead } = await this.file.read(this.buffer, 0, want, this.at);
      if (bytesRead === 0) throw new Error(`the file ended at ${this.at} while hashing`);
      this.update(this.buffer.subarray(0, bytesRead));
      this.at += bytesRead;
    }
  }

  private update(buffer: Buffer): void {
    this.sha256.update(buffer);
    this.md5?.update(buffer);
  }

  /** Hashes whatever is left up to `total` (everything is on disk by now) and returns the digests. */
  async finish(total: number): Promise<Digests> {
    while (this.pumping !== undefined) await this.pumping;
    if (this.failure !== undefined) throw this.failure;
    this.byStart.clear();
    this.byEnd.clear();
    await this.hashFromFile(total);
    return { sha256: this.sha256.digest("hex"), md5: this.md5?.digest("hex") };
  }

  /** Stops reading back (the file is about to be closed or discarded). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.pumping !== undefined) await this.pumping;
  }
}
