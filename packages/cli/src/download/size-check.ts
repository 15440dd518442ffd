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
