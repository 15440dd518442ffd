import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kilobytesToBytes, parseLinkExpiredTime } from "../src/index.js";

describe("parseLinkExpiredTime", () => {
  it.each([
    ["2018-08-16T10:15:14+0800", 1534385714000],
    ["2018-08-16T10:15:14+08:00", 1534385714000],
    ["2018-08-16T10:15:14+08", 1534385714000],
    ["2018-08-16T02:15:14Z", 1534385714000],
    ["2018-08-16T02:15:14z", 1534385714000],
    ["2018-08-16T02:15:14+0000", 1534385714000],
    ["2018-08-16T02:15:14-0000", 1534385714000],
    ["2018-08-15T21:15:14-0500", 1534385714000],
    ["2018-08-16T07:45:14+05:30", 1534385714000],
    ["2018-08-16 10:15:14+0800", 1534385714000],
    ["2018-08-16T02:15:14.5Z", 1534385714500],
    ["2018-08-16T02:15:14.123456789Z", 1534385714123],
    ["2018-08-16T10:15:14.250+0800", 1534385714250],
    ["  2024-02-29T00:00:00Z ", 1709164800000],
    ["0099-01-01T00:00:00Z", -59042995200000],
  ])("%s -> %i", (input, epoch) => {
    expect(parseLinkExpiredTime(input)?.getTime()).toBe(epoch);
  });

  it.each([
    "2018-08-016T10:15:14+0800", // the vendors' own doc example
    "2018-08-16T10:15:14", // no zone
    "2018-02-30T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2018-13-01T00:00:00Z",
    "2018-00-10T00:00:00Z",
    "2018-08-00T00:00:00Z",
    "2018-08-16T24:00:00Z",
    "2018-08-16T10:60:00Z",
    "2018-08-16T10:15:60Z",
    "2018-08-16T10:15:14+2400",
    "2018-08-16T10:15:14+08:60",
    "2018-08-16",
    "1534385714",
    "",
    "yesterday",
  ])("%j -> undefined", (input) => {
    expect(parseLinkExpiredTime(input)).toBeUndefined();
  });

  it("non-strings give undefined", () => {
    for (const v of [undefined, null, 1534385714000, {}, [], new Date()]) expect(parseLinkExpiredTime(v)).toBeUndefined();
  });

  it("never throws, and round-trips every ISO instant in any offset format", () => {
    fc.assert(fc.property(fc.string(), (s) => void parseLinkExpiredTime(s)));
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        fc.constantFrom("compact", "colon"),
        (date, offset, style) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? "-" : "+";
          const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
          const mm = String(Math.abs(offset) % 60).padStart(2, "0");
          const zone = style === "compact" ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
          expect(parseLinkExpiredTime(`${local}${zone}`)?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});

describe("kilobytesToBytes", () => {
  it.each([
    [0, 0],
    [1, 1024],
    [2803, 2870272],
    [1.5, 1536],
    [8_000_000_000, 8_192_000_000_000],
  ])("%d KB -> %d bytes", (kb, bytes) => {
    expect(kilobytesToBytes(kb)).toBe(bytes);
  });
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, "1024", undefined, null])("%j -> undefined", (v) => {
    expect(kilobytesToBytes(v)).toBeUndefined();
  });
});
