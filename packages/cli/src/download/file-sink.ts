import type { FileHandle } from "node:fs/promises";
import { Writable } from "node:stream";
import { RetryableError } from "./errors.js";

/** The writer's buffer: with Node's default 16 KiB a download runs at a fraction of the speed (measured). */
export const SINK_HIGH_WATER_MARK = 1024 * 1024;
/**
 * Chunks are gathered into writes of this size. Big writes are often far more expensive in system time on our
 * machine (Linux 6.18, ext4; likely the larger page-cache folios the kernel allocates for them): 1 GiB written from
 * one reused buffer took over 0.4 s in 7 of 15 runs in 1 MiB writes (up to 2.7 s), and in 1 of 9 runs in 512 KiB
 * writes (the others 0.2 s). 8 ranged connections at 40 MB/s reached 277-286 MB/s with 512 KiB writes, 234-277 with
 * 1 MiB. Smaller writes cost more thread-pool round trips: one unthrottled connection moved ~6% less with 256 KiB.
 */
export const SINK_WRITE_BYTES = 512 * 1024;
/** Gathered bytes are written at the latest this long after the first of them arrived. */
const GATHER_MS = 50;

/**
 * The body went on past the bytes it was asked for (a 206 longer than its Content-Range, e.g. chunked). The bytes
 * beyond were not written: they would land on another part of the file, or past the object's end.
 */
export class BodyOverrunError extends RetryableError {}

/**
 * A Writable that puts a body's bytes at their place in a file the caller keeps open: chunks (undici hands over
 * ~64 KiB at a time) are gathered up to 512 KiB and written with one positional `writev`, so a GiB costs about two
 * thousand writes instead of sixteen thousand (and at most 50 ms later, when the network is slow); each buffer is
 * reported to `onWritten` once it is in the file. When the body fails, what was gathered is still written (it is
 * valid data), so after `settled()` `written` says exactly where the file's data ends. Destroying it (undici does once the body ended) leaves the file handle open: several sinks, one after
 * the other or side by side, share one handle.
 */
export class PositionalSink extends Writable {
  /** Bytes written so far. */
  written = 0;
  /** Writes happen one after the other; this is the last one queued (a destroyed sink may still have one running). */
  private inFlight: Promise<void> = Promise.resolve();
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Bytes taken in (gathered or written). */
  private accepted = 0;

  /** `limit`: the most bytes this body may put in the file (a ranged request's length); more fails the sink. */
  constructor(
    private readonly file: FileHandle,
    private position: number,
    private readonly onWritten: (position: number, buffer: Buffer) => void,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {
    super({ highWaterMark: SINK_HIGH_WATER_MARK });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.gather([chunk], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.gather(
      chunks.map((entry) => entry.chunk),
      callback,
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush().then(() => callback(), callback);
  }

  /** Bytes received before a failure are valid: they are written before the sink goes (a resume starts after them). */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.flush()
      .catch(() => undefined)
      .then(() => callback(error));
  }

  /**
   * Resolves once no write is in progress. After a failed request the caller waits for this before it decides
   * where the next request starts: a write still landing later could otherwise put old bytes over new ones.
   */
  settled(): Promise<void> {
    return this.inFlight.catch(() => undefined);
  }

  private gather(buffers: Buffer[], callback: (error?: Error | null) => void): void {
    for (const buffer of buffers) {
      const room = this.limit - this.accepted;
      if (buffer.length > room) {
        if (room > 0) this.keep(buffer.subarray(0, room));
        const overrun = new BodyOverrunError(`the body went on past the ${this.limit} bytes asked for`);
        this.flush().then(() => callback(overrun), callback);
        return;
      }
      this.keep(buffer);
    }
    if (this.gatheredBytes >= SINK_WRITE_BYTES) {
      this.flush().then(() => callback(), callback);
      return;
    }
    // A slow network must not hold bytes back for long (progress, and what a resume can keep).
    this.timer ??= setTimeout(() => void this.flush().catch((error: Error) => this.destroy(error)), GATHER_MS);
    callback();
  }

  private keep(buffer: Buffer): void {
    this.gathered.push(buffer);
    this.gatheredBytes += buffer.length;
    this.accepted += buffer.length;
  }

  /**
   * Queues the gathered buffers after the writes already queued, as positional writevs of at most SINK_WRITE_BYTES
   * (whole buffers; one larger buffer is one write): while a write is running, the stream hands over everything that
   * arrived meanwhile in one batch.
   */
  private flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const buffers = this.gathered;
    this.gathered = [];
    this.gatheredBytes = 0;
    let group: Buffer[] = [];
    let groupBytes = 0;
    const queue = (): void => {
      const writes = group;
      this.inFlight = this.inFlight.then(() => this.writeAll(writes));
      group = [];
      groupBytes = 0;
    };
    for (const buffer of buffers) {
      if (group.length > 0 && groupBytes + buffer.length > SINK_WRITE_BYTES) queue();
      group.push(buffer);
      groupBytes += buffer.length;
    }
    if (group.length > 0) queue();
    return this.inFlight;
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    let pending = buffers;
    let at = this.position;
    while (pending.length > 0) {
      const { bytesWritten } = await this.file.writev(pending, at);
      // A write that takes nothing would otherwise be retried for ever.
      if (bytesWritten === 0) throw Object.assign(new Error("the file took no bytes (EIO)"), { code: "EIO", syscall: "write" });
      at += bytesWritten;
      // A short write (rare on regular files) continues with what is left.
      let skip = bytesWritten;
      while (pending.length > 0 && skip >= pending[0]!.length) {
        skip -= pending[0]!.length;
        pending = pending.slice(1);
      }
      if (skip > 0) pending = [pending[0]!.subarray(skip), ...pending.slice(1)];
    }
    for (const buffer of buffers) {
      this.onWritten(this.position, buffer);
      this.position += buffer.length;
      this.written += buffer.length;
    }
  }
}
