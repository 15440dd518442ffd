/**
 * Why a download stopped. Every message names the file and, at most, the link's origin and path:
 * the query string of a pre-signed link is its signature and never appears here.
 */
export type DownloadErrorCode =
  /** The object store refused the link (401/403) and no fresh link could be had. */
  | "LINK_REJECTED"
  /** An HTTP status that retrying will not fix (404, 400, ...), or retries of 5xx/429 ran out. */
  | "HTTP_STATUS"
  /** Connection errors, resets, stalls, bodies cut short, until the retries ran out. */
  | "NETWORK"
  /** The server sent more bytes than it announced, or a length that contradicts itself. */
  | "LENGTH_MISMATCH"
  /** The length the server announced is not the size the API documented for the file. */
  | "SIZE_MISMATCH"
  /** The server gave no length, so a complete body cannot be told from a cut one. */
  | "UNVERIFIABLE"
  /** The file name from the API would escape the output directory or is not a usable name. */
  | "UNSAFE_NAME"
  /** A file with that name already exists and does not match the documented size. */
  | "EXISTS"
  /** The fresh link list no longer contains this file. */
  | "LINK_MISSING"
  /** A local file-system error (disk full, permissions). */
  | "FILESYSTEM"
  /** The link (or a redirect) is not an http(s) URL. */
  | "BAD_LINK"
  /** The proxy URL (`--proxy`, HTTPS_PROXY...) is not usable. */
  | "BAD_PROXY"
  /** A ranged answer did not cover exactly the bytes asked for (a wrong Content-Range), again and again. */
  | "BAD_RANGE"
  /** The object kept changing on the server while it was being downloaded (or changed mid-way to stdout). */
  | "OBJECT_CHANGED"
  /** The file's MD5 differs from the object's MD5 ETag: the bytes are not the ones the object store holds. */
  | "CHECKSUM_MISMATCH";

export class DownloadError extends Error {
  override readonly name = "DownloadError";
  readonly code: DownloadErrorCode;
  /** The API's file name (not secret), when the error concerns one file. */
  readonly file: string | undefined;
  /** The HTTP status, when the error came from one. */
  readonly status: number | undefined;

  constructor(
    code: DownloadErrorCode,
    message: string,
    options: { file?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.status = options.status;
  }
}

/** Thrown when the caller's AbortSignal fired: the partial file is left in place for a resume. */
export class DownloadAbortedError extends Error {
  override readonly name = "DownloadAbortedError";
  readonly file: string | undefined;
  constructor(file?: string) {
    super(file === undefined ? "download interrupted" : `download of ${file} interrupted; the partial file is kept for a resume`);
    this.file = file;
  }
}

/** A failure worth another attempt (network trouble, 5xx, 429, a body cut short). Internal to the engine. */
export class RetryableError extends Error {
  override readonly name = "RetryableError";
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}
