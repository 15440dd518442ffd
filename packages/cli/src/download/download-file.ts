import { promises as fs } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { Dispatcher } from "undici";
import { DEFAULT_RETRY_POLICY, backoffDelay, sleep, type RetryPolicy } from "./backoff.js";
import { readChecksumFile, writeChecksumFile } from "./checksum-file.js";
import { parseContentLength, parseContentRange, parseUnsatisfiedRange } from "./content-range.js";
import { DownloadAbortedError, DownloadError, RetryableError } from "./errors.js";
import type { DownloadEventListener, FileLink } from "./events.js";
import { PositionalSink } from "./file-sink.js";
import { HashFrontier } from "./hash-frontier.js";
import { createDispatcher, getObject, isFileSystemError, parseLink, type Head } from "./http.js";
import { LinkSource } from "./link-source.js";
import { linkLabel } from "./link-label.js";
import { identityFrom, md5Check, strongEtag, type ObjectIdentity } from "./object-identity.js";
import {
  encodeDone,
  fileSize,
  readPartState,
  readRangedState,
  removeIfPresent,
  sidecarVersion,
  writePartMeta,
  type PartMeta,
  type PartState,
} from "./part-state.js";
import { partEnd } from "./piece-queue.js";
import { probeRanges, type RequestContext } from "./probe.js";
import { ObjectChangedError, RangedDownload } from "./ranged.js";
import { filePaths } from "./safe-name.js";
import { DEFAULT_SIZE_TOLERANCE_BYTES, matchesDocumentedSize, unverifiableBody } from "./size-check.js";

/** Files at least this large are fetched over several connections (rclone's --multi-thread-cutoff). */
export const DEFAULT_MULTI_CONNECTION_THRESHOLD = 256 * 1024 * 1024;
/** The part size of ranged downloads (rclone's chunk size): 1,600 requests for 100 GB. */
export const DEFAULT_PART_BYTES = 64 * 1024 * 1024;
/** The smallest request of a ranged download's last round (the AWS CLI's default part size is 8 MiB). */
export const DEFAULT_MIN_PIECE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_CONNECTIONS = 4;
export const MAX_CONNECTIONS = 16;
/** Times the whole file may start over because the object changed on the server, before giving up. */
const MAX_OBJECT_RESTARTS = 3;

export interface DownloadFileOptions {
  link: FileLink;
  /** The directory the file is written to (created when missing). Nothing is ever written outside it. */
  outDir: string;
  /** Aborting leaves `<name>.part` and its sidecar for the next run, and nothing at the final name. */
  signal?: AbortSignal | undefined;
  /**
   * Asks the API for a fresh link to the same file: called when the link has expired (`expiresAt` passed) or the
   * object store refused it (401/403). Without it, a refused link fails the file.
   */
  refreshLink?: ((reason: "expired" | "rejected") => Promise<FileLink>) | undefined;
  onEvent?: DownloadEventListener | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** A socket silent this long (before the headers or mid-body) counts as a network error. Default 30 s. */
  idleTimeoutMs?: number | undefined;
  /** Fresh links asked for in a row without progress before giving up. Default 3. */
  maxLinkRefreshes?: number | undefined;
  /** How far the length may be from `link.sizeBytes` (see size-check.ts). Default 1023 bytes. */
  sizeToleranceBytes?: number | undefined;
  /** How often `progress` events fire while bytes flow. Default 250 ms. */
  progressIntervalMs?: number | undefined;
  /** The clock, for link expiry. */
  now?: (() => number) | undefined;
  /**
   * Flush each file to stable storage (fsync) before it is renamed to its final name. Default true: a backup copy is
   * only worth having if a power cut right after the rename cannot leave an empty or short file at the final name.
   * `false` skips the flush (like curl and wget) for scratch copies where speed matters more.
   */
  fsync?: boolean | undefined;
  /** Extra CA certificates (PEM) to trust for https links, besides the system's (NODE_EXTRA_CA_CERTS works too). */
  ca?: string | Buffer | undefined;
  /**
   * Connections per file, 1-16 (default 4). Files of at least `multiConnectionThresholdBytes` are fetched as
   * ranged parts over this many connections; smaller files, and servers that do not answer ranges, use one.
   */
  connections?: number | undefined;
  /** Default 256 MiB. */
  multiConnectionThresholdBytes?: number | undefined;
  /** Default 64 MiB. */
  partBytes?: number | undefined;
  /**
   * In the last round of parts, each part is fetched as pieces of `partBytes / connections`, at least this many
   * bytes (default 4 MiB), so that the parts finish in file order and the SHA-256 keeps up with the download.
   */
  minPieceBytes?: number | undefined;
  /** How often the state file of a ranged download is saved (after a datasync). Default 3 s. */
  stateSaveIntervalMs?: number | undefined;
  /** A proxy URL for the downloads (overrides HTTPS_PROXY / HTTP_PROXY / NO_PROXY, which are used otherwise). */
  proxy?: string | undefined;
  /** Where the proxy variables are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface DownloadFileResult {
  /** The file name as the API gave it. */
  file: string;
  /** Where the complete file now is. */
  path: string;
  /** Its length. */
  bytes: number;
  /** `skipped`: a file of a matching size was already at the final name. */
  status: "downloaded" | "skipped";
  /** The bytes a previous run had already fetched. */
  resumedFrom: number;
  /** SHA-256 of the file (hex), also in `<path>.sha256`; for a skipped file, only if that checksum file exists. */
  sha256?: string | undefined;
  /** True when the file's MD5 equals the MD5 the object store vouches for (a single-part, unencrypted ETag). */
  md5Verified?: boolean | undefined;
  /** How the bytes were verified, in words. */
  verification?: string | undefined;
  /** Connections used (1 for one stream). */
  connections?: number | undefined;
}

