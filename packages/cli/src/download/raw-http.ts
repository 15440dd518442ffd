import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { DownloadError, RetryableError } from "./errors.js";
import { isCertificateError, isFileSystemError, parseLink, type Exchange, type GetOptions } from "./exchange.js";
import { linkLabel } from "./link-label.js";

/**
 * The download fast path: a plain HTTP/1.1 GET over a socket that reads straight into a few reusable 1 MiB blocks
 * (`onread`), which are written to the file in order with `writev`. Compared with node:http and streams it spends
 * about a sixth of the CPU per GiB (no per-chunk allocation, no parser copy, no garbage to collect) and its memory
 * stays at the blocks, whatever the file size. Bodies framed by Content-Length or by the connection closing are
 * handled here; a chunked body is left to classic-http.ts (`isChunked`).
 *
 * Only GET, only what a pre-signed object-store link needs: `Connection: close`, no compression, redirects
 * followed, 1xx answers skipped, TLS with the system's CAs (plus `ca`), ALPN http/1.1.
 */
export async function rawGet(url: string, options: GetOptions): Promise<Exchange> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const exchange = await RawExchange.open(current, options);
    const location = exchange.headers.location;
    if (REDIRECTS.has(exchange.status) && location !== undefined) {
      exchange.discard();
      if (hop >= 5) throw new RetryableError(`too many redirects from ${linkLabel(url)}`, { status: exchange.status });
      current = parseLink(location, current).toString();
      continue;
    }
    return exchange;
  }
}

/**
 * Test seam (not exported from the package): delay every write to simulate a disk slower than the network, and
 * count the reads that had to go to the spare buffer because every block was waiting for the disk.
 */
export const rawHttpTestHooks = { writeDelayMs: 0, spareReads: 0 };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const BLOCK_SIZE = 1024 * 1024;
const BLOCKS = 4;
/** A read gets at least this much room; a block with less left is handed to the writer and the next one is used. */
const MIN_READ = 64 * 1024;
const MAX_HEAD = 64 * 1024;
/** At most this many segments in one writev. */
const MAX_WRITEV = 16;

interface Segment {
  /** The memory holding the bytes: one of the blocks, or a copy of the spare buffer (block -1). */
  buf: Buffer;
  block: number;
  start: number;
  end: number;
}

/** Where Node will put the next read: a region of a block, or the spare buffer when every block is busy. */
type Handed = { block: number; at: number } | "spare";

class RawExchange implements Exchange {
  status = 0;
  headers: Record<string, string | undefined> = {};
  bytesSaved = 0;

  private socket!: net.Socket;
  private readonly blocks: Buffer[] = [];
  /** Segments of blocks holding body bytes not yet written, in order. */
  private readonly queue: Segment[] = [];
  /** Per block: segments queued or being written. A block is reused only at zero. */
  private readonly busy: number[] = new Array(BLOCKS).fill(0);
  private fillBlock = 0;
  private fillAt = 0;
  /**
   * The buffer handed to Node for the next read. Node asks for it (readBuffer) right after each read callback and
   * keeps it until the next read, even across a pause, so the region must be recorded when it is handed out.
   */
  private handed: Handed = { block: 0, at: 0 };
  private handedBuffer: Buffer | undefined;
  private spare: Buffer | undefined;
  /** The block the reader waits for (all blocks busy), if any. */
  private waitingFor: number | undefined;

  private phase: "head" | "decide" | "body" | "finished" = "head";
  private head = Buffer.alloc(0);
  /** Stream offset of `head[0]`, and of the next byte to be read. */
  private headAt = 0;
  private streamAt = 0;

  private contentLength: number | undefined;
  private received = 0;
  private closed = false;
  private failure: Error | undefined;

  private fd: number | undefined;
  private writing = false;
  private fsync = false;
  private settleHead!: { resolve: (value: RawExchange) => void; reject: (error: unknown) => void };
  private settleBody: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  private signal: AbortSignal | undefined;
  private onAbort: (() => void) | undefined;

  private constructor(
    readonly url: string,
    private readonly options: GetOptions,
  ) {}

  static open(url: string, options: GetOptions): Promise<RawExchange> {
    parseLink(url);
    const exchange = new RawExchange(url, options);
    return new Promise((resolve, reject) => {
      exchange.settleHead = { resolve, reject };
      exchange.connect();
    });
  }

