/**
 * `yyyy-mm-dd`, `T` or a space, `hh:mm:ss`, optional fraction, then an optional zone `Z`, `±hh`, `±hhmm` or `±hh:mm`.
 * Day and month are exactly two digits, which is what rejects the docs' impossible `2018-08-016`.
 */
const VENDOR_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/**
 * The one parser behind every vendor time: `yyyy-mm-ddThh:mm:ss` (or a space instead of `T`), optional fractional
 * seconds, optional zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`). A written zone always wins; a time without one is read at
 * `zonelessOffsetMinutes` east of UTC, or is refused when that is `undefined` (its zone unknown). The machine's own
 * zone is never used. Impossible dates (`2018-02-30`, `24:00`, month 13) and anything else give `undefined`; never throws.
 */
export function parseVendorTime(value: unknown, zonelessOffsetMinutes?: number): Date | undefined {
  const m = typeof value === "string" ? VENDOR_TIME.exec(value.trim()) : null;
  if (m === null) return undefined;
  const [, day, time, fraction = "", zulu, sign, offsetHours = "0", offsetMinutes = "0"] = m;
  const offset =
    zulu !== undefined ? 0 : sign !== undefined ? (sign === "-" ? -1 : 1) * (+offsetHours * 60 + +offsetMinutes) : zonelessOffsetMinutes;
  if (offset === undefined || +offsetHours > 23 || +offsetMinutes > 59) return undefined;
  // The ISO form every engine parses (years 0-99 stay as written). Milliseconds: the first three fraction digits
  // (finer precision cannot be represented by Date).
  const utc = Date.parse(`${day}T${time}.${fraction.slice(0, 3).padEnd(3, "0")}Z`);
  // An impossible field (month 13, February 30, 24:00, 60 s) is refused or rolls over: then the time does not read
  // back as written.
  if (isNaN(utc) || new Date(utc).toISOString().slice(0, 19) !== `${day}T${time}`) return undefined;
  return new Date(utc - offset * 60_000);
}

/**
 * Parses the vendors' `link_expired_time` leniently: `yyyy-mm-ddThh:mm:ss` with optional fractional seconds and a
 * zone written `+0800`, `+08:00`, `+08` or `Z` (a space instead of `T` is accepted). Anything else, including an
 * impossible date such as the docs' `2018-08-016T10:15:14+0800` or `2018-02-30...`, gives `undefined`.
 * Never throws. A value without a zone is treated as unknown (its meaning is not documented).
 */
export function parseLinkExpiredTime(value: unknown): Date | undefined {
  return parseVendorTime(value);
}

/**
 * RDS v3 list times (`begin_time`, `end_time`): `2018-08-06T12:41:14+0800`, the offset without a colon as documented;
 * `+08:00` and `Z` are read too. A time without a zone is refused (`undefined`): RDS documents one on every time.
 */
export const parseRdsTime = parseLinkExpiredTime;

/**
 * DDS v3 list times (`2018-08-06 12:41:14`, documented as UTC) and DCS v2 list times (`2019-05-10T08:31:16.166Z` in
 * the doc example; `yyyy-mm-dd hh:mm:ss` UTC in another Huawei document): a time without a zone is UTC; a written
 * zone is honoured.
 */
export function parseUtcTime(value: unknown): Date | undefined {
  return parseVendorTime(value, 0);
}

/** Beijing time, UTC+8, in minutes east of UTC: the assumed zone of JD Cloud's zone-less times. */
export const JDCLOUD_ASSUMED_OFFSET_MINUTES = 8 * 60;

/**
 * JD Cloud RDS list times (`backupStartTime`, `backupEndTime`): documented as `YYYY-MM-DD HH:mm:ss`, shown as
 * `2020-01-07T15:14:07` in JD's example, neither with a zone. **Assumption, not confirmed by any JD document:** such a
 * time is Beijing time (UTC+8), the zone of JD Cloud's home regions. A written zone (`Z`, `+08:00`) is honoured.
 */
export function parseJdCloudTime(value: unknown): Date | undefined {
  return parseVendorTime(value, JDCLOUD_ASSUMED_OFFSET_MINUTES);
}

/** The vendors' `size` in kilobytes (KiB, 1024 bytes) as bytes; `undefined` for anything but a finite non-negative number. */
export function kilobytesToBytes(kilobytes: unknown): number | undefined {
  if (typeof kilobytes !== "number" || !Number.isFinite(kilobytes) || kilobytes < 0) return undefined;
  return Math.round(kilobytes * 1024);
}

/** A byte count as the vendors send it (DCS `size`, JD `backupSizeByte`); `undefined` for anything but a finite non-negative number. */
export function byteCount(bytes: unknown): number | undefined {
  return typeof bytes === "number" && Number.isFinite(bytes) && bytes >= 0 ? bytes : undefined;
}

/**
 * How a list operation writes a time in its query: the exact pattern it takes from a caller (with a rewrite into what
 * `parseVendorTime` reads), an example for error messages, and how a `Date` is written (always in UTC). One object
 * per format, so that a client bundles only its own.
 */
export interface QueryTimeFormat {
  pattern: RegExp;
  rewrite: string;
  example: string;
  format(date: Date): string;
}

/** `yyyy-mm-ddThh:mm:ss` and `yyyy-mm-dd hh:mm:ss` of a Date, in UTC. */
const utcParts = (date: Date): [string, string] => date.toISOString().slice(0, 19).split("T") as [string, string];

/** RDS v3 `begin_time`/`end_time`: `2018-08-06T10:41:14+0800` (a Date is written with `+0000`). */
export const RDS_QUERY_TIME: QueryTimeFormat = {
  pattern: /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4})$/,
  rewrite: "$1",
  example: "2018-08-06T10:41:14+0800",
  format: (date) => `${utcParts(date).join("T")}+0000`,
};

/** DDS v3 `begin_time`/`end_time`: `2018-08-06 10:41:14`, UTC. */
export const DDS_QUERY_TIME: QueryTimeFormat = {
  pattern: /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/,
  rewrite: "$1T$2Z",
  example: "2018-08-06 10:41:14",
  format: (date) => utcParts(date).join(" "),
};

/** DCS v2 `begin_time`/`end_time`: `yyyyMMddHHmmss`, UTC, e.g. `20170718235959`. */
export const DCS_QUERY_TIME: QueryTimeFormat = {
  pattern: /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/,
  rewrite: "$1-$2-$3T$4:$5:$6Z",
  example: "20180806104114",
  format: (date) => utcParts(date).join("").replace(/[-:]/g, ""),
};

/** A time written exactly in the query format `style`; `undefined` otherwise (an impossible date too). */
export function parseQueryTime(text: string, style: QueryTimeFormat): Date | undefined {
  return style.pattern.test(text) ? parseVendorTime(text.replace(style.pattern, style.rewrite)) : undefined;
}