type AttemptOutcome =
  | { kind: "complete" }
  | { kind: "refresh"; reason: "expired" | "rejected"; status: number }
  /** The partial file was discarded; the next request asks for the whole file. Not counted as a failure. */
  | { kind: "restart" };

/** What the `bytes=0-0` probe found out. */
type Probe = { kind: "ranges"; identity: ObjectIdentity } | { kind: "single" };

/**
 * Downloads one file to `<outDir>/<name>`. Large files (and files of unknown size, once a `Range: bytes=0-0` probe
 * told their size) are fetched as ranged parts over several connections into a full-length `<name>.part`;
 * others as one stream. The state file `<name>.part.json` lets a later run resume either. The file is renamed to
 * its final name only when its length equals the announced total and agrees with the documented size, and its MD5
 * matches a plain MD5 ETag; its SHA-256 is written to `<name>.sha256`.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadFileResult> {
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    throw new RangeError(`connections must be a whole number from 1 to ${MAX_CONNECTIONS}, got ${connections}`);
  }
  for (const field of ["partBytes", "minPieceBytes"] as const) {
    const value = options[field];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new RangeError(`${field} must be a whole number of bytes of at least 1, got ${value}`);
  }
  const job = new FileJob(options, connections);
  try {
    return await job.run();
  } catch (error) {
    throw asFileSystemError(error, options.link.name);
  } finally {
    await job.close();
  }
}

/**
 * A local file-system failure outside the body's writes (the state file, the checksum file, the flush, the rename,
 * a vanished output directory) as the same FILESYSTEM error the body's writes give, naming the file and the path.
 */
function asFileSystemError(error: unknown, name: string): unknown {
  if (error instanceof DownloadError || !isFileSystemError(error)) return error;
  const target = error.path === undefined ? "" : ` ${error.path}`;
  return new DownloadError("FILESYSTEM", `${name}: cannot ${error.syscall}${target}: ${error.code}`, { file: name, cause: error });
}

class FileJob {
  private readonly links: LinkSource;
  private readonly paths: ReturnType<typeof filePaths>;
  private readonly policy: RetryPolicy;
  private readonly idleTimeoutMs: number;
  private readonly tolerance: number;
  private readonly progressIntervalMs: number;
  private readonly now: () => number;
  private readonly dispatcher: Dispatcher;
  private state: PartState = { offset: 0, meta: undefined };
  /** The sidecar came from an earlier run (so its validators must be checked, not assumed). */
  private fromEarlierRun = false;
  private file: FileHandle | undefined;
  private frontier: HashFrontier | undefined;
  private frontierMd5 = false;
  private identity: ObjectIdentity | undefined;
  private usedConnections = 1;

