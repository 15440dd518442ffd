import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CORE_VERSION, ValidationError, requireDigits, requireId, requireInteger, requireOneOf, requireProductTokens } from "../src/index.js";

function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("requireId", () => {
  it("accepts and returns ids", () => {
    expect(requireId("backupId", "a1b2-c3")).toBe("a1b2-c3");
    expect(requireId("fileName", "my db.bak")).toBe("my db.bak");
  });
  it.each(["", " x", "x ", "x\n", "\t", 1, null, undefined, ["x"]])("rejects %j", (value) => {
    const e = thrown(() => requireId("backupId", value));
    expect(e.message).toBe("backupId: must be a non-empty string without surrounding whitespace");
    expect([e.field, e.rule]).toEqual(["backupId", "must be a non-empty string without surrounding whitespace"]);
  });
});

describe("requireId: well-formed Unicode", () => {
  it("accepts any well-formed text, astral characters included", () => {
    expect(requireId("backupId", "bü一😀")).toBe("bü一😀");
  });
  // encodeURIComponent (openapi-fetch's path and query serializer) throws a bare "URIError: URI malformed" for these.
  it.each(["a\uD800b", "\uDC00x", "x\uD83D", "\uDE00\uD83D"])("rejects a lone surrogate in %j, naming the field", (value) => {
    const e = thrown(() => requireId("backupId", value));
    expect(e.message).toBe("backupId: must be valid Unicode");
    expect([e.field, e.rule]).toEqual(["backupId", "must be valid Unicode"]);
  });
});

describe("requireInteger", () => {
  it("accepts the bounds", () => {
    expect(requireInteger("expiration", 300, 300, 86400)).toBe(300);
    expect(requireInteger("expiration", 86400, 300, 86400)).toBe(86400);
  });
  it.each([299, 86401, 1800.5, Number.NaN, "1800", null, undefined])("rejects %j", (value) => {
    expect(thrown(() => requireInteger("expiration", value, 300, 86400)).message).toBe("expiration: must be an integer from 300 to 86400");
  });
});

describe("requireDigits", () => {
  it("returns the string form", () => {
    expect(requireDigits("urlExpirationSecond", "300", 1, 86400)).toBe("300");
    expect(requireDigits("urlExpirationSecond", 86400, 1, 86400)).toBe("86400");
    expect(requireDigits("urlExpirationSecond", "1", 1, 86400)).toBe("1");
  });
  it.each(["0", "86401", "-1", "+5", "05", "1e3", "3.0", " 30", "", 1.5, -3, null])("rejects %j", (value) => {
    expect(thrown(() => requireDigits("urlExpirationSecond", value, 1, 86400)).message).toBe(
      "urlExpirationSecond: must be a string of digits from 1 to 86400",
    );
  });
});

describe("requireOneOf", () => {
  it("accepts members", () => {
    expect(requireOneOf("language", "zh-cn", ["en-us", "zh-cn"])).toBe("zh-cn");
  });
  it.each(["EN-US", "", undefined, 1])("rejects %j", (value) => {
    expect(thrown(() => requireOneOf("language", value, ["en-us", "zh-cn"])).message).toBe("language: must be one of en-us, zh-cn");
  });
});

describe("CORE_VERSION", () => {
  it("equals package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(CORE_VERSION).toBe(pkg.version);
  });
});

describe("requireProductTokens", () => {
  it.each(["my-app/1.0", "my-app/1.0 (nightly) other/2"])("accepts %j", (value) => {
    expect(requireProductTokens("userAgent", value)).toBe(value);
  });
  it.each(["", " a/1", "a/1 ", "a/1  b/2", "a/1\r\nX-Evil: 1", "ä/1", 42])("refuses %j", (value) => {
    expect(() => requireProductTokens("userAgent", value)).toThrow(
      new ValidationError("userAgent", "must be product tokens of visible ASCII characters, e.g. my-app/1.0"),
    );
  });
});
