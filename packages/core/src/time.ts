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
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1 || day > daysInMonth) return undefined;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offH = Number(oh), offM = Number(om ?? "0");
    if (offH > 23 || offM > 59) return undefined;
    offsetMinutes = (sign === "-" ? -1 : 1) * (offH * 60 + offM);
  }
  // Milliseconds: the first three fraction digits (finer precision cannot be represented by Date).
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

/** The vendors' `size` in kilobytes (KiB, 1024 bytes) as bytes; `undefined` for anything but a finite non-negative number. */
export function kilobytesToBytes(kilobytes: unknown): number | undefined {
  if (typeof kilobytes !== "number" || !Number.isFinite(kilobytes) || kilobytes < 0) return undefined;
  return Math.round(kilobytes * 1024);
}