  constructor(
    private readonly options: DownloadFileOptions,
    private readonly connections: number,
  ) {
    this.paths = filePaths(options.outDir, options.link.name);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.tolerance = options.sizeToleranceBytes ?? DEFAULT_SIZE_TOLERANCE_BYTES;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.now = options.now ?? Date.now;
    this.links = new LinkSource(options.link, {
      refreshLink: options.refreshLink,
      maxLinkRefreshes: options.maxLinkRefreshes ?? 3,
      now: this.now,
      onEvent: options.onEvent,
    });
    this.dispatcher = createDispatcher({
      connections,
      idleTimeoutMs: this.idleTimeoutMs,
      ca: options.ca,
      proxy: options.proxy,
      env: options.env,
    });
  }

  private get name(): string {
    return this.options.link.name;
  }

  async close(): Promise<void> {
    await this.closeFile();
    await this.dispatcher.destroy().catch(() => undefined);
  }

  async run(): Promise<DownloadFileResult> {
    const { finalPath, partPath, sidecarPath } = this.paths;
    await fs.mkdir(this.options.outDir, { recursive: true });

    const existing = await fileSize(finalPath);
    if (existing !== undefined) {
      if (!matchesDocumentedSize(existing, this.links.link.sizeBytes, this.tolerance)) {
        throw new DownloadError(
          "EXISTS",
          `${this.name}: ${finalPath} already exists with ${existing} bytes, but the API documents ${this.links.link.sizeBytes} bytes; move it away to download again`,
          { file: this.name },
        );
      }
      this.emit({ type: "skip", file: this.name, path: finalPath, bytes: existing, reason: "already downloaded" });
      const sha256 = await readChecksumFile(finalPath);
      return { file: this.name, path: finalPath, bytes: existing, status: "skipped", resumedFrom: 0, ...(sha256 === undefined ? {} : { sha256 }) };
    }
    try {
      parseLink(this.links.link.url);
    } catch (error) {
      throw new DownloadError("BAD_LINK", `${this.name}: ${(error as Error).message}`, { file: this.name });
    }

    const startedAt = this.now();
    for (let restarts = 0; ; restarts++) {
      this.throwIfAborted();
      const version = await sidecarVersion(sidecarPath);
      // A version 1 sidecar is a prefix written in order: one stream continues it, as before.
      const probe = version === 1 && (await fileSize(partPath)) ? { kind: "single" as const } : await this.probe();
      try {
        const resumedFrom = probe.kind === "ranges" ? await this.runRanged(probe.identity) : await this.runSingle();
        return await this.finish(startedAt, resumedFrom);
      } catch (error) {
        if (!(error instanceof ObjectChangedError)) throw error;
        if (restarts + 1 >= MAX_OBJECT_RESTARTS) {
          throw new DownloadError("OBJECT_CHANGED", `${error.message}, ${MAX_OBJECT_RESTARTS} times in a row; giving up`, { file: this.name });
        }
        await this.discardAll(`${error.message.replace(`${this.name}: `, "")}; what was downloaded of the old version is discarded`);
      }
    }
  }

  /**
   * Decides between ranged parts and one stream. One stream without asking when one connection is wanted or the
   * documented size is below the threshold; otherwise a `GET` with `Range: bytes=0-0` (never HEAD: a pre-signed
   * link's signature covers the verb) tells the size, the ETag and whether ranges are served (206).
   */
  private async probe(): Promise<Probe> {
    const threshold = this.options.multiConnectionThresholdBytes ?? DEFAULT_MULTI_CONNECTION_THRESHOLD;
    const documented = this.links.link.sizeBytes;
    const ranged = await readRangedState(this.paths.partPath, this.paths.sidecarPath, this.name);
    if (ranged === undefined && (this.connections === 1 || (documented !== undefined && documented < threshold))) return { kind: "single" };
    const identity = await probeRanges(this.context());
    if (identity === undefined) return { kind: "single" };
    const total = identity.totalBytes;
    if (!matchesDocumentedSize(total, documented, this.tolerance)) {
      await this.discardAll("length differs from the documented size");
      throw this.sizeMismatch(total);
    }
    if (ranged === undefined && total < threshold) return { kind: "single" };
    return { kind: "ranges", identity };
  }

