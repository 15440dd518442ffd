import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalQueryString, formatSigningDate, jdCloud2CanonicalUri, percentEncode, sdkCanonicalUri } from "../src/index.js";
import { wireUrl } from "../src/signers/canonical.js";
import { normaliseSignedHeaders } from "../src/signers/sdk-hmac.js";
import { rfc3986 } from "./helpers/reference-signers.js";

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
const utf8Compare = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
/** Well-formed strings over all of Unicode (no lone surrogates), ASCII-heavy so collisions and sorting get exercised. */
const text = fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.string({ maxLength: 8 }), fc.constantFrom("", " ", "a", "A", "+", "%", "=", "&"));
const pairs = fc.array(fc.tuple(text, text), { maxLength: 12 });

describe("percentEncode (every byte class)", () => {
  it("keeps each unreserved character", () => {
    for (const c of UNRESERVED) expect(percentEncode(c)).toBe(c);
  });

  it("encodes every other ASCII byte as %XX with upper-case hex", () => {
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code);
      if (UNRESERVED.includes(c)) continue;
      expect(percentEncode(c)).toBe(`%${code.toString(16).toUpperCase().padStart(2, "0")}`);
    }
    expect(percentEncode(" ")).toBe("%20");
  });

  it("encodes multi-byte UTF-8 byte by byte", () => {
    expect(percentEncode("ü")).toBe("%C3%BC");
    expect(percentEncode("一")).toBe("%E4%B8%80");
    expect(percentEncode("😀")).toBe("%F0%9F%98%80");
    expect(percentEncode("\uD800")).toBe("%EF%BF%BD"); // a lone surrogate is encoded as U+FFFD
  });

  it("matches the RFC 3986 oracle and decodes back for any well-formed string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const encoded = percentEncode(s);
        expect(encoded).toBe(rfc3986(s));
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(s);
      }),
    );
  });
});

