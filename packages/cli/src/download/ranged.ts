import type { FileHandle } from "node:fs/promises";
import type { Dispatcher } from "undici";
import type { RetryPolicy } from "./backoff.js";
import { parseContentLength, parseContentRange } from "./content-range.js";
import { DownloadError, RetryableError } from "./errors.js";
import type { DownloadEventListener } from "./events.js";
import { BodyOverrunError, PositionalSink } from "./file-sink.js";
import { PartRetries } from "./part-retries.js";
import { PieceQueue, partEnd, usefulConnections, type Piece } from "./piece-queue.js";
import { getObject, isFileSystemError } from "./http.js";
import type { LinkSource } from "./link-source.js";
import { linkLabel } from "./link-label.js";
import { changedReason, pinHeaders, type ObjectIdentity } from "./object-identity.js";

/** The object on the server is not the one the parts so far came from: every part must be fetched again. */
export class ObjectChangedError extends Error {
  override readonly name = "ObjectChangedError";
}

export interface RangedOptions {
  name: string;
  file: FileHandle;
  identity: ObjectIdentity;
  partBytes: number;
  connections: number;
  /** The smallest request of the endgame (see PieceQueue). */
  minPieceBytes: number;
  /** Parts already on disk (from an earlier run); updated as parts complete and are flushed. */
  done: boolean[];
  links: LinkSource;
  dispatcher: Dispatcher;
  signal: AbortSignal | undefined;
  policy: RetryPolicy;
  idleTimeoutMs: number;
  /** Each buffer once it is in the file (for the hash frontier). */
  onWritten: (position: number, buffer: Buffer) => void;
  /** Saves the state file with the given parts marked done (called only after a datasync). */
  saveState: (done: boolean[]) => Promise<void>;
  saveIntervalMs: number;
  onEvent?: DownloadEventListener | undefined;
}

/** "part 3", or "part 3, bytes 1048576-1179647" for a piece of it. */
function pieceLabel(piece: Piece, partBytes: number, totalBytes: number): string {
  const whole = piece.start === piece.part * partBytes && piece.end === partEnd(piece.part, partBytes, totalBytes);
  return whole ? `part ${piece.part + 1}` : `part ${piece.part + 1}, bytes ${piece.start}-${piece.end}`;
}

type Verdict =
  | { kind: "changed"; reason: string }
  | { kind: "bad-range"; reason: string }
  | { kind: "refresh"; status: number }
  | { kind: "retry"; status: number }
  | { kind: "fail"; status: number };

/**
 * Fetches the missing parts of one object over `connections` connections: fixed-size parts handed out in file order
 * (split into smaller pieces in the last round, see PieceQueue), each piece asked for with `Range: bytes=s-e` pinned
 * to the object (`If-Match`, else `If-Unmodified-Since`), accepted only as a 206 whose Content-Range is exactly
 * `bytes s-e/<total>`, and written in place. A piece that fails is retried from its first missing byte, with
 * backoff. Every few seconds (and when stopping) the file is flushed and the state file saved, so a part marked
 * done there is on disk.
 */