  private context(): RequestContext {
    return {
      name: this.name,
      links: this.links,
      dispatcher: this.dispatcher,
      policy: this.policy,
      idleTimeoutMs: this.idleTimeoutMs,
      signal: this.options.signal,
      onEvent: this.options.onEvent,
    };
  }

  private requestOptions(headers: Record<string, string>) {
    return { dispatcher: this.dispatcher, headers, signal: this.options.signal, idleTimeoutMs: this.idleTimeoutMs };
  }

  // ---- ranged parts ----------------------------------------------------------------------------------------------

  /** Fetches the object as parts; returns the bytes an earlier run had already fetched. */
  private async runRanged(identity: ObjectIdentity): Promise<number> {
    const { partPath, sidecarPath, finalPath } = this.paths;
    const total = identity.totalBytes;
    let partBytes = this.options.partBytes ?? DEFAULT_PART_BYTES;
    let done: boolean[] | undefined;
    const previous = await readRangedState(partPath, sidecarPath, this.name);
    if (previous !== undefined) {
      const { meta } = previous;
      const trusted = strongEtag(meta.etag) !== undefined || meta.lastModified !== undefined;
      const same = meta.totalBytes === total && meta.etag === identity.etag && meta.lastModified === identity.lastModified;
      if (trusted && same) {
        partBytes = meta.partBytes;
        done = previous.done;
      } else {
        await this.discardAll(
          trusted ? "the object on the server is not the one the partial file came from" : "the server gives neither ETag nor Last-Modified, so a partial file from an earlier run cannot be trusted",
        );
      }
    } else if ((await sidecarVersion(sidecarPath)) !== undefined || (await fileSize(partPath)) !== undefined) {
      await this.discardAll("the partial file has no usable state file");
    }
    const parts = Math.max(1, Math.ceil(total / partBytes));
    done ??= new Array<boolean>(parts).fill(false);
    const partLength = (i: number): number => partEnd(i, partBytes, total) + 1 - i * partBytes;
    const resumedFrom = done.reduce((sum, isDone, i) => sum + (isDone ? partLength(i) : 0), 0);

    this.file = await fs.open(partPath, resumedFrom > 0 ? "r+" : "w+");
    await this.file.truncate(total);
    const md5 = md5Check(identity).md5 !== undefined;
    const frontier = this.newFrontier(md5);
    done.forEach((isDone, i) => isDone && frontier.onDisk(i * partBytes, i * partBytes + partLength(i)));
    this.identity = identity;
    const saveState = (marks: boolean[]): Promise<void> =>
      writePartMeta(sidecarPath, {
        version: 2,
        name: this.name,
        source: linkLabel(this.links.link.url),
        totalBytes: total,
        etag: identity.etag,
        lastModified: identity.lastModified,
        partBytes,
        done: encodeDone(marks),
      });
    await saveState(done);

    const partsDone = done.filter(Boolean).length;
    const download = new RangedDownload({
      name: this.name,
      file: this.file,
      identity,
      partBytes,
      connections: this.connections,
      minPieceBytes: this.options.minPieceBytes ?? DEFAULT_MIN_PIECE_BYTES,
      done,
      links: this.links,
      dispatcher: this.dispatcher,
      signal: this.options.signal,
      policy: this.policy,
      idleTimeoutMs: this.idleTimeoutMs,
      onWritten: (position, buffer) => frontier.written(position, buffer),
      saveState,
      saveIntervalMs: this.options.stateSaveIntervalMs ?? 3_000,
      onEvent: this.options.onEvent,
    });
    this.usedConnections = download.connections;
    this.emit({ type: "start", file: this.name, path: finalPath, totalBytes: total, resumeFrom: resumedFrom, connections: download.connections, parts, partsDone });
    const progress = (): void =>
      this.emit({
        type: "progress",
        file: this.name,
        bytes: resumedFrom + download.bytes,
        totalBytes: total,
        connections: download.active,
        partsDone: download.partsDone,
        parts,
      });
    const ticker = setInterval(progress, this.progressIntervalMs);
    ticker.unref();
    try {
      await download.run();
    } catch (error) {
      if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
      throw error;
    } finally {
      clearInterval(ticker);
    }
    progress();
    this.state = { offset: total, meta: undefined };
    return resumedFrom;
  }

