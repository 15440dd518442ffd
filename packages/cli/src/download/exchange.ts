import { DownloadError } from "./errors.js";

/**
 * One GET answered by the object store, before its body is consumed: the engine looks at the status and headers,
 * then either saves the body into the partial file or discards it. Two implementations: raw-http.ts (the fast path)
 * and classic-http.ts (node:http, for chunked bodies).
 */
export interface Exchange {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string | undefined>>;
  /** The URL that answered, after redirects (a secret like the original link: never print it). */
  url: string;
  /**
   * Writes the body to `path`: from its start (`"w"`, truncating) or appended at its end (`"a"`). Resolves once
   * the body has ended as its framing says (Content-Length reached; for a body without length, the connection
   * closed) and the file is closed; rejects with a RetryableError when the body was cut short, with the signal's
   * reason when aborted, or with the file system's error. Bytes are always written in order, so whatever happens
   * the file holds a prefix of the body.
   */
  saveBody(path: string, flags: "w" | "a", options: { fsync: boolean; signal: AbortSignal | undefined }): Promise<void>;
  /** Bytes of the body written to the file so far (for progress). */
  readonly bytesSaved: number;
  /** Drops the body and the connection. */
  discard(): void;
}

export interface GetOptions {
  headers: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Fail (retryably) when the connection is silent this long, before the headers or in the middle of the body. */
  idleTimeoutMs: number;
  /** Extra trusted CA certificates for https links (PEM); the system's are always trusted. */
  ca?: string | Buffer | undefined;
}

/** Is the body chunked (which only the classic path decodes)? */
export function isChunked(headers: Exchange["headers"]): boolean {
  return /\bchunked\b/i.test(headers["transfer-encoding"] ?? "");
}

const FILE_SYSTEM_CODES = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO", "EISDIR", "ENOENT", "EMFILE", "ENFILE", "EFBIG"]);

/** A local file-system failure (disk full, permissions...): retrying the download will not help. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && FILE_SYSTEM_CODES.has(code) && (error as NodeJS.ErrnoException).syscall !== "connect";
}

/** The server's certificate was refused: retrying cannot help (trust its CA with NODE_EXTRA_CA_CERTS or `ca`). */
export function isCertificateError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/**
 * Parses a link (or a redirect's Location against it) without ever letting the URL into an error: Node's
 * ERR_INVALID_URL carries the whole input, signature included, as `error.input`.
 */
export function parseLink(link: string, base?: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = base === undefined ? new URL(link) : new URL(link, base);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new DownloadError("BAD_LINK", base === undefined ? "the download link is not an http(s) URL" : "the server redirected to something that is not an http(s) URL");
  }
  return parsed;
}
