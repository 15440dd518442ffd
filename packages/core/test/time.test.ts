import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  byteCount,
  DCS_QUERY_TIME,
  DDS_QUERY_TIME,
  RDS_QUERY_TIME,
  kilobytesToBytes,
  parseJdCloudTime,
  parseLinkExpiredTime,
  parseQueryTime,
  parseRdsTime,
  parseUtcTime,
} from "../src/index.js";

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

describe("list times, under every machine zone", () => {
  // Node re-reads TZ when it is assigned: each zone below really changes what a local-time parser would do.
  const zones = ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati", "Europe/Berlin"];
  const saved = process.env.TZ;
  const underEachZone = (check: () => void) => {
    try {
      for (const zone of zones) {
        process.env.TZ = zone;
        check();
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  };

  it("the zones really differ (a local-time parse would move)", () => {
    const seen = new Set<number>();
    underEachZone(() => seen.add(new Date(2018, 7, 6, 12, 41, 14).getTime()));
    expect(seen.size).toBe(zones.length);
  });

  it("RDS: +0800, +08:00 and Z; no zone is refused", () => {
    underEachZone(() => {
      expect(parseRdsTime("2018-08-06T12:41:14+0800")?.toISOString()).toBe("2018-08-06T04:41:14.000Z");
      expect(parseRdsTime("2018-08-06T12:41:14+08:00")?.toISOString()).toBe("2018-08-06T04:41:14.000Z");
      expect(parseRdsTime("2018-08-06T04:41:14Z")?.toISOString()).toBe("2018-08-06T04:41:14.000Z");
      expect(parseRdsTime("2018-08-06T12:41:14")).toBeUndefined();
      expect(parseRdsTime("2018 - 08 - 06 T12: 41: 14 + 0800")).toBeUndefined();
    });
  });

  it("DDS and DCS: zone-less times are UTC; ISO with millis and a written zone are honoured", () => {
    underEachZone(() => {
      expect(parseUtcTime("2018-08-06 12:41:14")?.toISOString()).toBe("2018-08-06T12:41:14.000Z");
      expect(parseUtcTime("2019-05-10T08:31:16.166Z")?.toISOString()).toBe("2019-05-10T08:31:16.166Z");
      expect(parseUtcTime("2019-05-10 08:31:16")?.toISOString()).toBe("2019-05-10T08:31:16.000Z");
      expect(parseUtcTime("2019-05-10T16:31:16+08:00")?.toISOString()).toBe("2019-05-10T08:31:16.000Z");
      expect(parseUtcTime("2019-05-10")).toBeUndefined();
      expect(parseUtcTime({})).toBeUndefined();
    });
  });

  it("JD Cloud: zone-less times are read as Beijing time (UTC+8, an assumption), both documented shapes", () => {
    underEachZone(() => {
      expect(parseJdCloudTime("2020-01-07T15:14:07")?.toISOString()).toBe("2020-01-07T07:14:07.000Z");
      expect(parseJdCloudTime("2020-01-07 15:14:07")?.toISOString()).toBe("2020-01-07T07:14:07.000Z");
      expect(parseJdCloudTime("2020-01-07T07:14:07Z")?.toISOString()).toBe("2020-01-07T07:14:07.000Z");
      expect(parseJdCloudTime("2020-01-07T00:30:00")?.toISOString()).toBe("2020-01-06T16:30:00.000Z");
      expect(parseJdCloudTime("2020-02-30 00:00:00")).toBeUndefined();
    });
  });

  it("never throw on any string", () => {
    fc.assert(fc.property(fc.string(), (s) => void [parseUtcTime(s), parseJdCloudTime(s), parseRdsTime(s)]));
  });

  it("query times: written in UTC in each vendor's format, and read back only in that exact format", () => {
    underEachZone(() => {
      const date = new Date("2018-08-06T02:41:14.999Z");
      expect(RDS_QUERY_TIME.format(date)).toBe("2018-08-06T02:41:14+0000");
      expect(DDS_QUERY_TIME.format(date)).toBe("2018-08-06 02:41:14");
      expect(DCS_QUERY_TIME.format(date)).toBe("20180806024114");
      expect(parseQueryTime("2018-08-06T10:41:14+0800", RDS_QUERY_TIME)?.toISOString()).toBe("2018-08-06T02:41:14.000Z");
      expect(parseQueryTime("2018-08-06 02:41:14", DDS_QUERY_TIME)?.toISOString()).toBe("2018-08-06T02:41:14.000Z");
      expect(parseQueryTime("20180806024114", DCS_QUERY_TIME)?.toISOString()).toBe("2018-08-06T02:41:14.000Z");
      expect(parseQueryTime("2018-08-06T10:41:14+08:00", RDS_QUERY_TIME)).toBeUndefined();
      expect(parseQueryTime("2018-08-06T02:41:14", DDS_QUERY_TIME)).toBeUndefined();
      expect(parseQueryTime("20180806244114", DCS_QUERY_TIME)).toBeUndefined();
    });
  });
});

describe("byteCount", () => {
  it.each([[0, 0], [880232, 880232]])("%d -> %d", (value, bytes) => expect(byteCount(value)).toBe(bytes));
  it.each([-1, Number.NaN, "880232", null, undefined])("%j -> undefined", (value) => expect(byteCount(value)).toBeUndefined());
});