  // ---- one stream ------------------------------------------------------------------------------------------------

  /** Fetches the object as one stream (resuming a prefix with Range); returns the bytes an earlier run had. */
  private async runSingle(): Promise<number> {
    const { partPath, sidecarPath, finalPath } = this.paths;
    this.state = await readPartState(partPath, sidecarPath, this.name);
    this.fromEarlierRun = this.state.offset > 0;
    const meta = this.state.meta;
    if (this.fromEarlierRun && meta !== undefined && strongEtag(meta.etag) === undefined && meta.lastModified === undefined) {
      // Nothing would tell a changed object from the same one: a resume could splice two versions.
      await this.discardPartial("the server gives neither ETag nor Last-Modified, so a partial file from an earlier run cannot be trusted");
    } else if (this.state.offset === 0 && ((await fileSize(partPath)) !== undefined || (await sidecarVersion(sidecarPath)) !== undefined)) {
      await removeIfPresent(partPath);
      await removeIfPresent(sidecarPath);
    }
    const resumedFrom = this.state.offset;
    this.emit({
      type: "start",
      file: this.name,
      path: finalPath,
      totalBytes: this.state.meta?.totalBytes ?? this.links.link.sizeBytes,
      resumeFrom: resumedFrom,
    });

    let failures = 0;
    for (;;) {
      this.throwIfAborted();
      await this.links.freshen();
      const seen = this.links.generation;
      const offsetBefore = this.state.offset;
      try {
        const outcome = await this.attempt();
        if (outcome.kind === "complete") break;
        if (outcome.kind === "restart") continue;
        if (!this.links.canRefresh) throw this.links.rejected(outcome.status);
        await this.links.refresh(outcome.reason, seen);
      } catch (error) {
        if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
        if (!(error instanceof RetryableError)) throw error;
        if (this.state.offset > offsetBefore) {
          // Progress was made: the next failure starts a fresh count, so a long download over a flaky link finishes.
          failures = 0;
          this.links.progressed();
        }
        failures++;
        if (failures >= this.policy.attempts) {
          throw new DownloadError(
            error.status === undefined ? "NETWORK" : "HTTP_STATUS",
            `${this.name}: giving up after ${failures} attempts: ${error.message}`,
            { file: this.name, status: error.status, cause: error },
          );
        }
        await this.backoff(failures, error.message);
      }
    }
    return resumedFrom;
  }

  private async backoff(failures: number, reason: string): Promise<void> {
    const delayMs = backoffDelay(this.policy, failures);
    this.emit({ type: "retry", file: this.name, attempt: failures + 1, maxAttempts: this.policy.attempts, delayMs, reason });
    try {
      await sleep(delayMs, this.options.signal);
    } catch {
      throw new DownloadAbortedError(this.name);
    }
  }

