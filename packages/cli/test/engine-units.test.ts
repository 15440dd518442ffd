import { describe, expect, it } from "vitest";
import { createDispatcher, proxyLabel, proxySettings } from "../src/download/http.js";
import { changedReason, identityFrom, md5Check, pinHeaders } from "../src/download/object-identity.js";
import { encodeDone } from "../src/download/part-state.js";
import { JsonReporter } from "../src/progress/json.js";
import { PlainReporter } from "../src/progress/plain.js";
import { renderBar } from "../src/progress/tty.js";

describe("object identity", () => {
  it("pins ranges with If-Match (strong ETag), else If-Unmodified-Since, else nothing", () => {
    expect(pinHeaders({ etag: '"abc"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" })).toEqual({ "if-match": '"abc"' });
    expect(pinHeaders({ etag: 'W/"abc"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" })).toEqual({ "if-unmodified-since": "Tue, 01 Dec 2026 10:00:00 GMT" });
    expect(pinHeaders({ etag: undefined, lastModified: undefined })).toEqual({});
  });

  it("tells a plain MD5 ETag from a multipart, encrypted, weak or missing one", () => {
    const md5 = "d41d8cd98f00b204e9800998ecf8427e";
    expect(md5Check(identityFrom({ etag: `"${md5}"` }, 0))).toEqual({ md5, source: "ETag" });
    expect(md5Check(identityFrom({ etag: `"${md5.toUpperCase()}"` }, 0))).toEqual({ md5, source: "ETag" });
    expect(md5Check(identityFrom({ etag: '"03f814825e5a691489b947a2e120b2d3-3"' }, 0))).toEqual({ md5: undefined, reason: "multipart ETag" });
    expect(md5Check(identityFrom({ etag: `"${md5}"`, "x-obs-server-side-encryption": "kms" }, 0))).toEqual({
      md5: undefined,
      reason: "server-side encrypted object (its ETag is not an MD5)",
    });
    expect(md5Check(identityFrom({ etag: `"${md5}"`, "x-amz-server-side-encryption": "AES256" }, 0))).toMatchObject({ md5: undefined });
    expect(md5Check(identityFrom({}, 0))).toEqual({ md5: undefined, reason: "no ETag" });
    expect(md5Check(identityFrom({ etag: '"v1"' }, 0))).toEqual({ md5: undefined, reason: "the ETag is not an MD5" });
    // obsutil's metadata (base64 MD5) wins over an ETag that cannot be checked.
    expect(md5Check(identityFrom({ etag: '"x-2"', "x-obs-meta-md5chksum": "1B2M2Y8AsgTpgAmY7PhCfg==" }, 0))).toEqual({ md5, source: "x-obs-meta-md5chksum" });
  });

  it("names what changed between two answers", () => {
    const seen = { totalBytes: 10, etag: '"a"', lastModified: "Tue, 01 Dec 2026 10:00:00 GMT" };
    expect(changedReason(seen, { etag: '"a"' }, 10)).toBeUndefined();
    expect(changedReason(seen, { etag: '"b"' }, 10)).toBe("its ETag changed");
    expect(changedReason(seen, { "last-modified": "Wed, 02 Dec 2026 10:00:00 GMT" }, 10)).toBe("its Last-Modified date changed");
    expect(changedReason(seen, {}, 11)).toBe("its length changed from 10 to 11 bytes");
  });

  it("encodes the done bitmap of the state file", () => {
    expect(encodeDone([true, false, true, false, false, false, false, false, true])).toBe(Buffer.from([0b101, 0b1]).toString("base64"));
  });
});

describe("proxy settings", () => {
  it("reads the variables in either case (lower case first), and an explicit proxy overrides them", () => {
    expect(proxySettings({ env: { HTTPS_PROXY: "http://a:1", https_proxy: "http://b:2", NO_PROXY: "x" } })).toEqual({
      httpProxy: "",
      httpsProxy: "http://b:2",
      noProxy: "x",
    });
    expect(proxySettings({ env: { HTTP_PROXY: "http://c:3" } })).toEqual({ httpProxy: "http://c:3", httpsProxy: "", noProxy: "" });
    expect(proxySettings({ proxy: "http://d:4", env: { HTTP_PROXY: "http://c:3", NO_PROXY: "*" } })).toEqual({
      httpProxy: "http://d:4",
      httpsProxy: "http://d:4",
      noProxy: "",
    });
  });

  it("labels a proxy without its credentials and refuses an unusable one without echoing it", () => {
    expect(proxyLabel("http://user:secret@proxy.example:3128")).toBe("http://proxy.example:3128");
    expect(() => proxyLabel("ftp://user:secret@proxy")).toThrow("the proxy URL scheme ftp: is not supported (use http, https or socks5)");
    expect(() => createDispatcher({ connections: 1, idleTimeoutMs: 1000, env: { HTTPS_PROXY: "not a url secret" } })).toThrow(
      "the proxy is not a URL (expected http://host:port, https://... or socks5://...)",
    );
  });
});

describe("progress with connections and parts", () => {
  it("a bar shows connections and parts; plain lines name them", () => {
    const line = renderBar({ name: "big.qp", bytes: 512 * 1024 * 1024, total: 1024 * 1024 * 1024, rate: 64 * 1024 * 1024, connections: 4, partsDone: 7, parts: 16 }, 120);
    expect(line).toBe("big.qp                          [##########----------]   50%  512 MiB/1.00 GiB  64.0 MiB/s  ETA 0:08  4 conn  7/16 parts");
    expect(line.length).toBe(120);
    const lines: string[] = [];
    let now = 0;
    const plain = new PlainReporter((text) => lines.push(text), 10_000, () => now);
    plain.onEvent({ type: "start", file: "big.qp", path: "/o/big.qp", totalBytes: 1024 ** 3, resumeFrom: 0, connections: 4, parts: 16, partsDone: 0 });
    now = 10_000;
    plain.onEvent({ type: "progress", file: "big.qp", bytes: 512 * 1024 ** 2, totalBytes: 1024 ** 3, connections: 4, partsDone: 7, parts: 16 });
    expect(lines).toEqual([
      "big.qp: downloading 1.00 GiB over 4 connections, 16 parts (0 on disk)",
      "big.qp: 50% (512 MiB of 1.00 GiB, 51.2 MiB/s, ETA 0:10, 7/16 parts, 4 connections)",
    ]);
  });

  it("JSON progress carries the rate and the time left", () => {
    const lines: string[] = [];
    let now = 1_000_000;
    const json = new JsonReporter((text) => lines.push(text), 1_000, () => now);
    json.onEvent({ type: "start", file: "a", path: "/o/a", totalBytes: 3_000_000, resumeFrom: 0, connections: 4, parts: 1, partsDone: 0 });
    now += 2_000;
    json.onEvent({ type: "progress", file: "a", bytes: 1_000_000, totalBytes: 3_000_000, connections: 4, partsDone: 0, parts: 1 });
    expect(JSON.parse(lines[1]!)).toEqual({
      type: "progress",
      file: "a",
      bytes: 1_000_000,
      totalBytes: 3_000_000,
      connections: 4,
      partsDone: 0,
      parts: 1,
      bytesPerSecond: 500_000,
      secondsLeft: 4,
      time: new Date(1_002_000).toISOString(),
    });
  });
});
