import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { downloadFile, type DownloadFileOptions } from "../src/download/download-file.js";
import { DownloadAbortedError, DownloadError } from "../src/download/errors.js";
import type { DownloadEvent } from "../src/download/events.js";
import { fileServerPerTest, type FileServer } from "./helpers/file-server.js";
import { listDir, sha256File } from "./helpers/tmp.js";

const FAST_RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
const PART = 256 * 1024;
/** 5 parts of 256 KiB, the last one short. */
const SIZE = 4 * PART + 12_345;

let server: FileServer;
let out: string;
fileServerPerTest((started, dir) => {
  server = started;
  out = dir;
});

/** A ranged download of `key` in 256 KiB parts over 3 connections (the threshold is lowered to 0). */
function run(key: string, overrides: Partial<DownloadFileOptions> = {}) {
  const events: DownloadEvent[] = [];
  const promise = downloadFile({
    link: { name: key, url: server.link(key) },
    outDir: out,
    retry: FAST_RETRY,
    connections: 3,
    multiConnectionThresholdBytes: 0,
    partBytes: PART,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { events, promise };
}

const partRange = (index: number): string => `bytes=${index * PART}-${Math.min(SIZE, (index + 1) * PART) - 1}`;
const partRanges = [0, 1, 2, 3, 4].map(partRange);

describe("ranged downloads", () => {
  it("probes with bytes=0-0, fetches every part once with If-Match, and verifies the MD5 ETag", async () => {
    const file = server.addFile("parts.qp", SIZE);
    const { promise, events } = run("parts.qp");
    const result = await promise;
    expect(result).toMatchObject({ bytes: SIZE, status: "downloaded", sha256: file.sha256, md5Verified: true, connections: 3 });
    expect(await sha256File(path.join(out, "parts.qp"))).toBe(file.sha256);
    expect(await listDir(out)).toEqual(["parts.qp", "parts.qp.sha256"]);
    const requests = server.requestsFor("parts.qp");
    expect(requests[0]).toMatchObject({ range: "bytes=0-0", status: 206, ifMatch: undefined });
    expect(requests.slice(1).map((r) => r.range).sort()).toEqual([...partRanges].sort());
    for (const request of requests.slice(1)) expect(request).toMatchObject({ ifMatch: file.etag, status: 206 });
    expect(events[0]).toEqual({ type: "start", file: "parts.qp", path: path.join(out, "parts.qp"), totalBytes: SIZE, resumeFrom: 0, connections: 3, parts: 5, partsDone: 0 });
    expect(events.at(-1)).toMatchObject({ type: "done", sha256: file.sha256, md5Verified: true, verification: "MD5 matches the ETag" });
    expect(events.filter((e) => e.type === "progress").at(-1)).toMatchObject({ bytes: SIZE, totalBytes: SIZE, partsDone: 5, parts: 5 });
  });

  it("retries only the rest of a part whose connection dropped", async () => {
    const file = server.addFile("fault.qp", SIZE);
    file.faults.push({ kind: "drop", afterBytes: 100_000, onRange: partRange(2) });
    const { promise, events } = run("fault.qp");
    await promise;
    expect(await sha256File(path.join(out, "fault.qp"))).toBe(file.sha256);
    const partTwo = server.requestsFor("fault.qp").filter((r) => r.range?.endsWith(`-${3 * PART - 1}`));
    expect(partTwo).toHaveLength(2);
    expect(partTwo[0]).toMatchObject({ range: partRange(2), status: 206 });
    // The retry starts where the written bytes end (at most the 100 000 sent), not at the part's start.
    const retryStart = Number(/^bytes=(\d+)-/.exec(partTwo[1]!.range!)![1]);
    expect(retryStart).toBeGreaterThan(2 * PART);
    expect(retryStart).toBeLessThanOrEqual(2 * PART + 100_000);
    expect(partTwo[1]).toMatchObject({ ifMatch: file.etag, status: 206 });
    expect(events.filter((e) => e.type === "retry")).toEqual([expect.objectContaining({ type: "retry", part: 3, attempt: 2 })]);
  });

  it("fetches the last round in pieces, in file order, each pinned and checked (minPieceBytes)", async () => {
    const file = server.addFile("pieces.qp", SIZE);
    const { promise, events } = run("pieces.qp", { minPieceBytes: 64 * 1024 });
    const result = await promise;
    expect(result).toMatchObject({ bytes: SIZE, sha256: file.sha256, md5Verified: true, connections: 3 });
    expect(await sha256File(path.join(out, "pieces.qp"))).toBe(file.sha256);
    const requests = server.requestsFor("pieces.qp").slice(1);
    // Parts 1 and 2 whole; then at most 3 × 256 KiB is left: pieces of 128 KiB (256 KiB / 3, rounded up to 64 KiB).
    expect(requests.map((r) => r.range).sort()).toEqual(
      [
        "bytes=0-262143",
        "bytes=262144-524287",
        "bytes=524288-655359",
        "bytes=655360-786431",
        "bytes=786432-917503",
        "bytes=917504-1048575",
        "bytes=1048576-1060920",
      ].sort(),
    );
    for (const request of requests) expect(request).toMatchObject({ ifMatch: file.etag, status: 206 });
    expect(events.filter((e) => e.type === "progress").at(-1)).toMatchObject({ bytes: SIZE, partsDone: 5, parts: 5 });
  });

  it("keeps every connection busy on a file of fewer parts than connections", async () => {
    const file = server.addFile("two-parts.qp", 2 * PART);
    const { promise, events } = run("two-parts.qp", { connections: 4, minPieceBytes: 64 * 1024 });
    const result = await promise;
    expect(result).toMatchObject({ bytes: 2 * PART, sha256: file.sha256, connections: 4 });
    expect(events[0]).toMatchObject({ type: "start", connections: 4, parts: 2, partsDone: 0 });
    const pieces = Array.from({ length: 8 }, (_, i) => `bytes=${i * 65_536}-${(i + 1) * 65_536 - 1}`);
    expect(server.requestsFor("two-parts.qp").slice(1).map((r) => r.range).sort()).toEqual(pieces.sort());
  });

  it("reports the connections it really uses when the file makes fewer pieces than connections", async () => {
    const size = 300 * 1024;
    server.addFile("short.qp", size);
    const { promise, events } = run("short.qp", { connections: 4, partBytes: 1024 * 1024, minPieceBytes: 64 * 1024 });
    const result = await promise;
    // A quarter of the 1 MiB part is 256 KiB; the 44 KiB left after it is no piece of its own.
    expect(server.requestsFor("short.qp").slice(1).map((r) => r.range)).toEqual([`bytes=0-${size - 1}`]);
    expect(events[0]).toMatchObject({ type: "start", connections: 1, parts: 1 });
    expect(result.connections).toBe(1);
  });

  it("names the piece's bytes within its part when a piece's body ends early, and fetches the rest", async () => {
    const size = 2 * PART;
    const content = randomBytes(size);
    let cut = true;
    const origin = http.createServer((req, res) => {
      const [, first, last] = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "") ?? [];
      const start = Number(first);
      const end = Number(last);
      const headers = { etag: '"cut-2"', "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT", "content-range": `bytes ${start}-${end}/${size}` };
      const body = content.subarray(start, end + 1);
      if (start === 3 * 65_536 && cut) {
        // A close-delimited answer that stops after 1000 bytes: the body "ends" early without a socket error.
        cut = false;
        (res as unknown as { useChunkedEncodingByDefault: boolean }).useChunkedEncodingByDefault = false;
        res.writeHead(206, { ...headers, connection: "close" });
        res.end(body.subarray(0, 1000));
        return;
      }
      res.writeHead(206, { ...headers, "content-length": body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = origin.address() as AddressInfo;
      const events: DownloadEvent[] = [];
      const result = await downloadFile({
        link: { name: "cut.bin", url: `http://127.0.0.1:${port}/cut.bin?X-Sig=secret` },
        outDir: out,
        connections: 4,
        multiConnectionThresholdBytes: 0,
        partBytes: PART,
        minPieceBytes: 64 * 1024,
        retry: FAST_RETRY,
        onEvent: (event) => events.push(event),
      });
      expect(result.sha256).toBe(createHash("sha256").update(content).digest("hex"));
      expect(events.filter((e) => e.type === "retry")).toEqual([
        expect.objectContaining({ part: 1, attempt: 2, reason: "part 1, bytes 196608-262143: the body ended after 1000 of 65536 bytes" }),
      ]);
      expect(JSON.stringify(events)).not.toContain("X-Sig");
    } finally {
      origin.closeAllConnections();
      await new Promise((resolve) => origin.close(resolve));
    }
  });

  it("retries only the rest of a piece whose connection dropped, naming its part", async () => {
    const file = server.addFile("piece-fault.qp", SIZE);
    file.faults.push({ kind: "drop", afterBytes: 10_000, onRange: "bytes=917504-1048575" });
    const { promise, events } = run("piece-fault.qp", { minPieceBytes: 64 * 1024 });
    await promise;
    expect(await sha256File(path.join(out, "piece-fault.qp"))).toBe(file.sha256);
    const piece = server.requestsFor("piece-fault.qp").filter((r) => r.range?.endsWith("-1048575"));
    expect(piece).toHaveLength(2);
    const retryStart = Number(/^bytes=(\d+)-/.exec(piece[1]!.range!)![1]);
    expect(retryStart).toBeGreaterThan(917_504);
    expect(retryStart).toBeLessThanOrEqual(917_504 + 10_000);
    expect(events.filter((e) => e.type === "retry")).toEqual([expect.objectContaining({ type: "retry", part: 4, attempt: 2 })]);
  });

  it("refuses a part or piece size that is not a whole number of bytes, before any request", async () => {
    server.addFile("sizes.qp", SIZE);
    await expect(run("sizes.qp", { minPieceBytes: 0 }).promise).rejects.toThrow(new RangeError("minPieceBytes must be a whole number of bytes of at least 1, got 0"));
    await expect(run("sizes.qp", { partBytes: 1.5 }).promise).rejects.toThrow(new RangeError("partBytes must be a whole number of bytes of at least 1, got 1.5"));
    expect(server.requestsFor("sizes.qp")).toEqual([]);
  });

  it("falls back to one stream when the probe is answered with 200", async () => {
    const file = server.addFile("norange.qp", SIZE);
    file.faults.push({ kind: "ignore-range", onRange: "bytes=0-0" });
    const result = await run("norange.qp").promise;
    expect(result).toMatchObject({ connections: 1, sha256: file.sha256 });
    expect(server.requestsFor("norange.qp").map((r) => [r.range, r.status])).toEqual([
      ["bytes=0-0", 200],
      [undefined, 200],
    ]);
  });

  it("starts over when a part is answered with 200 (the object or the server changed)", async () => {
    const file = server.addFile("whole.qp", SIZE);
    file.faults.push({ kind: "ignore-range", onRange: partRange(3) });
    const { promise, events } = run("whole.qp", { connections: 2 });
    await promise;
    expect(await sha256File(path.join(out, "whole.qp"))).toBe(file.sha256);
    expect(events.filter((e) => e.type === "restart")).toEqual([
      {
        type: "restart",
        file: "whole.qp",
        reason: "the object changed on the server (the server answered a range request with the whole object (HTTP 200)); what was downloaded of the old version is discarded",
      },
    ]);
    // Round one ended at the 200; round two probed again and fetched all five parts.
    const ranges = server.requestsFor("whole.qp").map((r) => r.range);
    const second = ranges.lastIndexOf("bytes=0-0");
    expect(ranges.filter((r) => r === "bytes=0-0")).toHaveLength(2);
    expect(ranges.slice(second + 1).sort()).toEqual([...partRanges].sort());
  });

  it("retries a part answered with a wrong Content-Range, and gives up with BAD_RANGE when it persists", async () => {
    const file = server.addFile("shift.qp", SIZE);
    file.faults.push({ kind: "wrong-range-start", onRange: partRange(1) });
    const first = run("shift.qp");
    await first.promise;
    expect(await sha256File(path.join(out, "shift.qp"))).toBe(file.sha256);
    expect(first.events.find((e) => e.type === "retry")).toMatchObject({
      part: 2,
      reason: `part 2: asked for bytes ${PART}-${2 * PART - 1}, got Content-Range "bytes ${PART - 10}-${2 * PART - 1}/${SIZE}"`,
    });

    const bad = server.addFile("bad.qp", SIZE);
    bad.faults.push(...Array.from({ length: 4 }, () => ({ kind: "wrong-range-start" as const, onRange: partRange(1) })));
    const error = await run("bad.qp").promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({
      code: "BAD_RANGE",
      message: `bad.qp: the server does not answer ranges correctly: asked for bytes ${PART}-${2 * PART - 1}, got Content-Range "bytes ${PART - 10}-${2 * PART - 1}/${SIZE}"`,
    });
    expect(await listDir(out)).not.toContain("bad.qp");
  });

  it("discards the parts of the old version when the object changes mid-download (If-Match → 412)", async () => {
    const file = server.addFile("moving.qp", SIZE);
    const next = randomBytes(SIZE);
    let replaced = false;
    const { promise, events } = run("moving.qp", {
      connections: 2,
      onEvent: (event) => {
        events.push(event);
        if (!replaced && event.type === "progress" && event.bytes >= 2 * PART) {
          replaced = true;
          server.replace("moving.qp", next);
        }
      },
      progressIntervalMs: 1,
    });
    await promise;
    expect(await sha256File(path.join(out, "moving.qp"))).toBe(file.sha256);
    expect(server.requestsFor("moving.qp").some((r) => r.status === 412)).toBe(true);
    expect(events.find((e) => e.type === "restart")).toMatchObject({
      reason: "the object changed on the server (it no longer matches its ETag or date (HTTP 412)); what was downloaded of the old version is discarded",
    });
  });

  it("resumes only the missing parts after an abort, and restarts when the object changed in between", async () => {
    const file = server.addFile("resume.qp", SIZE, { throttle: 400_000 });
    const controller = new AbortController();
    const first = run("resume.qp", {
      connections: 2,
      signal: controller.signal,
      progressIntervalMs: 10,
      onEvent: (event) => {
        if (event.type === "progress" && (event.partsDone ?? 0) >= 2) controller.abort();
      },
    });
    await expect(first.promise).rejects.toBeInstanceOf(DownloadAbortedError);
    expect(await listDir(out)).toEqual(["resume.qp.part", "resume.qp.part.json"]);
    const state = JSON.parse(await fs.readFile(path.join(out, "resume.qp.part.json"), "utf8"));
    expect(state).toMatchObject({ version: 2, name: "resume.qp", source: `${server.baseUrl}/objects/resume.qp`, totalBytes: SIZE, etag: file.etag, partBytes: PART });
    expect(JSON.stringify(state)).not.toContain("SECRETSIG");
    const bits = Buffer.from(state.done, "base64")[0]!;
    const done = [0, 1, 2, 3, 4].filter((i) => (bits & (1 << i)) !== 0);
    expect(done.length).toBeGreaterThanOrEqual(2);

    file.throttle = undefined;
    const before = server.requestsFor("resume.qp").length;
    const second = run("resume.qp");
    const result = await second.promise;
    expect(await sha256File(path.join(out, "resume.qp"))).toBe(file.sha256);
    const later = server.requestsFor("resume.qp").slice(before);
    expect(later[0]!.range).toBe("bytes=0-0");
    // Only the parts that were not on disk, each from its start.
    expect(later.slice(1).map((r) => r.range).sort()).toEqual(partRanges.filter((_, i) => !done.includes(i)).sort());
    expect(result.resumedFrom).toBe(done.length * PART - (done.includes(4) ? PART - 12_345 : 0));
    expect(second.events[0]).toMatchObject({ type: "start", resumeFrom: result.resumedFrom, partsDone: done.length, parts: 5 });
  });

  it("saves a part split into pieces as done only once all of its pieces are on disk", async () => {
    const file = server.addFile("split.qp", SIZE);
    // Part 4's second piece hangs; every other piece arrives at once.
    file.faults.push({ kind: "delay", ms: 5_000, onRange: "bytes=917504-1048575" });
    const controller = new AbortController();
    const first = run("split.qp", {
      minPieceBytes: 64 * 1024,
      signal: controller.signal,
      progressIntervalMs: 5,
      onEvent: (event) => {
        if (event.type === "progress" && (event.partsDone ?? 0) >= 4) controller.abort();
      },
    });
    await expect(first.promise).rejects.toBeInstanceOf(DownloadAbortedError);
    const state = JSON.parse(await fs.readFile(path.join(out, "split.qp.part.json"), "utf8"));
    // Parts 1, 2, 3 and 5 are done; part 4 is not, although its first piece is on disk.
    expect(Buffer.from(state.done, "base64")[0]).toBe(0b10111);
    const partial = await fs.readFile(path.join(out, "split.qp.part"));
    for (const i of [0, 1, 2, 4]) expect(partial.subarray(i * PART, (i + 1) * PART).equals(file.content.subarray(i * PART, (i + 1) * PART))).toBe(true);

    const before = server.requestsFor("split.qp").length;
    const second = run("split.qp", { minPieceBytes: 64 * 1024 });
    const result = await second.promise;
    expect(await sha256File(path.join(out, "split.qp"))).toBe(file.sha256);
    expect(result.resumedFrom).toBe(3 * PART + 12_345);
    // Only part 4, in its two pieces.
    expect(server.requestsFor("split.qp").slice(before + 1).map((r) => r.range).sort()).toEqual(["bytes=786432-917503", "bytes=917504-1048575"]);
  });

  it("starts over when the object changed between runs (new ETag)", async () => {
    server.addFile("changed.qp", SIZE, { throttle: 400_000 });
    const controller = new AbortController();
    const first = run("changed.qp", {
      signal: controller.signal,
      progressIntervalMs: 10,
      onEvent: (event) => {
        if (event.type === "progress" && (event.partsDone ?? 0) >= 1) controller.abort();
      },
    });
    await expect(first.promise).rejects.toBeInstanceOf(DownloadAbortedError);
    server.replace("changed.qp", randomBytes(SIZE));
    const file = server.files.get("changed.qp")!;
    file.throttle = undefined;
    const before = server.requestsFor("changed.qp").length;
    const second = run("changed.qp");
    const result = await second.promise;
    expect(result.resumedFrom).toBe(0);
    expect(await sha256File(path.join(out, "changed.qp"))).toBe(file.sha256);
    expect(second.events.find((e) => e.type === "restart")).toEqual({
      type: "restart",
      file: "changed.qp",
      reason: "the object on the server is not the one the partial file came from",
    });
    expect(server.requestsFor("changed.qp").slice(before + 1).map((r) => r.range).sort()).toEqual([...partRanges].sort());
  });

  it("resumes a partial file whose state file has the previous format (version 1) as one stream", async () => {
    const file = server.addFile("old.qp", SIZE);
    await fs.writeFile(path.join(out, "old.qp.part"), file.content.subarray(0, 100_000));
    await fs.writeFile(
      path.join(out, "old.qp.part.json"),
      JSON.stringify({ version: 1, name: "old.qp", source: `${server.baseUrl}/objects/old.qp`, totalBytes: SIZE, etag: file.etag }),
    );
    const result = await run("old.qp").promise;
    expect(result).toMatchObject({ resumedFrom: 100_000, connections: 1, sha256: file.sha256, md5Verified: true });
    expect(server.requestsFor("old.qp").map((r) => [r.range, r.ifRange, r.status])).toEqual([["bytes=100000-", file.etag, 206]]);
  });

  it("starts over from a state file it cannot read", async () => {
    const file = server.addFile("garbled.qp", SIZE);
    await fs.writeFile(path.join(out, "garbled.qp.part"), Buffer.alloc(SIZE, 7));
    await fs.writeFile(path.join(out, "garbled.qp.part.json"), '{"version": 2, "name": "garbled.qp", "done": 5');
    const { promise, events } = run("garbled.qp");
    const result = await promise;
    expect(result).toMatchObject({ resumedFrom: 0, sha256: file.sha256 });
    expect(events.find((e) => e.type === "restart")).toEqual({ type: "restart", file: "garbled.qp", reason: "the partial file has no usable state file" });
  });

  it("pins parts with If-Unmodified-Since when the server sends Last-Modified but no ETag", async () => {
    const file = server.addFile("dated.qp", SIZE);
    file.etag = undefined;
    file.lastModified = "Tue, 01 Dec 2026 10:00:00 GMT";
    const result = await run("dated.qp").promise;
    expect(result).toMatchObject({ md5Verified: false, verification: "length checked; MD5 not verifiable: no ETag" });
    for (const request of server.requestsFor("dated.qp").slice(1)) {
      expect(request).toMatchObject({ ifUnmodifiedSince: file.lastModified, ifMatch: undefined, status: 206 });
    }
  });
});

describe("verified bytes", () => {
  it("refuses a file whose MD5 differs from its MD5 ETag, and keeps nothing", async () => {
    const file = server.addFile("corrupt.qp", SIZE);
    file.etag = '"0123456789abcdef0123456789abcdef"';
    const error = await run("corrupt.qp").promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe("CHECKSUM_MISMATCH");
    expect((error as Error).message).toMatch(
      /^corrupt\.qp: the downloaded bytes do not match the object \(MD5 [0-9a-f]{32}, the ETag says 0123456789abcdef0123456789abcdef\); not saved$/,
    );
    expect(await listDir(out)).toEqual([]);
  });

  it("reports a multipart ETag and an encrypted object as not verifiable, never as corrupt", async () => {
    const multi = server.addFile("multi.qp", SIZE);
    multi.etag = '"03f814825e5a691489b947a2e120b2d3-3"';
    expect(await run("multi.qp").promise).toMatchObject({
      sha256: multi.sha256,
      md5Verified: false,
      verification: "length checked; MD5 not verifiable: multipart ETag",
    });
    const sealed = server.addFile("sealed.qp", 50_000);
    sealed.etag = '"0123456789abcdef0123456789abcdef"';
    sealed.headers["x-obs-server-side-encryption"] = "kms";
    expect(await run("sealed.qp", { connections: 1 }).promise).toMatchObject({
      sha256: sealed.sha256,
      md5Verified: false,
      verification: "length checked; MD5 not verifiable: server-side encrypted object (its ETag is not an MD5)",
    });
    expect(await fs.readFile(path.join(out, "sealed.qp.sha256"), "utf8")).toBe(`${sealed.sha256}  sealed.qp\n`);
  });
});

describe("one stream: an object that changes between runs (the splice case)", () => {
  async function interruptedRun(key: string): Promise<number> {
    const controller = new AbortController();
    const first = run(key, {
      connections: 1,
      signal: controller.signal,
      progressIntervalMs: 10,
      onEvent: (event) => {
        if (event.type === "progress" && event.bytes > 60_000) controller.abort();
      },
    });
    await expect(first.promise).rejects.toBeInstanceOf(DownloadAbortedError);
    return (await fs.stat(path.join(out, `${key}.part`))).size;
  }

  it("without ETag or Last-Modified, a partial file from an earlier run is not trusted: it starts over", async () => {
    const file = server.addFile("bare.qp", 400_000, { throttle: 200_000 });
    file.etag = undefined;
    file.ignoreIfRange = true;
    await interruptedRun("bare.qp");
    server.replace("bare.qp", randomBytes(400_000));
    file.throttle = undefined;
    const before = server.requestsFor("bare.qp").length;
    const second = run("bare.qp", { connections: 1 });
    const result = await second.promise;
    expect(result.resumedFrom).toBe(0);
    expect(await sha256File(path.join(out, "bare.qp"))).toBe(file.sha256);
    expect(server.requestsFor("bare.qp").slice(before).map((r) => r.range)).toEqual([undefined]);
    expect(second.events.find((e) => e.type === "restart")).toMatchObject({
      reason: "the server gives neither ETag nor Last-Modified, so a partial file from an earlier run cannot be trusted",
    });
  });

  it("with Last-Modified only, a server that ignores If-Range cannot splice: the new date restarts the file", async () => {
    const file = server.addFile("dated.qp", 400_000, { throttle: 200_000 });
    file.etag = undefined;
    file.lastModified = "Tue, 01 Dec 2026 10:00:00 GMT";
    file.ignoreIfRange = true;
    const partSize = await interruptedRun("dated.qp");
    server.replace("dated.qp", randomBytes(400_000));
    file.throttle = undefined;
    const before = server.requestsFor("dated.qp").length;
    const result = await run("dated.qp", { connections: 1 }).promise;
    expect(result.resumedFrom).toBe(partSize);
    expect(await sha256File(path.join(out, "dated.qp"))).toBe(file.sha256);
    expect(server.requestsFor("dated.qp").slice(before).map((r) => [r.range, r.status])).toEqual([
      [`bytes=${partSize}-`, 206],
      [undefined, 200],
    ]);
  });
});