  /** One request: resolves when the partial file is complete, or asks for a fresh link; throws otherwise. */
  private async attempt(): Promise<AttemptOutcome> {
    const url = this.links.link.url;
    const { offset, meta } = this.state;
    const headers: Record<string, string> = {};
    if (offset > 0 && meta !== undefined) {
      headers.range = `bytes=${offset}-`;
      // If-Range makes the server send the whole (changed) object instead of a range of a different one; servers
      // that ignore it are caught by comparing the answer's ETag / Last-Modified with the recorded ones.
      const validator = strongEtag(meta.etag) ?? meta.lastModified;
      if (validator !== undefined) headers["if-range"] = validator;
    }
    const created = this.file === undefined && (await fileSize(this.paths.partPath)) === undefined;
    this.file ??= await fs.open(this.paths.partPath, created ? "w+" : "r+");
    let body: { base: number; total: number | undefined; whole: boolean; meta: Promise<void>; sink: PositionalSink } | undefined;
    let verdict: (() => Promise<AttemptOutcome>) | undefined;
    const accept = (head: Head): PositionalSink | { refuse: true } => {
      const { status } = head;
      const decide = (next: () => Promise<AttemptOutcome>): { refuse: true } => {
        verdict = next;
        return { refuse: true };
      };
      if (status === 200 || status === 206) {
        const problem = status === 206 ? this.rangeProblem(head) : undefined;
        if (problem !== undefined) return decide(() => this.restartOrFail(problem));
        const whole = status === 200;
        const total = whole ? parseContentLength(head.headers["content-length"]) : parseContentRange(head.headers["content-range"])!.total;
        const unverifiable = whole ? unverifiableBody(this.name, head.headers, this.links.link.sizeBytes) : undefined;
        if (unverifiable !== undefined) {
          return decide(async () => {
            throw unverifiable;
          });
        }
        if (total !== undefined && !matchesDocumentedSize(total, this.links.link.sizeBytes, this.tolerance)) {
          return decide(async () => {
            await this.discardPartial("length differs from the documented size");
            throw this.sizeMismatch(total);
          });
        }
        if (whole && offset > 0) this.emit({ type: "restart", file: this.name, reason: "the server sent the whole file instead of the rest" });
        const base = whole ? 0 : offset;
        this.state = { offset: base, meta: this.metaFor(url, head, total, whole ? undefined : meta) };
        this.identity = total === undefined ? undefined : identityFrom(head.headers, total);
        const frontier = whole || this.frontier === undefined || this.frontierMd5 !== this.wantsMd5() ? this.newFrontier(this.wantsMd5()) : this.frontier;
        if (base > 0 && frontier !== this.frontier) frontier.onDisk(0, base);
        this.frontier = frontier;
        const sink = new PositionalSink(this.file!, base, (position, buffer) => frontier.written(position, buffer));
        const metaSaved = writePartMeta(this.paths.sidecarPath, this.state.meta!);
        // Awaited once the body ended; a failure before then must not count as an unhandled rejection (which ends
        // the process).
        metaSaved.catch(() => undefined);
        body = { base, total, whole, meta: metaSaved, sink };
        return sink;
      }
      if (status === 416) return decide(() => this.receiveUnsatisfiable(head));
      if (status === 412) return decide(() => this.restartOrFail("the object changed on the server (HTTP 412)"));
      if (status === 401 || status === 403) return decide(async () => ({ kind: "refresh", reason: "rejected", status }));
      if (status === 408 || status === 429 || status >= 500) {
        return decide(async () => {
          throw new RetryableError(`HTTP ${status} from ${linkLabel(url)}`, { status });
        });
      }
      return decide(async () => {
        throw new DownloadError("HTTP_STATUS", `${this.name}: HTTP ${status} from ${linkLabel(url)}`, { file: this.name, status });
      });
    };

    const ticker = setInterval(() => {
      if (body !== undefined) this.emit({ type: "progress", file: this.name, bytes: body.base + body.sink.written, totalBytes: body.total });
    }, this.progressIntervalMs);
    ticker.unref();
    let failure: unknown;
    try {
      const answer = await getObject(url, this.requestOptions(headers), accept);
      if (!answer.done) {
        // No body was taken: a partial file created for it (still empty) must not stay behind.
        if (created && this.state.offset === 0) {
          await this.closeFile();
          await removeIfPresent(this.paths.partPath);
        }
        return await verdict!();
      }
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(ticker);
    }
    await body?.sink.settled();
    if (body === undefined) {
      if (created && this.state.offset === 0) {
        await this.closeFile();
        await removeIfPresent(this.paths.partPath);
      }
      throw failure;
    }
    await body.meta;
    const size = body.base + body.sink.written;
    // The file holds exactly the prefix received (a longer older partial file must not survive a 200).
    await this.file.truncate(size);
    this.state = { ...this.state, offset: size };
    this.emit({ type: "progress", file: this.name, bytes: size, totalBytes: body.total });
    if (failure !== undefined) {
      if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
      if (isFileSystemError(failure)) {
        throw new DownloadError("FILESYSTEM", `${this.name}: cannot write ${this.paths.partPath}: ${failure.code}`, { file: this.name, cause: failure });
      }
      if (failure instanceof RetryableError) throw failure;
      if (failure instanceof DownloadError) throw failure;
      throw new RetryableError(`connection lost after ${size} of ${body.total ?? "?"} bytes`, { cause: failure });
    }
    const total = body.total;
    if (total !== undefined && size < total) throw new RetryableError(`the body ended after ${size} of ${total} bytes`);
    if (total !== undefined && size > total) {
      await this.discardPartial("the file grew past its announced length");
      throw new DownloadError("LENGTH_MISMATCH", `${this.name}: received ${size} bytes, but the server announced ${total}`, { file: this.name });
    }
    if (total === undefined && !matchesDocumentedSize(size, this.links.link.sizeBytes, this.tolerance)) {
      await this.discardPartial("length differs from the documented size");
      throw new DownloadError("SIZE_MISMATCH", `${this.name}: received ${size} bytes, but the API documents ${this.links.link.sizeBytes} bytes`, {
        file: this.name,
      });
    }
    this.identity ??= identityFrom({}, size);
    return { kind: "complete" };
  }

