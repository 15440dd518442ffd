import { downloadFile, type DownloadFileOptions } from "./download-file.js";
import { DownloadAbortedError, DownloadError } from "./errors.js";
import type { DownloadEventListener, FileLink } from "./events.js";
import { CHECKSUM_SUFFIX } from "./checksum-file.js";
import { PART_SUFFIX, SIDECAR_SUFFIX, safeFileName } from "./safe-name.js";

/** Where fresh links come from: usually `() => getBackupLinks({...})`. */
export type LinkProvider = () => Promise<{ files: FileLink[] }>;

export interface DownloadBackupOptions
  extends Pick<
    DownloadFileOptions,
    | "signal"
    | "retry"
    | "idleTimeoutMs"
    | "maxLinkRefreshes"
    | "sizeToleranceBytes"
    | "progressIntervalMs"
    | "now"
    | "fsync"
    | "ca"
    | "connections"
    | "multiConnectionThresholdBytes"
    | "partBytes"
    | "minPieceBytes"
    | "stateSaveIntervalMs"
    | "proxy"
    | "env"
  > {
  /** Links already in hand; when omitted, `getLinks` is asked first. */
  links?: { files: FileLink[] } | undefined;
  /** Asked again whenever a link has expired or was refused; several files needing it at once share one call. */
  getLinks?: LinkProvider | undefined;
  outDir: string;
  /** Files downloaded at the same time. Default 3. */
  concurrency?: number | undefined;
  onEvent?: DownloadEventListener | undefined;
}

export type FileOutcome =
  | {
      file: string;
      status: "downloaded" | "skipped";
      path: string;
      bytes: number;
      resumedFrom: number;
      /** SHA-256 (hex) of the file, also in `<path>.sha256` (for a skipped file: only if that file exists). */
      sha256?: string | undefined;
      /** True when the MD5 the object store vouches for (a plain MD5 ETag) matched. */
      md5Verified?: boolean | undefined;
      /** How the bytes were verified, in words. */
      verification?: string | undefined;
      connections?: number | undefined;
    }
  | { file: string; status: "failed"; error: Error }
  | { file: string; status: "interrupted" };

export interface DownloadBackupResult {
  files: FileOutcome[];
  /** True when every file is downloaded or was already there. */
  ok: boolean;
  /** True when the signal stopped the run; partial files are kept for a resume. */
  interrupted: boolean;
}

/**
 * Downloads every file of a backup into `outDir`, `concurrency` at a time. One file failing does not stop the
 * others; the result lists each file's outcome. Files whose names are unsafe or collide are failed up front.
 */
export async function downloadBackup(options: DownloadBackupOptions): Promise<DownloadBackupResult> {
  if (options.links === undefined && options.getLinks === undefined) {
    throw new TypeError("downloadBackup needs `links` or `getLinks`");
  }
  const concurrency = options.concurrency ?? 3;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  }
  const source = new SharedLinks(options.links, options.getLinks);
  const files = await source.initial();
  const outcomes: FileOutcome[] = new Array(files.length);
  const report = (file: string, error: Error): void => {
    const code = error instanceof DownloadError ? error.code : error.name;
    options.onEvent?.({ type: "error", file, code, message: error.message });
  };

  // Reject unsafe and colliding names before any byte is fetched, so no file can overwrite another's data.
  const claimed = new Map<string, string>();
  const queue: number[] = [];
  files.forEach((link, index) => {
    try {
      const safe = safeFileName(link.name);
      const names = [safe, safe + PART_SUFFIX, safe + SIDECAR_SUFFIX, safe + CHECKSUM_SUFFIX];
      for (const taken of names) {
        const owner = claimed.get(taken);
        if (owner !== undefined) {
          throw new DownloadError("UNSAFE_NAME", `refusing file name ${JSON.stringify(link.name)}: it collides with ${JSON.stringify(owner)}`, {
            file: link.name,
          });
        }
      }
      for (const taken of names) claimed.set(taken, link.name);
      queue.push(index);
    } catch (error) {
      outcomes[index] = { file: link.name, status: "failed", error: error as Error };
      report(link.name, error as Error);
    }
  });

  const worker = async (): Promise<void> => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      const link = files[index]!;
      if (options.signal?.aborted) {
        outcomes[index] = { file: link.name, status: "interrupted" };
        continue;
      }
      try {
        let generation = source.generation;
        const result = await downloadFile({
          ...options,
          link,
          refreshLink: options.getLinks
            ? async () => {
                const fresh = await source.refresh(generation);
                generation = fresh.generation;
                const match = fresh.files.find((candidate) => candidate.name === link.name);
                if (match === undefined) {
                  throw new DownloadError("LINK_MISSING", `${link.name}: the fresh link list no longer contains this file`, {
                    file: link.name,
                  });
                }
                return match;
              }
            : undefined,
        });
        outcomes[index] = { ...result, status: result.status };
      } catch (error) {
        if (error instanceof DownloadAbortedError) {
          outcomes[index] = { file: link.name, status: "interrupted" };
        } else {
          outcomes[index] = { file: link.name, status: "failed", error: error as Error };
          report(link.name, error as Error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

  const list = outcomes.filter((outcome): outcome is FileOutcome => outcome !== undefined);
  const interrupted = list.some((outcome) => outcome.status === "interrupted");
  return {
    files: list,
    ok: list.every((outcome) => outcome.status === "downloaded" || outcome.status === "skipped"),
    interrupted,
  };
}

/**
 * The current link list and its generation. A file whose link failed asks for a refresh quoting the generation it
 * had: if a newer list already exists it gets that one, and concurrent requests share one API call.
 */
class SharedLinks {
  generation = 0;
  private files: FileLink[] = [];
  private pending: Promise<void> | undefined;

  constructor(
    private readonly given: { files: FileLink[] } | undefined,
    private readonly provider: LinkProvider | undefined,
  ) {}

  async initial(): Promise<FileLink[]> {
    this.files = this.given !== undefined ? this.given.files : (await this.provider!()).files;
    return this.files;
  }

  async refresh(seen: number): Promise<{ generation: number; files: FileLink[] }> {
    if (this.generation === seen) {
      this.pending ??= this.provider!()
        .then((fresh) => {
          this.files = fresh.files;
          this.generation++;
        })
        .finally(() => {
          this.pending = undefined;
        });
      await this.pending;
    }
    return { generation: this.generation, files: this.files };
  }
}
