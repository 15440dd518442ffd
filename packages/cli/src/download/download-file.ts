import { promises as fs } from "node:fs";
import { DEFAULT_RETRY_POLICY, backoffDelay, sleep, type RetryPolicy } from "./backoff.js";
import { classicGet } from "./classic-http.js";
import { parseContentLength, parseContentRange, parseUnsatisfiedRange } from "./content-range.js";
import { DownloadAbortedError, DownloadError, RetryableError } from "./errors.js";
import type { DownloadEventListener, FileLink } from "./events.js";
import { isChunked, isFileSystemError, parseLink, type Exchange, type GetOptions } from "./exchange.js";
import { linkLabel } from "./link-label.js";
import { fileSize, readPartState, removeIfPresent, writePartMeta, type PartMeta, type PartState } from "./part-state.js";
import { rawGet } from "./raw-http.js";
import { filePaths } from "./safe-name.js";
import { DEFAULT_SIZE_TOLERANCE_BYTES, matchesDocumentedSize } from "./size-check.js";

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
}

/** A link that expires within this margin is refreshed before use, so it cannot lapse between check and request. */
const EXPIRY_MARGIN_MS = 5_000;

type AttemptOutcome =
  | { kind: "complete" }
  | { kind: "refresh"; reason: "expired" | "rejected"; status: number }
  /** The partial file was discarded; the next request asks for the whole file. Not counted as a failure. */
  | { kind: "restart" };