  /** Why a 206 cannot continue the partial file (undefined: it can). */
  private rangeProblem(head: Head): string | undefined {
    const range = parseContentRange(head.headers["content-range"]);
    const { offset, meta } = this.state;
    if (range === undefined) return "the answer has no usable Content-Range";
    if (range.start !== offset) return `the server answered from byte ${range.start} instead of ${offset}`;
    if (range.total === undefined || range.end !== range.total - 1) return "the server did not send the rest of the file";
    if (offset > 0 && !this.sameSource(meta, head, range.total)) return "the file on the server is not the one the partial file came from";
    return undefined;
  }

  private wantsMd5(): boolean {
    return this.identity !== undefined && md5Check(this.identity).md5 !== undefined;
  }

  private newFrontier(md5: boolean): HashFrontier {
    void this.frontier?.close();
    this.frontier = new HashFrontier(this.file!, md5);
    this.frontierMd5 = md5;
    return this.frontier;
  }

  /** 416: nothing left to send. Complete only if the partial file is exactly as long as the object. */
  private async receiveUnsatisfiable(head: Head): Promise<AttemptOutcome> {
    const total = parseUnsatisfiedRange(head.headers["content-range"]);
    const { offset, meta } = this.state;
    if (total !== undefined && total === offset && meta?.totalBytes === total) {
      if (!matchesDocumentedSize(total, this.links.link.sizeBytes, this.tolerance)) {
        await this.discardPartial("length differs from the documented size");
        throw this.sizeMismatch(total);
      }
      this.identity = identityFrom({ etag: meta.etag, "last-modified": meta.lastModified }, total);
      return { kind: "complete" };
    }
    return this.restartOrFail("the server cannot continue the partial file (HTTP 416)");
  }

  /**
   * Throws the partial file away so the next request asks for the whole file. If there was nothing to throw away,
   * the server is answering a plain GET oddly: that counts as a failed attempt, so the loop cannot spin forever.
   */
  private async restartOrFail(reason: string): Promise<AttemptOutcome> {
    const hadPartial = this.state.offset > 0;
    await this.discardPartial(reason);
    if (hadPartial) return { kind: "restart" };
    throw new RetryableError(reason);
  }

  private metaFor(url: string, head: Head, total: number | undefined, previous?: PartMeta): PartMeta {
    return {
      version: 1,
      name: this.name,
      source: linkLabel(url),
      totalBytes: total,
      etag: head.headers.etag ?? previous?.etag,
      lastModified: head.headers["last-modified"] ?? previous?.lastModified,
    };
  }

  /**
   * Same object: equal length, and equal ETag and Last-Modified wherever both sides have one. A partial file from
   * an earlier run needs at least one of them to match (see runSingle); within a run the length must agree.
   */
  private sameSource(meta: PartMeta | undefined, head: Head, total: number): boolean {
    if (meta === undefined || meta.totalBytes !== total) return false;
    const etag = head.headers.etag;
    const modified = head.headers["last-modified"];
    if (meta.etag !== undefined && etag !== undefined && meta.etag !== etag) return false;
    if (meta.lastModified !== undefined && modified !== undefined && meta.lastModified !== modified) return false;
    if (this.fromEarlierRun) {
      const etagMatches = strongEtag(meta.etag) !== undefined && etag === meta.etag;
      const dateMatches = meta.lastModified !== undefined && modified === meta.lastModified;
      return etagMatches || dateMatches;
    }
    return true;
  }