describe("canonicalQueryString", () => {
  it("sorts keys, then values of a repeated key, and keeps every pair", () => {
    fc.assert(
      fc.property(pairs, (input) => {
        const out = canonicalQueryString(input);
        const parsed = out === "" ? [] : out.split("&").map((kv) => kv.split("=").map(decodeURIComponent) as [string, string]);
        expect(parsed.map(([k, v]) => `${k}\u0000${v}`).sort()).toEqual(input.map(([k, v]) => `${k}\u0000${v}`).sort());
        for (let i = 1; i < parsed.length; i++) {
          const [pk, pv] = parsed[i - 1]!;
          const [k, v] = parsed[i]!;
          const order = utf8Compare(pk, k);
          expect(order < 0 || (order === 0 && utf8Compare(pv, v) <= 0)).toBe(true);
        }
      }),
    );
  });

  it("does not depend on the input order", () => {
    fc.assert(
      fc.property(pairs, fc.infiniteStream(fc.nat()), (input, seeds) => {
        const shuffled = [...input];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(canonicalQueryString(shuffled)).toBe(canonicalQueryString(input));
      }),
    );
  });

  it("canonicalises a wire query the same as its decoded pairs, whatever the serializer", () => {
    fc.assert(
      fc.property(pairs, (input) => {
        const expected = canonicalQueryString(input);
        // URLSearchParams (form encoding, '+' for space) and openapi-fetch's encodeURIComponent style.
        expect(canonicalQueryString(new URLSearchParams(input).toString())).toBe(expected);
        expect(canonicalQueryString(input.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"))).toBe(expected);
        expect(canonicalQueryString(`?${input.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&")}`)).toBe(expected);
      }),
    );
  });

  it("handles empty values, keys without '=', empty parts and a bare '?'", () => {
    expect(canonicalQueryString("b=&a")).toBe("a=&b=");
    expect(canonicalQueryString("?&&a=1&&")).toBe("a=1");
    expect(canonicalQueryString("?")).toBe("");
    expect(canonicalQueryString("")).toBe("");
    expect(canonicalQueryString([["k", ""]])).toBe("k=");
  });

  it("sorts repeated keys by value and compares UTF-8 bytes, not UTF-16 units", () => {
    expect(canonicalQueryString("m=3&m=1&m=2&a=z")).toBe("a=z&m=1&m=2&m=3");
    // U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16 code units.
    expect(canonicalQueryString([["k", "😀"], ["k", "～"]])).toBe("k=%EF%BD%9E&k=%F0%9F%98%80");
  });

  it("gives the same result for unreserved-only wire text (its fast path) as for the decoded pairs (the byte path)", () => {
    const unreserved = fc.string({ unit: fc.constantFrom(...UNRESERVED), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(unreserved, unreserved), { maxLength: 10 }), (list) => {
        const wire = list.map(([key, value]) => `${key}=${value}`).join("&");
        expect(canonicalQueryString(wire)).toBe(canonicalQueryString(list));
        expect(canonicalQueryString(`?${wire}`)).toBe(canonicalQueryString(list));
      }),
    );
    expect(canonicalQueryString("backup_id=b2&instance_id=i1&a=")).toBe("a=&backup_id=b2&instance_id=i1");
    expect(canonicalQueryString("k=b&k=a&K=c")).toBe("K=c&k=a&k=b");
  });

  it("gives the byte path's result for unreserved wire text with bare keys, empty parts, prefix keys and long queries", () => {
    const key = fc.oneof(fc.constantFrom("a", "a-b", "a.b", "a~", "b", "B", "-", "_"), fc.string({ unit: fc.constantFrom(...UNRESERVED), maxLength: 3 }));
    const part = fc.oneof(
      fc.tuple(key, fc.string({ unit: fc.constantFrom(...UNRESERVED), maxLength: 3 })).map(([k, v]) => `${k}=${v}`),
      key,
      fc.constant(""),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), (parts) => {
        const wire = parts.join("&");
        const decoded = parts.filter((p) => p !== "").map((p) => (p.includes("=") ? (p.split("=") as [string, string]) : ([p, ""] as [string, string])));
        expect(canonicalQueryString(wire)).toBe(canonicalQueryString(decoded));
      }),
      { numRuns: 500 },
    );
    expect(canonicalQueryString("a-b=1&a=2&a")).toBe("a=&a=2&a-b=1");
    expect(canonicalQueryString("x=a=b")).toBe("x=a%3Db");
    const many = Array.from({ length: 40 }, (_, i) => `k${String(39 - i).padStart(2, "0")}=v`).join("&");
    expect(canonicalQueryString(many)).toBe(Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, "0")}=v`).join("&"));
  });

  it("keeps a literal '%' that is not an escape and decodes '+' as a space", () => {
    expect(canonicalQueryString("a=100%&b=%zz&c=x+y")).toBe("a=100%25&b=%25zz&c=x%20y");
  });
});

describe("wireUrl", () => {
  const parts = (url: string) => {
    const { host, pathname, search } = wireUrl(url);
    return { host, pathname, search };
  };
  const fromUrl = (url: string) => {
    const { host, pathname, search } = new URL(url);
    return { host, pathname, search };
  };

  it("reads host, path and query exactly as the URL parser does, shortcut or not", () => {
    const label = fc.oneof(fc.constantFrom("rds", "eu-de", "t-systems", "com", "0x7f", "1", "010", "xn--abc", "EU", "a-", "-a"), fc.string({ unit: fc.constantFrom(..."abz09-"), minLength: 1, maxLength: 4 }));
    const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));
    const segment = fc.oneof(fc.constantFrom("", ".", "..", "v3", "a:b", "%41", "A~b_c-d.e"), fc.string({ unit: fc.constantFrom(...UNRESERVED), maxLength: 4 }));
    const path = fc.array(segment, { maxLength: 4 }).map((segments) => segments.map((s) => `/${s}`).join(""));
    const query = fc.oneof(fc.constant(""), fc.constant("?"), fc.string({ unit: fc.constantFrom(..."ab_=&~.-%"), maxLength: 8 }).map((q) => `?${q}`));
    const port = fc.constantFrom("", ":443", ":8443", ":80");
    fc.assert(
      fc.property(fc.constantFrom("https", "http"), host, port, path, query, fc.constantFrom("", "#f"), (scheme, h, p, pa, q, f) => {
        const url = `${scheme}://${h}${p}${pa}${q}${f}`;
        let expected: ReturnType<typeof fromUrl> | undefined;
        try {
          expected = fromUrl(url);
        } catch {
          expect(() => wireUrl(url)).toThrow(TypeError);
          return;
        }
        expect(parts(url)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    expect(parts("https://rds.eu-de.otc.t-systems.com/v3/p/backups/download-file?instance_id=i&backup_id=b")).toEqual({
      host: "rds.eu-de.otc.t-systems.com",
      pathname: "/v3/p/backups/download-file",
      search: "?instance_id=i&backup_id=b",
    });
    expect(parts("https://0x7f.1/a/./b/../c?")).toEqual({ host: "127.0.0.1", pathname: "/a/c", search: "" });
    expect(parts("https://Host.example:443")).toEqual({ host: "host.example", pathname: "/", search: "" });
  });
});

