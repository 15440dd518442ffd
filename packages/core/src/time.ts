/**
 * Parses the vendors' `link_expired_time` leniently: `yyyy-mm-ddThh:mm:ss` with optional fractional seconds and a
 * zone written `+0800`, `+08:00`, `+08` or `Z` (a space instead of `T` is accepted). Anything else, including an
 * impossible date such as the docs' `2018-08-016T10:15:14+0800`, gives `undefined`. Never throws.
 * A value without a zone is treated as unknown (its meaning is not documented).
 */
export function parseLinkExpiredTime(value: unknown): Date | undefined {
  throw new Error("not implemented");
}

/** The vendors' `size` in kilobytes (KiB, 1024 bytes) as bytes; `undefined` for anything but a finite non-negative number. */
export function kilobytesToBytes(kilobytes: unknown): number | undefined {
  throw new Error("not implemented");
}