  // ---- the end ---------------------------------------------------------------------------------------------------

  /** Flush, verify (length was checked on the way; MD5 where the server vouches for one), checksum file, rename. */
  private async finish(startedAt: number, resumedFrom: number): Promise<DownloadFileResult> {
    const { finalPath, partPath, sidecarPath } = this.paths;
    this.file ??= await fs.open(partPath, (await fileSize(partPath)) === undefined ? "w+" : "r+");
    const bytes = (await this.file.stat()).size;
    if (this.options.fsync !== false) await this.file.datasync();
    const identity = this.identity ?? identityFrom({}, bytes);
    const check = md5Check(identity);
    if (this.frontier === undefined || this.frontierMd5 !== (check.md5 !== undefined)) {
      this.newFrontier(check.md5 !== undefined);
    }
    const digests = await this.frontier!.finish(bytes);
    let verification: string;
    if (check.md5 !== undefined) {
      if (digests.md5 !== check.md5) {
        await this.discardAll(`its MD5 ${digests.md5} differs from the ${check.source} ${check.md5}`);
        throw new DownloadError(
          "CHECKSUM_MISMATCH",
          `${this.name}: the downloaded bytes do not match the object (MD5 ${digests.md5}, the ${check.source} says ${check.md5}); not saved`,
          { file: this.name },
        );
      }
      verification = `MD5 matches the ${check.source}`;
    } else {
      verification = `length checked; MD5 not verifiable: ${check.reason}`;
    }
    await this.closeFile();
    await writeChecksumFile(finalPath, digests.sha256);
    await fs.rename(partPath, finalPath);
    await removeIfPresent(sidecarPath);
    const md5Verified = check.md5 !== undefined;
    this.emit({
      type: "done",
      file: this.name,
      path: finalPath,
      bytes,
      seconds: (this.now() - startedAt) / 1000,
      resumedFrom,
      sha256: digests.sha256,
      md5Verified,
      verification,
    });
    return {
      file: this.name,
      path: finalPath,
      bytes,
      status: "downloaded",
      resumedFrom,
      sha256: digests.sha256,
      md5Verified,
      verification,
      connections: this.usedConnections,
    };
  }

  private sizeMismatch(total: number): DownloadError {
    return new DownloadError(
      "SIZE_MISMATCH",
      `${this.name}: the server announces ${total} bytes, but the API documents ${this.links.link.sizeBytes} bytes (±${this.tolerance}); not saved`,
      { file: this.name },
    );
  }

  private async closeFile(): Promise<void> {
    const frontier = this.frontier;
    this.frontier = undefined;
    await frontier?.close();
    const file = this.file;
    this.file = undefined;
    await file?.close().catch(() => undefined);
  }

  /** Drops the partial file of a single stream (telling why when there was something to drop). */
  private async discardPartial(reason: string): Promise<void> {
    if (this.state.offset > 0) this.emit({ type: "restart", file: this.name, reason });
    this.state = { offset: 0, meta: undefined };
    this.fromEarlierRun = false;
    await this.closeFile();
    await removeIfPresent(this.paths.partPath);
    await removeIfPresent(this.paths.sidecarPath);
  }

  /** Drops the partial file and its state whatever they hold, telling why. */
  private async discardAll(reason: string): Promise<void> {
    this.emit({ type: "restart", file: this.name, reason });
    this.state = { offset: 0, meta: undefined };
    this.fromEarlierRun = false;
    this.identity = undefined;
    await this.closeFile();
    await removeIfPresent(this.paths.partPath);
    await removeIfPresent(this.paths.sidecarPath);
  }

  private throwIfAborted(): void {
    if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
  }

  private emit(event: Parameters<DownloadEventListener>[0]): void {
    this.options.onEvent?.(event);
  }
}