describe("sdkCanonicalUri", () => {
  it("appends the trailing slash exactly once", () => {
    expect(sdkCanonicalUri("/v3/pid/backup-files")).toBe("/v3/pid/backup-files/");
    expect(sdkCanonicalUri("/v3/pid/backup-files/")).toBe("/v3/pid/backup-files/");
    expect(sdkCanonicalUri("/")).toBe("/");
    expect(sdkCanonicalUri("")).toBe("/");
  });

  it("re-encodes each decoded segment (':' and spaces alike)", () => {
    expect(sdkCanonicalUri("/a:b/c%20d/e f")).toBe("/a%3Ab/c%20d/e%20f/");
    expect(sdkCanonicalUri("/%7euser/%2525")).toBe("/~user/%2525/");
  });

  it("decodes the whole path before splitting it, as Huawei's Python SDK signer does: %2F is a separator", () => {
    // huaweicloud-sdk-python-v3 sends a path parameter "a/b" as "a%2Fb" (quote, safe='') and its signer computes
    // CanonicalURI from unquote(path).split('/'); the Go SDK sends "a/b" literally. Both sign "/a/b/".
    expect(sdkCanonicalUri("/v3/pid/backups/a%2Fb")).toBe("/v3/pid/backups/a/b/");
    expect(sdkCanonicalUri("/v3/pid/backups/a/b")).toBe("/v3/pid/backups/a/b/");
    expect(sdkCanonicalUri("/%7euser/%2F")).toBe("/~user//");
    expect(sdkCanonicalUri("/x%2f%E4%B8%80")).toBe("/x/%E4%B8%80/");
  });

  it("equals the RFC 3986 encoding of the decoded path's segments (Huawei's Python SDK signer), for any segments", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", minLength: 1 }), { minLength: 1, maxLength: 5 }), (segments) => {
        const wire = `/${segments.map(encodeURIComponent).join("/")}`;
        const expected = `/${segments.join("/").split("/").map(rfc3986).join("/")}`;
        const result = sdkCanonicalUri(wire);
        expect(result).toBe(expected.endsWith("/") ? expected : `${expected}/`);
        if (!segments.some((segment) => segment.includes("/"))) expect(result.endsWith("//")).toBe(false);
      }),
    );
  });
});

describe("jdCloud2CanonicalUri: the path exactly as sent", () => {
  it("keeps ':' literal when it is sent literally and %3A when sent encoded", () => {
    const url = new URL("https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups/b-1:describeBackupDownloadURL");
    expect(jdCloud2CanonicalUri(url.pathname)).toBe("/v1/regions/cn-north-1/backups/b-1:describeBackupDownloadURL");
    expect(jdCloud2CanonicalUri("/v1/resource%3Aaction")).toBe("/v1/resource%3Aaction");
    expect(jdCloud2CanonicalUri("")).toBe("/");
  });

  it("is the identity on any pathname a URL produces", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { maxLength: 4 }), (segments) => {
        const pathname = new URL(`https://h/${segments.map(encodeURIComponent).join("/")}`).pathname;
        expect(jdCloud2CanonicalUri(pathname)).toBe(pathname);
      }),
    );
  });
});

describe("formatSigningDate", () => {
  it("formats UTC as YYYYMMDDTHHMMSSZ, zero-padded", () => {
    expect(formatSigningDate(new Date(Date.UTC(2026, 0, 5, 3, 4, 5, 999)))).toBe("20260105T030405Z");
    expect(formatSigningDate(new Date(Date.UTC(2026, 11, 31, 23, 59, 59)))).toBe("20261231T235959Z");
    expect(formatSigningDate(new Date("0999-02-03T04:05:06Z"))).toBe("09990203T040506Z");
  });

  it("equals the ISO-8601 basic form of any date in years 0-9999", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (date) => {
        expect(formatSigningDate(date)).toBe(date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, ""));
      }),
    );
  });

  it("throws on an invalid date instead of signing with garbage", () => {
    expect(() => formatSigningDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("normaliseSignedHeaders", () => {
  it("equals trim + lower-case + de-duplicate + sort for any list, including already normalised ones", () => {
    const name = fc.oneof(fc.constantFrom("host", "Host", " x-sdk-date", "content-type", "x-project-id", "X-Project-Id", ""), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), fc.boolean(), (names, presort) => {
        const input = presort ? [...new Set(names)].sort() : names;
        expect(normaliseSignedHeaders(input)).toEqual([...new Set(input.map((n) => n.trim().toLowerCase()))].sort());
      }),
    );
    expect(normaliseSignedHeaders(["content-type", "host", "x-sdk-date"])).toEqual(["content-type", "host", "x-sdk-date"]);
    expect(normaliseSignedHeaders(["X-Sdk-Date", "host", "host "])).toEqual(["host", "x-sdk-date"]);
  });
});