  private connect(): void {
    const parsed = new URL(this.url);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
    const tlsLink = parsed.protocol === "https:";
    const port = Number(parsed.port || (tlsLink ? 443 : 80));
    const onread = { buffer: () => this.readBuffer(), callback: (n: number, buf: Buffer) => this.onRead(n, buf) };
    this.signal = this.options.signal;
    if (this.signal?.aborted) {
      this.settleHead.reject(this.signal.reason);
      return;
    }
    this.socket = tlsLink
      ? tls.connect({
          host,
          port,
          ...(net.isIP(host) === 0 ? { servername: host } : {}),
          ALPNProtocols: ["http/1.1"],
          ...(this.options.ca === undefined ? {} : { ca: this.options.ca }),
          onread,
        } as tls.ConnectionOptions)
      : net.connect({ host, port, onread });
    this.socket.once(tlsLink ? "secureConnect" : "connect", () => this.sendRequest(parsed));
    this.socket.setTimeout(this.options.idleTimeoutMs, () => this.onIdle());
    this.socket.on("error", (error) => {
      this.failure ??= error;
    });
    this.socket.on("close", () => this.onClose());
    this.onAbort = () => {
      this.failure ??= this.signal?.reason as Error;
      this.socket.destroy();
    };
    this.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  private sendRequest(url: URL): void {
    const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, "User-Agent: backup-links", "Accept-Encoding: identity", "Connection: close"];
    for (const [name, value] of Object.entries(this.options.headers)) {
      // Values come from us and from the server's own ETag: never let one smuggle in a header line.
      if (!/[\r\n\0]/.test(value)) lines.push(`${name}: ${value}`);
    }
    this.socket.write(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
  }

  private readBuffer(): Buffer {
    if (BLOCK_SIZE - this.fillAt < MIN_READ) {
      const next = (this.fillBlock + 1) % BLOCKS;
      if (this.busy[next]! > 0) {
        // Every block waits for the disk; the socket is paused, but Node wants a buffer for when it resumes.
        this.handed = "spare";
        this.spare ??= Buffer.allocUnsafe(MIN_READ);
        this.handedBuffer = this.spare;
        return this.spare;
      }
      this.fillBlock = next;
      this.fillAt = 0;
    }
    const block = (this.blocks[this.fillBlock] ??= Buffer.allocUnsafe(BLOCK_SIZE));
    this.handed = { block: this.fillBlock, at: this.fillAt };
    this.handedBuffer = block.subarray(this.fillAt);
    return this.handedBuffer;
  }

  /** `n` bytes arrived in the buffer handed out last. Returns false to stop reading for now. */
  private onRead(n: number, into: Buffer): boolean {
    if (into !== this.handedBuffer) {
      // Never expected: Node always reads into the buffer handed out last. Refuse rather than save wrong bytes.
      this.fail(new RetryableError("the socket read into an unexpected buffer"));
      return false;
    }
    let buf: Buffer;
    let block: number;
    let start: number;
    if (this.handed === "spare") {
      // Rare (the disk was slower than the network): copy, since the spare buffer is handed out again.
      buf = Buffer.from(this.spare!.subarray(0, n));
      rawHttpTestHooks.spareReads++;
      block = -1;
      start = 0;
    } else {
      block = this.handed.block;
      buf = this.blocks[block]!;
      start = this.handed.at;
      this.fillAt = start + n;
    }
    const end = start + n;
    const regionAt = this.streamAt;
    this.streamAt += n;
    if (this.phase === "head") {
      this.readHead(buf, block, start, end, regionAt);
    } else if (this.phase === "decide" || this.phase === "body") {
      this.queueBody(buf, block, start, end);
    }
    if (BLOCK_SIZE - this.fillAt < MIN_READ && this.busy[(this.fillBlock + 1) % BLOCKS]! > 0) {
      this.waitingFor = (this.fillBlock + 1) % BLOCKS;
      return false;
    }
    // While the caller decides what to do with the body, read no further.
    return this.phase !== "decide";
  }

  private readHead(buf: Buffer, block: number, start: number, end: number, regionAt: number): void {
    this.head = Buffer.concat([this.head, buf.subarray(start, end)]);
    for (;;) {
      const terminator = this.head.indexOf("\r\n\r\n");
      if (terminator < 0) {
        if (this.head.length > MAX_HEAD) this.fail(new RetryableError(`the answer from ${linkLabel(this.url)} has an oversized header`));
        return;
      }
      const bodyAt = this.headAt + terminator + 4;
      const parsed = parseHead(this.head.subarray(0, terminator).toString("latin1"));
      if (parsed === undefined) {
        this.fail(new RetryableError(`the answer from ${linkLabel(this.url)} is not HTTP/1.x`));
        return;
      }
      if (parsed.status >= 100 && parsed.status < 200 && parsed.status !== 101) {
        // An interim answer (103 Early Hints...): the real one follows.
        this.head = this.head.subarray(terminator + 4);
        this.headAt = bodyAt;
        continue;
      }
      this.status = parsed.status;
      this.headers = parsed.headers;
      const length = this.headers["content-length"];
      this.contentLength =
        this.status === 204 || this.status === 304 ? 0 : length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
      this.phase = "decide";
      this.head = Buffer.alloc(0);
      // Body bytes that came with the header: they start at `bodyAt` in the stream.
      const bodyStart = start + Math.max(0, bodyAt - regionAt);
      if (bodyStart < end) this.queueBody(buf, block, bodyStart, end);
      this.settleHead.resolve(this);
      return;
    }
  }

  private queueBody(buf: Buffer, block: number, start: number, end: number): void {
    let stop = end;
    if (this.contentLength !== undefined) stop = Math.min(end, start + (this.contentLength - this.received));
    if (stop <= start) return;
    this.received += stop - start;
    const last = this.queue.at(-1);
    if (last !== undefined && last.buf === buf && last.end === start) {
      last.end = stop;
    } else {
      this.queue.push({ buf, block, start, end: stop });
      if (block >= 0) this.busy[block]!++;
    }
    if (this.contentLength !== undefined && this.received >= this.contentLength) {
      // Everything announced has arrived: anything more would not be part of this body.
      this.socket.destroy();
    }
    this.pump();
  }

  /** Writes queued segments, one writev at a time, so the file only ever grows by a prefix of the body. */
  private pump(): void {
    if (this.writing || this.fd === undefined) return;
    if (this.queue.length === 0) {
      this.maybeFinish();
      return;
    }
    const batch = this.queue.splice(0, MAX_WRITEV);
    const views = batch.map((segment) => segment.buf.subarray(segment.start, segment.end));
    this.writing = true;
    const fd = this.fd;
    const write = (): void => fs.writev(fd, views, (error, written) => {
      this.writing = false;
      if (error) {
        this.failure = error;
        this.socket.destroy();
        this.queue.length = 0;
        this.maybeFinish();
        return;
      }
      this.bytesSaved += written;
      this.release(batch, written);
      this.pump();
    });
    if (rawHttpTestHooks.writeDelayMs > 0) setTimeout(write, rawHttpTestHooks.writeDelayMs);
    else write();
  }

  /** Marks written segments done (a short write puts the rest back in front) and wakes a waiting reader. */
  private release(batch: Segment[], written: number): void {
    let left = written;
    const unfinished: Segment[] = [];
    for (const segment of batch) {
      const size = segment.end - segment.start;
      if (left >= size) {
        left -= size;
        if (segment.block >= 0) this.busy[segment.block]!--;
      } else {
        unfinished.push({ ...segment, start: segment.start + left });
        left = 0;
      }
    }
    this.queue.unshift(...unfinished);
    const waiting = this.waitingFor;
    if (waiting !== undefined && this.busy[waiting] === 0 && this.phase === "body") {
      // The next read lands in the buffer already handed out (the spare one); readBuffer moves on afterwards.
      this.waitingFor = undefined;
      this.socket.resume();
    }
  }

  saveBody(path: string, flags: "w" | "a", options: { fsync: boolean; signal: AbortSignal | undefined }): Promise<void> {
    if (this.phase !== "decide") return Promise.reject(new Error("saveBody called twice"));
    this.phase = "body";
    this.fsync = options.fsync;
    return new Promise((resolve, reject) => {
      this.settleBody = { resolve, reject };
      fs.open(path, flags, (error, fd) => {
        if (error) {
          this.socket.destroy();
          this.phase = "finished";
          reject(error);
          return;
        }
        this.fd = fd;
        if (this.waitingFor === undefined && !this.closed) this.socket.resume();
        this.pump();
      });
    });
  }

  discard(): void {
    this.phase = "finished";
    this.socket.destroy();
    this.cleanup();
  }

  private onIdle(): void {
    // Silence is our own doing while the caller decides or while every block waits for the disk.
    if (this.phase === "decide" || this.waitingFor !== undefined) return;
    this.fail(new RetryableError(`no data from ${linkLabel(this.url)} for ${this.options.idleTimeoutMs / 1000} s`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.socket.destroy();
  }

  private onClose(): void {
    this.closed = true;
    if (this.phase === "head") {
      this.phase = "finished";
      this.cleanup();
      const failure = this.failure;
      if (this.signal?.aborted) this.settleHead.reject(this.signal.reason);
      else if (failure instanceof RetryableError) this.settleHead.reject(failure);
      else if (isCertificateError(failure)) this.settleHead.reject(certificateRefused(this.url, failure!));
      else {
        const code = (failure as NodeJS.ErrnoException | undefined)?.code;
        const what = failure === undefined ? "the connection closed before an answer" : `cannot reach ${linkLabel(this.url)}: ${code ?? failure.message}`;
        this.settleHead.reject(new RetryableError(failure === undefined ? `${what} from ${linkLabel(this.url)}` : what, { cause: failure }));
      }
      return;
    }
    // Whatever arrived before the close is still written (a longer prefix to resume from), then saveBody settles.
    this.pump();
  }

  /** Settles saveBody once nothing more can arrive and everything that arrived is on disk. */
  private maybeFinish(): void {
    if (this.phase !== "body" || this.writing || this.fd === undefined) return;
    const complete = this.contentLength !== undefined && this.received >= this.contentLength;
    if (this.queue.length > 0 || (!complete && !this.closed)) return;
    this.phase = "finished";
    const fd = this.fd;
    this.fd = undefined;
    const settle = this.settleBody!;
    const outcome = (): Error | undefined => {
      if (this.signal?.aborted) return this.signal.reason as Error;
      if (this.failure !== undefined && isFileSystemError(this.failure)) return this.failure;
      if (complete) return undefined;
      if (this.contentLength === undefined && this.failure === undefined) return undefined; // ended by closing
      const of = this.contentLength === undefined ? "" : ` of ${this.contentLength}`;
      const why = this.failure instanceof RetryableError ? ` (${this.failure.message})` : "";
      return new RetryableError(`connection lost after ${this.received}${of} bytes of the body${why}`, { cause: this.failure });
    };
    const close = (): void =>
      fs.close(fd, (closeError) => {
        this.cleanup();
        const error = outcome() ?? closeError ?? undefined;
        if (error) settle.reject(error);
        else settle.resolve();
      });
    if (this.fsync && outcome() === undefined) fs.fsync(fd, (syncError) => (syncError ? (this.failure = syncError, close()) : close()));
    else close();
  }

  private cleanup(): void {
    if (this.onAbort) this.signal?.removeEventListener("abort", this.onAbort);
    this.onAbort = undefined;
  }
}

export function certificateRefused(url: string, error: Error): DownloadError {
  const code = (error as NodeJS.ErrnoException).code;
  return new DownloadError(
    "NETWORK",
    `the certificate of ${linkLabel(url)} was refused (${code}); if it is signed by a private CA, trust it with NODE_EXTRA_CA_CERTS`,
    { cause: error },
  );
}

/** Status line and header fields of an HTTP/1.x answer; undefined when it is not one. */
export function parseHead(text: string): { status: number; headers: Record<string, string | undefined> } | undefined {
  const lines = text.split("\r\n");
  const statusLine = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? "");
  if (!statusLine) return undefined;
  const headers: Record<string, string | undefined> = {};
  let previous: string | undefined;
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line) && previous !== undefined) {
      // Obsolete line folding: a continuation of the previous field.
      headers[previous] = `${headers[previous]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    previous = name;
  }
  return { status: Number(statusLine[1]), headers };
}