/**
 * Downloads one file to `<outDir>/<name>`: streamed to `<name>.part` with a sidecar `<name>.part.json`, resumed with
 * HTTP Range when a partial file from the same object exists, renamed to the final name only when its length equals
 * the announced total (Content-Length / Content-Range) and agrees with the documented size.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadFileResult> {
  const job = new FileJob(options);
  return job.run();
}

class FileJob {
  private link: FileLink;
  private readonly paths: ReturnType<typeof filePaths>;
  private readonly policy: RetryPolicy;
  private readonly idleTimeoutMs: number;
  private readonly maxLinkRefreshes: number;
  private readonly tolerance: number;
  private readonly progressIntervalMs: number;
  private readonly now: () => number;
  private state: PartState = { offset: 0, meta: undefined };

  constructor(private readonly options: DownloadFileOptions) {
    this.link = options.link;
    this.paths = filePaths(options.outDir, options.link.name);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
    this.maxLinkRefreshes = options.maxLinkRefreshes ?? 3;
    this.tolerance = options.sizeToleranceBytes ?? DEFAULT_SIZE_TOLERANCE_BYTES;
    this.progressIntervalMs = options.progressIntervalMs ?? 250;
    this.now = options.now ?? Date.now;
  }

  private get name(): string {
    return this.options.link.name;
  }

  async run(): Promise<DownloadFileResult> {
    const { finalPath, partPath, sidecarPath } = this.paths;
    await fs.mkdir(this.options.outDir, { recursive: true });

    const existing = await fileSize(finalPath);
    if (existing !== undefined) {
      if (!matchesDocumentedSize(existing, this.link.sizeBytes, this.tolerance)) {
        throw new DownloadError(
          "EXISTS",
          `${this.name}: ${finalPath} already exists with ${existing} bytes, but the API documents ${this.link.sizeBytes} bytes; move it away to download again`,
          { file: this.name },
        );
      }
      this.emit({ type: "skip", file: this.name, path: finalPath, bytes: existing, reason: "already downloaded" });
      return { file: this.name, path: finalPath, bytes: existing, status: "skipped", resumedFrom: 0 };
    }

    this.state = await readPartState(partPath, sidecarPath, this.name);
    const resumedFrom = this.state.offset;
    const startedAt = this.now();
    this.emit({
      type: "start",
      file: this.name,
      path: finalPath,
      totalBytes: this.state.meta?.totalBytes ?? this.link.sizeBytes,
      resumeFrom: resumedFrom,
    });

    let failures = 0;
    let refreshes = 0;
    for (;;) {
      this.throwIfAborted();
      if (this.isExpired() && this.options.refreshLink && refreshes < this.maxLinkRefreshes) {
        refreshes++;
        await this.refresh("expired");
        continue;
      }
      const offsetBefore = this.state.offset;
      try {
        const outcome = await this.attempt();
        if (outcome.kind === "complete") break;
        if (outcome.kind === "restart") continue;
        if (refreshes >= this.maxLinkRefreshes || !this.options.refreshLink) {
          throw this.rejected(outcome.status);
        }
        refreshes++;
        await this.refresh(outcome.reason);
      } catch (error) {
        if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
        if (!(error instanceof RetryableError)) throw error;
        if (this.state.offset > offsetBefore) {
          // Progress was made: the next failure starts a fresh count, so a long download over a flaky link finishes.
          failures = 0;
          refreshes = 0;
        }
        failures++;
        if (failures >= this.policy.attempts) {
          throw new DownloadError(
            error.status === undefined ? "NETWORK" : "HTTP_STATUS",
            `${this.name}: giving up after ${failures} attempts: ${error.message}`,
            { file: this.name, status: error.status, cause: error },
          );
        }
        const delayMs = backoffDelay(this.policy, failures);
        this.emit({
          type: "retry",
          file: this.name,
          attempt: failures + 1,
          maxAttempts: this.policy.attempts,
          delayMs,
          reason: error.message,
        });
        try {
          await sleep(delayMs, this.options.signal);
        } catch {
          throw new DownloadAbortedError(this.name);
        }
      }
    }

    const bytes = this.state.offset;
    await fs.rename(partPath, finalPath);
    await removeIfPresent(sidecarPath);
    this.emit({
      type: "done",
      file: this.name,
      path: finalPath,
      bytes,
      seconds: (this.now() - startedAt) / 1000,
      resumedFrom,
    });
    return { file: this.name, path: finalPath, bytes, status: "downloaded", resumedFrom };
  }

  /** One request: resolves when the partial file is complete, or asks for a fresh link; throws otherwise. */
  private async attempt(): Promise<AttemptOutcome> {
    try {
      parseLink(this.link.url);
    } catch (error) {
      throw new DownloadError("BAD_LINK", `${this.name}: ${(error as Error).message}`, { file: this.name });
    }
    const { offset, meta } = this.state;
    const headers: Record<string, string> = {};
    if (offset > 0 && meta !== undefined) {
      headers.range = `bytes=${offset}-`;
      // If-Range makes the server send the whole (changed) object instead of a range of a different one.
      const validator = meta.etag !== undefined && !meta.etag.startsWith("W/") ? meta.etag : meta.lastModified;
      if (validator !== undefined) headers["if-range"] = validator;
    }
    const request: GetOptions = { headers, signal: this.options.signal, idleTimeoutMs: this.idleTimeoutMs, ca: this.options.ca };
    let response = await rawGet(this.link.url, request);
    if (isChunked(response.headers)) {
      // The fast path does not decode chunked bodies (object stores send a length); node:http does.
      response.discard();
      response = await classicGet(this.link.url, request);
    }
    const status = response.status;

    if (status === 200) return this.receiveWhole(response);
    if (status === 206) return this.receiveRange(response);
    if (status === 416) return this.receiveUnsatisfiable(response);
    response.discard();
    if (status === 401 || status === 403) return { kind: "refresh", reason: "rejected", status };
    if (status === 408 || status === 429 || status >= 500) {
      throw new RetryableError(`HTTP ${status} from ${linkLabel(this.link.url)}`, { status });
    }
    throw new DownloadError("HTTP_STATUS", `${this.name}: HTTP ${status} from ${linkLabel(this.link.url)}`, {
      file: this.name,
      status,
    });
  }

  /** 200: the whole object, either for a fresh start or because the server ignored (or refused) the range. */
  private async receiveWhole(response: Exchange): Promise<AttemptOutcome> {
    if (this.state.offset > 0) {
      this.emit({ type: "restart", file: this.name, reason: "the server sent the whole file instead of the rest" });
    }
    const total = parseContentLength(response.headers["content-length"]);
    if (total === undefined && !isChunked(response.headers) && this.link.sizeBytes === undefined) {
      response.discard();
      throw new DownloadError(
        "UNVERIFIABLE",
        `${this.name}: the server sent neither a length nor a chunked body, and the API documents no size; a complete file cannot be told from a cut one`,
        { file: this.name },
      );
    }
    if (total !== undefined) await this.checkDocumentedSize(total, response);
    this.state = { offset: 0, meta: this.metaFor(response, total) };
    await writePartMeta(this.paths.sidecarPath, this.state.meta!);
    await this.receiveBody(response, "w", total);
    return { kind: "complete" };
  }

  /** 206: the rest of the object, accepted only if it continues exactly where the partial file ends. */
  private async receiveRange(response: Exchange): Promise<AttemptOutcome> {
    const range = parseContentRange(response.headers["content-range"]);
    const { offset, meta } = this.state;
    const problem =
      range === undefined
        ? "the answer has no usable Content-Range"
        : range.start !== offset
          ? `the server answered from byte ${range.start} instead of ${offset}`
          : range.total === undefined || range.end !== range.total - 1
            ? "the server did not send the rest of the file"
            : offset > 0 && !this.sameSource(meta, response, range.total)
              ? "the file on the server is not the one the partial file came from"
              : undefined;
    if (problem !== undefined || range === undefined || range.total === undefined) {
      response.discard();
      return this.restartOrFail(problem ?? "unusable range answer");
    }
    await this.checkDocumentedSize(range.total, response);
    this.state = { offset, meta: this.metaFor(response, range.total, meta) };
    await writePartMeta(this.paths.sidecarPath, this.state.meta!);
    await this.receiveBody(response, offset > 0 ? "a" : "w", range.total);
    return { kind: "complete" };
  }

  /** 416: nothing left to send. Complete only if the partial file is exactly as long as the object. */
  private async receiveUnsatisfiable(response: Exchange): Promise<AttemptOutcome> {
    response.discard();
    const total = parseUnsatisfiedRange(response.headers["content-range"]);
    const { offset, meta } = this.state;
    if (total !== undefined && total === offset && meta?.totalBytes === total) {
      await this.checkDocumentedSize(total, response);
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

  /**
   * Streams the body into the partial file (see Exchange.saveBody: in order, memory bounded whatever the size);
   * the byte count comes from the file itself once it is closed.
   */
  private async receiveBody(response: Exchange, flags: "w" | "a", total: number | undefined): Promise<void> {
    const base = flags === "a" ? this.state.offset : 0;
    const ticker = setInterval(() => {
      this.emit({ type: "progress", file: this.name, bytes: base + response.bytesSaved, totalBytes: total });
    }, this.progressIntervalMs);
    ticker.unref();
    let failure: unknown;
    try {
      await response.saveBody(this.paths.partPath, flags, { fsync: this.options.fsync !== false, signal: this.options.signal });
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(ticker);
    }
    const size = (await fileSize(this.paths.partPath)) ?? 0;
    this.state = { ...this.state, offset: size };
    this.emit({ type: "progress", file: this.name, bytes: size, totalBytes: total });
    if (failure !== undefined) {
      if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
      if (isFileSystemError(failure)) {
        throw new DownloadError("FILESYSTEM", `${this.name}: cannot write ${this.paths.partPath}: ${failure.code}`, {
          file: this.name,
          cause: failure,
        });
      }
      if (failure instanceof RetryableError) throw failure;
      throw new RetryableError(`connection lost after ${size} of ${total ?? "?"} bytes`, { cause: failure });
    }
    if (total !== undefined && size < total) {
      throw new RetryableError(`the body ended after ${size} of ${total} bytes`);
    }
    if (total !== undefined && size > total) {
      await this.discardPartial("the file grew past its announced length");
      throw new DownloadError("LENGTH_MISMATCH", `${this.name}: received ${size} bytes, but the server announced ${total}`, {
        file: this.name,
      });
    }
    if (total === undefined && !matchesDocumentedSize(size, this.link.sizeBytes, this.tolerance)) {
      await this.discardPartial("length differs from the documented size");
      throw new DownloadError(
        "SIZE_MISMATCH",
        `${this.name}: received ${size} bytes, but the API documents ${this.link.sizeBytes} bytes`,
        { file: this.name },
      );
    }
  }

  private async checkDocumentedSize(total: number, response: Exchange): Promise<void> {
    if (matchesDocumentedSize(total, this.link.sizeBytes, this.tolerance)) return;
    response.discard();
    await this.discardPartial("length differs from the documented size");
    throw new DownloadError(
      "SIZE_MISMATCH",
      `${this.name}: the server announces ${total} bytes, but the API documents ${this.link.sizeBytes} bytes (±${this.tolerance}); not saved`,
      { file: this.name },
    );
  }

  private metaFor(response: Exchange, total: number | undefined, previous?: PartMeta): PartMeta {
    return {
      version: 1,
      name: this.name,
      source: linkLabel(response.url),
      totalBytes: total,
      etag: response.headers.etag ?? previous?.etag,
      lastModified: response.headers["last-modified"] ?? previous?.lastModified,
    };
  }

  /** Same object: equal length and, when both sides have one, equal ETag; without ETags, the same host and path. */
  private sameSource(meta: PartMeta | undefined, response: Exchange, total: number): boolean {
    if (meta === undefined || meta.totalBytes !== total) return false;
    const etag = response.headers.etag;
    if (meta.etag !== undefined && etag !== undefined) return meta.etag === etag;
    return meta.source === linkLabel(response.url);
  }

  private async discardPartial(reason: string): Promise<void> {
    if (this.state.offset > 0) this.emit({ type: "restart", file: this.name, reason });
    this.state = { offset: 0, meta: undefined };
    await removeIfPresent(this.paths.partPath);
    await removeIfPresent(this.paths.sidecarPath);
  }

  private async refresh(reason: "expired" | "rejected"): Promise<void> {
    this.emit({ type: "link-refresh", file: this.name, reason });
    this.link = await this.options.refreshLink!(reason);
  }

  private rejected(status: number): DownloadError {
    const hint = this.options.refreshLink ? `; ${this.maxLinkRefreshes} fresh links did not help` : "; it has probably expired";
    return new DownloadError("LINK_REJECTED", `${this.name}: the object store refused the link (HTTP ${status})${hint}`, {
      file: this.name,
      status,
    });
  }

  private isExpired(): boolean {
    const expiresAt = this.link.expiresAt;
    return expiresAt !== undefined && expiresAt.getTime() <= this.now() + EXPIRY_MARGIN_MS;
  }

  private throwIfAborted(): void {
    if (this.options.signal?.aborted) throw new DownloadAbortedError(this.name);
  }

  private emit(event: Parameters<DownloadEventListener>[0]): void {
    this.options.onEvent?.(event);
  }
}
