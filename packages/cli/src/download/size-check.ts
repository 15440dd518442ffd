import { parseContentLength } from "./content-range.js";
import { DownloadError } from "./errors.js";

/**
 * How far the real length may be from a documented size. RDS and DDS document `size` in kilobytes (KiB) without
 * saying whether it was rounded down, to nearest or up, so `sizeBytes = size_kb * 1024` can be off by up to 1023
 * bytes either way. The check still catches a wrong object, an error page or a truncated upload.
 */
export const DEFAULT_SIZE_TOLERANCE_BYTES = 1023;

/** True when `actual` is compatible with the documented size (or nothing was documented). */
export function matchesDocumentedSize(
  actual: number,
  documented: number | undefined,
  toleranceBytes: number = DEFAULT_SIZE_TOLERANCE_BYTES,
): boolean {
  if (documented === undefined) return true;
  return Math.abs(actual - documented) <= toleranceBytes;
}

/**
 * The refusal for a whole-object answer whose end cannot be told from a cut connection: neither a Content-Length
 * nor a chunked body (the connection's close ends it) and no documented size to compare the bytes with. Undefined
 * when the answer can be checked.
 */
export function unverifiableBody(name: string, headers: Readonly<Record<string, string | undefined>>, documented: number | undefined): DownloadError | undefined {
  if (documented !== undefined || parseContentLength(headers["content-length"]) !== undefined) return undefined;
  if (/\bchunked\b/i.test(headers["transfer-encoding"] ?? "")) return undefined;
  return new DownloadError(
    "UNVERIFIABLE",
    `${name}: the server sent neither a length nor a chunked body, and the API documents no size; a complete file cannot be told from a cut one`,
    { file: name },
  );
}
