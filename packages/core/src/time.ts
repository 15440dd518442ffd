/**
 * `yyyy-mm-dd`, `T` or a space, `hh:mm:ss`, optional fraction, zone `Z`, `±hh`, `±hhmm` or `±hh:mm`.
 * Day and month are exactly two digits, which is what rejects the docs' impossible `2018-08-016`.
 */
const LINK_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;

/**
 * Parses the vendors' `link_expired_time` leniently: `yyyy-mm-ddThh:mm:ss` with optional fractional seconds and a
 * zone written `+0800`, `+08:00`, `+08` or `Z` (a space instead of `T` is accepted). Anything else, including an
 * impossible date such as the docs' `2018-08-016T10:15:14+0800` or `2018-02-30...`, gives `undefined`.
 * Never throws. A value without a zone is treated as unknown (its meaning is not documented).
 */
export function parseLinkExpiredTime(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const m = LINK_TIME.exec(value.trim());
  if (m === null) return undefined;
  const [, year, ...rest] = m;
  const [month, day, hour, minute, second] = rest.slice(0, 5).map(Number) as [number, number, number, number, number];
  const [fraction = "0", zulu, sign, offsetHours = "0", offsetMinutes = "0"] = rest.slice(5);
  if (+offsetHours > 23 || +offsetMinutes > 59) return undefined;
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999. Milliseconds: the first three fraction
  // digits (finer precision cannot be represented by Date).
  const date = new Date(0);
  date.setUTCFullYear(Number(year), month - 1, day);
  date.setUTCHours(hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, "0")));
  // Out-of-range fields roll over (month 13, February 30, 24:00, 60 s): a field that does not read back as written
  // means an impossible date.
  const readBack = [date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  if (readBack.join() !== [month, day, hour, minute, second].join()) return undefined;
  const offset = zulu === undefined ? (sign === "-" ? -1 : 1) * (+offsetHours * 60 + +offsetMinutes) : 0;
  return new Date(date.getTime() - offset * 60_000);
}

/** The vendors' `size` in kilobytes (KiB, 1024 bytes) as bytes; `undefined` for anything but a finite non-negative number. */
export function kilobytesToBytes(kilobytes: unknown): number | undefined {
  if (typeof kilobytes !== "number" || !Number.isFinite(kilobytes) || kilobytes < 0) return undefined;
  return Math.round(kilobytes * 1024);
}
