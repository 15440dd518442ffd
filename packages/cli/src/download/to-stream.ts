import { createHash, type Hash } from "node:crypto";
import { Writable } from "node:stream";
import { DEFAULT_RETRY_POLICY } from "./backoff.js";
import { parseContentLength, parseContentRange } from "./content-range.js";
import { DEFAULT_CONNECTIONS, MAX_CONNECTIONS, type DownloadFileOptions } from "./download-file.js";
import { DownloadAbortedError, DownloadError, RetryableError } from "./errors.js";
import { SINK_HIGH_WATER_MARK } from "./file-sink.js";
import { PartRetries } from "./part-retries.js";
import { createDispatcher, getObject, parseLink } from "./http.js";
import { LinkSource } from "./link-source.js";
import { linkLabel } from "./link-label.js";
import { changedReason, identityFrom, md5Check, pinHeaders, type ObjectIdentity } from "./object-identity.js";
import { probeRanges, withRetries, type RequestContext } from "./probe.js";
import { DEFAULT_SIZE_TOLERANCE_BYTES, matchesDocumentedSize, unverifiableBody } from "./size-check.js";

/** Where the bytes go: process.stdout, or any Writable. */
export type ByteSink = Pick<Writable, "write" | "once" | "removeListener">;

export interface DownloadToStreamOptions
  extends Pick<
    DownloadFileOptions,
    "link" | "signal" | "refreshLink" | "onEvent" | "retry" | "idleTimeoutMs" | "maxLinkRefreshes" | "sizeToleranceBytes" | "progressIntervalMs" | "now" | "ca" | "connections" | "proxy" | "env"
  > {
  output: ByteSink;
  /** Part size with several connections. Default 8 MiB. */
  partBytes?: number | undefined;
  /** Hard cap on bytes held in memory for reordering (parts fetched ahead of the one being written). Default 64 MiB. */
  maxBufferedBytes?: number | undefined;
}

export interface DownloadToStreamResult {
  file: string;
  bytes: number;
  sha256: string;
  md5Verified: boolean;
  verification: string;
  connections: number;
}

/**
 * Writes one object to a stream in order (`backup-links download ... --out - | gunzip | mysql`). With ranges and
 * several connections, parts are fetched ahead and reordered in memory, never more than `maxBufferedBytes`:
 * workers wait for the writer (and the writer for the consumer's back-pressure) rather than buffer more. A part is
 * retried from its first missing byte; nothing is resumable across runs (the consumer has the bytes), and an
 * object that changes mid-way fails the download (bytes already written cannot be taken back).
 */