export class RangedDownload {
  /** Bytes written by this run (progress). */
  bytes = 0;
  /** Requests in flight now. */
  active = 0;
  /** Connections used: `options.connections`, or fewer when the missing bytes make fewer pieces than that. */
  readonly connections: number;
  private readonly queue: PieceQueue;
  private readonly completed = new Set<number>();
  private readonly controller = new AbortController();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: RangedOptions) {
    const { partBytes, connections, minPieceBytes, identity, done } = options;
    const missing = done.flatMap((isDone, index) => (isDone ? [] : [index]));
    const queueOptions = { parts: missing, partBytes, totalBytes: identity.totalBytes, connections, minPieceBytes };
    this.connections = usefulConnections(queueOptions);
    this.queue = new PieceQueue(queueOptions);
  }

  get partsDone(): number {
    return this.options.done.filter(Boolean).length + this.completed.size;
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    const onAbort = (): void => this.controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const saver = setInterval(() => void this.save().catch(() => undefined), this.options.saveIntervalMs);
    saver.unref();
    const { queue } = this;
    let failure: unknown;
    const worker = async (): Promise<void> => {
      for (let piece = queue.take(); piece !== undefined && failure === undefined; piece = queue.take()) {
        try {
          await this.fetchPiece(piece);
          if (queue.finished(piece)) this.completed.add(piece.part);
        } catch (error) {
          failure ??= error;
          this.controller.abort(error);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: this.connections }, worker));
    } finally {
      clearInterval(saver);
      signal?.removeEventListener("abort", onAbort);
    }
    // Whatever happened, the parts that did arrive are kept for the next run (unless the object changed).
    if (!(failure instanceof ObjectChangedError)) await this.save();
    if (failure !== undefined) throw failure;
  }

  /** datasync, then the state file with every part completed before the flush marked done. */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const finished = [...this.completed];
      if (finished.length === 0) return;
      await this.options.file.datasync();
      for (const index of finished) {
        this.options.done[index] = true;
        this.completed.delete(index);
      }
      await this.options.saveState(this.options.done);
    });
    return this.saving;
  }

  private async fetchPiece(piece: Piece): Promise<void> {
    const { links, identity, name, policy } = this.options;
    const { part: index, start, end } = piece;
    let position = start;
    let badRanges = 0;
    const signal = this.controller.signal;
    const retries = new PartRetries({ name, policy, links, signal, onEvent: this.options.onEvent, part: index + 1 });
    while (position <= end) {
      if (signal.aborted) throw signal.reason;
      await links.freshen();
      const seen = links.generation;
      const url = links.link.url;
      let sink: PositionalSink | undefined;
      const from = position;
      let problem: RetryableError | undefined;
      this.active++;
      try {
        const answer = await getObject<Verdict>(
          url,
          { dispatcher: this.options.dispatcher, signal, idleTimeoutMs: this.options.idleTimeoutMs, headers: { range: `bytes=${from}-${end}`, ...pinHeaders(identity) } },
          ({ status, headers }) => {
            if (status === 206) {
              const range = parseContentRange(headers["content-range"]);
              if (range?.total !== undefined && range.total !== identity.totalBytes) {
                return { refuse: { kind: "changed", reason: `its length changed from ${identity.totalBytes} to ${range.total} bytes` } };
              }
              if (range === undefined || range.total === undefined || range.start !== from || range.end !== end) {
                const got = headers["content-range"] === undefined ? "no Content-Range" : `Content-Range ${JSON.stringify(headers["content-range"])}`;
                return { refuse: { kind: "bad-range", reason: `asked for bytes ${from}-${end}, got ${got}` } };
              }
              const changed = changedReason(identity, headers, range.total);
              if (changed !== undefined) return { refuse: { kind: "changed", reason: changed } };
              // A longer body would write over the next part (or past the object's end).
              const length = parseContentLength(headers["content-length"]);
              if (length !== undefined && length > end - from + 1) {
                return { refuse: { kind: "bad-range", reason: `asked for bytes ${from}-${end} (${end - from + 1} bytes), got Content-Length ${length}` } };
              }
              sink = new PositionalSink(
                this.options.file,
                from,
                (at, buffer) => {
                  this.bytes += buffer.length;
                  this.options.onWritten(at, buffer);
                },
                end - from + 1,
              );
              return sink;
            }
            if (status === 200) return { refuse: { kind: "changed", reason: "the server answered a range request with the whole object (HTTP 200)" } };
            if (status === 412) return { refuse: { kind: "changed", reason: "it no longer matches its ETag or date (HTTP 412)" } };
            if (status === 416) return { refuse: { kind: "changed", reason: "the range is no longer satisfiable (HTTP 416)" } };
            if (status === 401 || status === 403) return { refuse: { kind: "refresh", status } };
            if (status === 408 || status === 429 || status >= 500) return { refuse: { kind: "retry", status } };
            return { refuse: { kind: "fail", status } };
          },
        );
        await sink?.settled();
        position = from + (sink?.written ?? 0);
        if (answer.done) {
          if (position <= end) problem = new RetryableError(`${pieceLabel(piece, this.options.partBytes, identity.totalBytes)}: the body ended after ${position - start} of ${end - start + 1} bytes`);
        } else {
          const verdict = answer.refusal;
          switch (verdict.kind) {
            case "changed":
              throw new ObjectChangedError(`${name}: the object changed on the server (${verdict.reason})`);
            case "bad-range":
              badRanges++;
              if (badRanges >= policy.attempts) {
                throw new DownloadError("BAD_RANGE", `${name}: the server does not answer ranges correctly: ${verdict.reason}`, { file: name });
              }
              problem = new RetryableError(`part ${index + 1}: ${verdict.reason}`);
              break;
            case "refresh":
              if (!links.canRefresh) throw links.rejected(verdict.status);
              await links.refresh("rejected", seen);
              continue;
            case "retry":
              problem = new RetryableError(`HTTP ${verdict.status} from ${linkLabel(url)}`, { status: verdict.status });
              break;
            case "fail":
              throw new DownloadError("HTTP_STATUS", `${name}: HTTP ${verdict.status} from ${linkLabel(url)}`, { file: name, status: verdict.status });
          }
        }
      } catch (error) {
        await sink?.settled();
        position = from + (sink?.written ?? 0);
        if (signal.aborted) throw signal.reason;
        if (isFileSystemError(error)) {
          throw new DownloadError("FILESYSTEM", `${name}: cannot write the partial file: ${error.code}`, { file: name, cause: error });
        }
        if (!(error instanceof RetryableError)) throw error;
        // A body without Content-Length that went on past its range: the range's bytes are in place (the sink took
        // exactly that many), what came after them was dropped and the connection closed. Nothing to retry.
        if (!(error instanceof BodyOverrunError)) problem = error;
      } finally {
        this.active--;
      }
      if (problem === undefined) break;
      await retries.afterFailure(problem, position > from);
    }
    links.progressed();
  }
}
