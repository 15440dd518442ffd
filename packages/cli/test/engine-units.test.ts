import { describe, expect, it } from "vitest";
import { createDispatcher, proxyLabel, proxySettings } from "../src/download/http.js";
import { changedReason, identityFrom, md5Check, pinHeaders } from "../src/download/object-identity.js";
import { encodeDone } from "../src/download/part-state.js";
import { DownloadError, RetryableError } from "../src/download/errors.js";
import { LinkSource } from "../src/download/link-source.js";
import { PartRetries } from "../src/download/part-retries.js";
import { PositionalSink, SINK_WRITE_BYTES } from "../src/download/file-sink.js";
import type { FileHandle } from "node:fs/promises";
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

describe("part retries (ranged parts and --out - windows share them)", () => {
  const links = new LinkSource({ name: "f.bak", url: "http://127.0.0.1:1/f.bak?sig=SECRET" }, { maxLinkRefreshes: 3, now: () => 0 });
  const policy = { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 };

  it("announces each retry with the part, resets on progress, and gives up on the last attempt with the HTTP status", async () => {
    const events: unknown[] = [];
    const retries = new PartRetries({ name: "f.bak", policy, links, onEvent: (event) => events.push(event), part: 2 });
    await retries.afterFailure(new RetryableError("HTTP 503 from 127.0.0.1:1/f.bak", { status: 503 }), false);
    await retries.afterFailure(new RetryableError("connection lost"), true); // progress: counts from 1 again
    await retries.afterFailure(new RetryableError("connection lost"), false);
    const giveUp = await retries.afterFailure(new RetryableError("HTTP 503 from 127.0.0.1:1/f.bak", { status: 503 }), false).catch((error: unknown) => error);
    expect(events).toEqual([
      { type: "retry", file: "f.bak", attempt: 2, maxAttempts: 3, delayMs: 0, reason: "HTTP 503 from 127.0.0.1:1/f.bak", part: 2 },
      { type: "retry", file: "f.bak", attempt: 2, maxAttempts: 3, delayMs: 0, reason: "connection lost", part: 2 },
      { type: "retry", file: "f.bak", attempt: 3, maxAttempts: 3, delayMs: 0, reason: "connection lost", part: 2 },
    ]);
    expect(giveUp).toBeInstanceOf(DownloadError);
    expect(giveUp).toMatchObject({ code: "HTTP_STATUS", status: 503, file: "f.bak", message: "f.bak: giving up after 3 attempts: HTTP 503 from 127.0.0.1:1/f.bak" });
  });

  it("a network failure gives up as NETWORK, without a status, and a window of --out - has no part number", async () => {
    const events: Array<Record<string, unknown>> = [];
    const retries = new PartRetries({ name: "f.bak", policy: { ...policy, attempts: 2 }, links, onEvent: (event) => events.push(event as never) });
    await retries.afterFailure(new RetryableError("connection lost"), false);
    const giveUp = await retries.afterFailure(new RetryableError("connection lost"), false).catch((error: unknown) => error);
    expect(events).toEqual([{ type: "retry", file: "f.bak", attempt: 2, maxAttempts: 2, delayMs: 0, reason: "connection lost" }]);
    expect(giveUp).toMatchObject({ code: "NETWORK", status: undefined, message: "f.bak: giving up after 2 attempts: connection lost" });
  });
});

describe("positional sink", () => {
  it("gathers 64 KiB chunks into 512 KiB positional writes, then writes the rest when the body ends", async () => {
    const writes: Array<{ position: number; bytes: number; buffers: number }> = [];
    const file = {
      writev: async (buffers: Buffer[], position: number) => {
        const bytes = buffers.reduce((sum, b) => sum + b.length, 0);
        writes.push({ position, bytes, buffers: buffers.length });
        return { bytesWritten: bytes, buffers };
      },
    } as unknown as FileHandle;
    const seen: number[] = [];
    const sink = new PositionalSink(file, 1000, (position) => seen.push(position));
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (let i = 0; i < 17; i++) if (!sink.write(chunk)) await new Promise((resolve) => sink.once("drain", resolve));
    await new Promise<void>((resolve, reject) => sink.end((error?: Error | null) => (error ? reject(error) : resolve())));
    expect(SINK_WRITE_BYTES).toBe(512 * 1024);
    expect(writes).toEqual([
      { position: 1000, bytes: 524_288, buffers: 8 },
      { position: 525_288, bytes: 524_288, buffers: 8 },
      { position: 1_049_576, bytes: 65_536, buffers: 1 },
    ]);
    expect(sink.written).toBe(17 * 65_536);
    expect(seen).toEqual(Array.from({ length: 17 }, (_, i) => 1000 + i * 65_536));
  });

  it("fails with EIO instead of looping when a write takes no bytes", async () => {
    const file = { writev: async () => ({ bytesWritten: 0, buffers: [] }) } as unknown as FileHandle;
    const sink = new PositionalSink(file, 0, () => undefined);
    const failed = new Promise<NodeJS.ErrnoException>((resolve) => sink.once("error", resolve));
    sink.end(Buffer.alloc(10));
    expect(await failed).toMatchObject({ code: "EIO", syscall: "write", message: "the file took no bytes (EIO)" });
    expect(sink.written).toBe(0);
  });
});