export async function downloadToStream(options: DownloadToStreamOptions): Promise<DownloadToStreamResult> {
  const name = options.link.name;
  try {
    parseLink(options.link.url);
  } catch (error) {
    throw new DownloadError("BAD_LINK", `${name}: ${(error as Error).message}`, { file: name });
  }
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    throw new RangeError(`connections must be a whole number from 1 to ${MAX_CONNECTIONS}, got ${connections}`);
  }
  const now = options.now ?? Date.now;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const tolerance = options.sizeToleranceBytes ?? DEFAULT_SIZE_TOLERANCE_BYTES;
  const links = new LinkSource(options.link, { refreshLink: options.refreshLink, maxLinkRefreshes: options.maxLinkRefreshes ?? 3, now, onEvent: options.onEvent });
  const dispatcher = createDispatcher({ connections, idleTimeoutMs, ca: options.ca, proxy: options.proxy, env: options.env });
  const context: RequestContext = {
    name,
    links,
    dispatcher,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    idleTimeoutMs,
    signal: options.signal,
    onEvent: options.onEvent,
  };
  const startedAt = now();
  try {
    const identity = await probeRanges(context);
    if (identity !== undefined && !matchesDocumentedSize(identity.totalBytes, options.link.sizeBytes, tolerance)) {
      throw new DownloadError(
        "SIZE_MISMATCH",
        `${name}: the server announces ${identity.totalBytes} bytes, but the API documents ${options.link.sizeBytes} bytes (±${tolerance}); not sent`,
        { file: name },
      );
    }
    const writer = new OrderedWriter(options.output, identity === undefined ? false : md5Check(identity).md5 !== undefined, options.signal);
    const total = identity?.totalBytes ?? options.link.sizeBytes;
    options.onEvent?.({ type: "start", file: name, path: "-", totalBytes: total, resumeFrom: 0 });
    const ticker = setInterval(() => options.onEvent?.({ type: "progress", file: name, bytes: writer.bytes, totalBytes: total }), options.progressIntervalMs ?? 250);
    ticker.unref();
    let used = 1;
    let final: ObjectIdentity;
    try {
      if (identity === undefined) {
        final = await streamWhole(context, writer, options.link.sizeBytes, tolerance);
      } else {
        const partBytes = options.partBytes ?? 8 * 1024 * 1024;
        const window = Math.max(1, Math.floor((options.maxBufferedBytes ?? 64 * 1024 * 1024) / partBytes));
        used = Math.max(1, Math.min(connections, window, Math.ceil(identity.totalBytes / partBytes)));
        await fetchInOrder(context, writer, identity, partBytes, used, window);
        final = identity;
      }
    } catch (error) {
      if (options.signal?.aborted) throw new DownloadAbortedError(name);
      throw error;
    } finally {
      clearInterval(ticker);
    }
    const digests = writer.digests();
    const check = md5Check(final);
    let verification = `length checked; MD5 not verifiable: ${"reason" in check ? check.reason : ""}`;
    if (check.md5 !== undefined) {
      if (digests.md5 !== check.md5) {
        throw new DownloadError("CHECKSUM_MISMATCH", `${name}: the bytes written do not match the object (MD5 ${digests.md5}, the ${check.source} says ${check.md5})`, { file: name });
      }
      verification = `MD5 matches the ${check.source}`;
    }
    options.onEvent?.({ type: "progress", file: name, bytes: writer.bytes, totalBytes: final.totalBytes });
    const md5Verified = check.md5 !== undefined;
    options.onEvent?.({ type: "done", file: name, path: "-", bytes: writer.bytes, seconds: (now() - startedAt) / 1000, resumedFrom: 0, sha256: digests.sha256, md5Verified, verification });
    return { file: name, bytes: writer.bytes, sha256: digests.sha256, md5Verified, verification, connections: used };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

/** Hashes what it passes on, in order, waiting for the consumer's back-pressure. */
class OrderedWriter {
  bytes = 0;
  private readonly sha256 = createHash("sha256");
  private md5: Hash | undefined;

  constructor(
    private readonly output: ByteSink,
    withMd5: boolean,
    private readonly signal: AbortSignal | undefined,
  ) {
    if (withMd5) this.useMd5();
  }

  /** Also computes the MD5 (decided once the first answer's ETag is known, before any byte is written). */
  useMd5(): void {
    if (this.bytes === 0) this.md5 ??= createHash("md5");
  }

  async write(buffer: Buffer): Promise<void> {
    this.sha256.update(buffer);
    this.md5?.update(buffer);
    this.bytes += buffer.length;
    if (this.output.write(buffer)) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.output.removeListener("drain", onDrain);
        reject(this.signal?.reason);
      };
      const onDrain = (): void => {
        this.signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.output.once("drain", onDrain);
      this.signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  digests(): { sha256: string; md5: string | undefined } {
    return { sha256: this.sha256.digest("hex"), md5: this.md5?.digest("hex") };
  }
}

/** A server without ranges: one GET, straight through (a failure mid-way cannot be resumed). */
async function streamWhole(context: RequestContext, writer: OrderedWriter, documented: number | undefined, tolerance: number): Promise<ObjectIdentity> {
  let identity: ObjectIdentity | undefined;
  let announced: number | undefined;
  await withRetries(context, "download", async (url) => {
    try {
      const answer = await getObject<number>(url, { dispatcher: context.dispatcher, headers: {}, signal: context.signal, idleTimeoutMs: context.idleTimeoutMs }, (head) => {
        if (head.status !== 200) return { refuse: head.status };
        // Nothing may reach the consumer before it is known that a cut body would be noticed.
        const unverifiable = unverifiableBody(context.name, head.headers, documented);
        if (unverifiable !== undefined) throw unverifiable;
        announced = parseContentLength(head.headers["content-length"]);
        if (announced !== undefined && !matchesDocumentedSize(announced, documented, tolerance)) {
          throw new DownloadError("SIZE_MISMATCH", `${context.name}: the server announces ${announced} bytes, but the API documents ${documented} bytes (±${tolerance}); not sent`, {
            file: context.name,
          });
        }
        identity = identityFrom(head.headers, announced ?? 0);
        if (md5Check(identity).md5 !== undefined) writer.useMd5();
        return new Writable({
          highWaterMark: SINK_HIGH_WATER_MARK,
          write: (chunk: Buffer, _encoding, callback) => void writer.write(chunk).then(() => callback(), callback),
        });
      });
      return { status: answer.done ? 200 : answer.refusal, headers: {} };
    } catch (error) {
      // Bytes already went out: sending the object again from its start would duplicate them.
      if (writer.bytes > 0 && !(error instanceof DownloadError)) {
        throw new DownloadError("NETWORK", `${context.name}: the connection failed after ${writer.bytes} bytes were written, and the server does not serve ranges to continue`, {
          file: context.name,
          cause: error,
        });
      }
      throw error;
    }
  });
  if (identity === undefined) throw new DownloadError("HTTP_STATUS", `${context.name}: no body received`, { file: context.name });
  if (announced === undefined && !matchesDocumentedSize(writer.bytes, documented, tolerance)) {
    throw new DownloadError("SIZE_MISMATCH", `${context.name}: received ${writer.bytes} bytes, but the API documents ${documented} bytes`, { file: context.name });
  }
  return { ...identity, totalBytes: writer.bytes };
}

/**
 * Parts fetched by `connections` workers into memory and written in order. Part i may start only while
 * i < next + window, so at most `window` parts are held: the bound on memory whatever the consumer's speed.
 */
async function fetchInOrder(context: RequestContext, writer: OrderedWriter, identity: ObjectIdentity, partBytes: number, connections: number, window: number): Promise<void> {
  const total = identity.totalBytes;
  const parts = Math.max(1, Math.ceil(total / partBytes));
  const ready = new Map<number, Buffer>();
  let next = 0;
  let claimed = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const changed = (): void => {
    wake?.();
    wake = undefined;
  };
  const waitForChange = (): Promise<void> => new Promise((resolve) => (wake = chain(wake, resolve)));
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(context.signal?.reason);
  context.signal?.addEventListener("abort", onAbort, { once: true });
  const partContext = { ...context, signal: controller.signal };

  const worker = async (): Promise<void> => {
    while (failure === undefined) {
      while (claimed < parts && claimed >= next + window && failure === undefined) await waitForChange();
      if (claimed >= parts || failure !== undefined) return;
      const index = claimed++;
      try {
        ready.set(index, await fetchPart(partContext, identity, index * partBytes, Math.min(total, (index + 1) * partBytes) - 1));
      } catch (error) {
        failure ??= error;
        controller.abort(error);
      }
      changed();
    }
  };
  const drain = async (): Promise<void> => {
    while (next < parts && failure === undefined) {
      const buffer = ready.get(next);
      if (buffer === undefined) {
        await waitForChange();
        continue;
      }
      ready.delete(next);
      try {
        await writer.write(buffer);
      } catch (error) {
        failure ??= error;
        controller.abort(error);
      }
      next++;
      changed();
    }
  };
  try {
    await Promise.all([drain(), ...Array.from({ length: connections }, worker)]);
  } finally {
    context.signal?.removeEventListener("abort", onAbort);
  }
  if (failure !== undefined) throw failure;
}

function chain(first: (() => void) | undefined, second: () => void): () => void {
  return first === undefined ? second : () => (first(), second());
}

/** One part into memory, pinned to the object, retried from its first missing byte. */
async function fetchPart(context: RequestContext, identity: ObjectIdentity, start: number, end: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(end - start + 1);
  let position = start;
  const { links, name, policy, signal } = context;
  const retries = new PartRetries({ name, policy, links, signal, onEvent: context.onEvent });
  while (position <= end) {
    if (signal?.aborted) throw signal.reason;
    await links.freshen();
    const seen = links.generation;
    const url = links.link.url;
    const from = position;
    let problem: RetryableError | undefined;
    try {
      const answer = await getObject<{ status: number; reason?: string }>(
        url,
        { dispatcher: context.dispatcher, headers: { range: `bytes=${from}-${end}`, ...pinHeaders(identity) }, signal, idleTimeoutMs: context.idleTimeoutMs },
        ({ status, headers }) => {
          if (status !== 206) return { refuse: { status } };
          const range = parseContentRange(headers["content-range"]);
          if (range === undefined || range.start !== from || range.end !== end || range.total !== identity.totalBytes) {
            return { refuse: { status, reason: `asked for bytes ${from}-${end}, got Content-Range ${JSON.stringify(headers["content-range"] ?? null)}` } };
          }
          const reason = changedReason(identity, headers, range.total);
          if (reason !== undefined) return { refuse: { status: 412, reason } };
          return new Writable({
            highWaterMark: SINK_HIGH_WATER_MARK,
            write: (chunk: Buffer, _encoding, callback) => {
              chunk.copy(buffer, position - start);
              position += chunk.length;
              callback();
            },
          });
        },
      );
      if (answer.done) {
        if (position <= end) problem = new RetryableError(`the body of bytes ${from}-${end} ended early`);
      } else {
        const { status, reason } = answer.refusal;
        if (status === 200 || status === 412 || status === 416) {
          throw new DownloadError("OBJECT_CHANGED", `${name}: the object changed on the server while it was being written out (${reason ?? `HTTP ${status}`}); the output is incomplete`, { file: name });
        }
        if (status === 206) problem = new RetryableError(reason ?? "bad range");
        else if (status === 401 || status === 403) {
          if (!links.canRefresh) throw links.rejected(status);
          await links.refresh("rejected", seen);
          continue;
        } else if (status === 408 || status === 429 || status >= 500) problem = new RetryableError(`HTTP ${status} from ${linkLabel(url)}`, { status });
        else throw new DownloadError("HTTP_STATUS", `${name}: HTTP ${status} from ${linkLabel(url)}`, { file: name, status });
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!(error instanceof RetryableError)) throw error;
      problem = error;
    }
    if (problem === undefined) break;
    await retries.afterFailure(problem, position > from);
  }
  return buffer;
}
