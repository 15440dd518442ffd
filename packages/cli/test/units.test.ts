import http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { parseContentLength, parseContentRange, parseUnsatisfiedRange } from "../src/download/content-range.js";
import { DownloadError } from "../src/download/errors.js";
import { linkLabel } from "../src/download/link-label.js";
import { safeFileName } from "../src/download/safe-name.js";
import { matchesDocumentedSize } from "../src/download/size-check.js";
import { backoffDelay } from "../src/download/backoff.js";
import { normalizeDcsLinks, normalizeFileList, normalizeJdCloud } from "../src/links/normalize.js";
import { nodeFetch } from "../src/links/node-fetch.js";
import { formatBytes, formatDuration, formatTimeLeft } from "../src/progress/format.js";
import { JsonReporter } from "../src/progress/json.js";
import { PlainReporter } from "../src/progress/plain.js";
import { printable } from "../src/progress/printable.js";
import { renderBar } from "../src/progress/tty.js";
import { formatExpiry } from "../src/cli/commands/links.js";

describe("content-range parsing", () => {
  it("reads satisfied ranges and refuses inconsistent ones", () => {
    expect(parseContentRange("bytes 100-199/200")).toEqual({ start: 100, end: 199, total: 200 });
    expect(parseContentRange("bytes 0-9/*")).toEqual({ start: 0, end: 9, total: undefined });
    expect(parseContentRange("bytes 10-5/20")).toBeUndefined();
    expect(parseContentRange("bytes 0-20/20")).toBeUndefined();
    expect(parseContentRange("items 0-1/2")).toBeUndefined();
    expect(parseContentRange(undefined)).toBeUndefined();
    expect(parseUnsatisfiedRange("bytes */3000")).toBe(3000);
    expect(parseUnsatisfiedRange("bytes 0-1/2")).toBeUndefined();
    expect(parseContentLength("42")).toBe(42);
    expect(parseContentLength("4x2")).toBeUndefined();
  });
});

describe("size check", () => {
  it("accepts lengths within 1023 bytes of size_kb * 1024", () => {
    expect(matchesDocumentedSize(10 * 1024 - 1023, 10 * 1024)).toBe(true);
    expect(matchesDocumentedSize(10 * 1024 + 1023, 10 * 1024)).toBe(true);
    expect(matchesDocumentedSize(10 * 1024 + 1024, 10 * 1024)).toBe(false);
    expect(matchesDocumentedSize(10 * 1024 - 1024, 10 * 1024)).toBe(false);
    expect(matchesDocumentedSize(5, undefined)).toBe(true);
  });
});

describe("safeFileName", () => {
  it.each([
    ["backup.qp", "backup.qp"],
    ["db1/dump.rdb", "db1_dump.rdb"],
    ["./a/./b", "a_b"],
    ["a\\b", "a_b"],
    [".hidden", ".hidden"],
  ])("keeps %j as %j", (input, output) => {
    expect(safeFileName(input)).toBe(output);
  });

  it.each([
    ["", "it is empty"],
    ["..", "it contains a '..' segment"],
    [".", "it names no file"],
    ["a/../../b", "it contains a '..' segment"],
    ["..\\x", "it contains a '..' segment"],
    ["/etc/passwd", "it is an absolute path"],
    ["\\\\server\\share", "it is an absolute path"],
    ["D:evil", "it is an absolute path"],
    ["a\u0000b", "it contains a control character"],
    ["a\u001b[2Jb", "it contains a control character"],
    ["x".repeat(300), "it is longer than 230 bytes"],
  ])("refuses %j (%s)", (input, rule) => {
    expect(() => safeFileName(input)).toThrow(
      new DownloadError("UNSAFE_NAME", `refusing file name ${JSON.stringify(input)}: ${rule}`, { file: input }),
    );
  });
});

describe("linkLabel", () => {
  it("drops the query, user-info and fragment of a pre-signed link", () => {
    expect(linkLabel("https://user:pw@obs.eu-de.example.com:443/bucket/key.qp?AWSAccessKeyId=AK&Signature=S#frag")).toBe(
      "https://obs.eu-de.example.com/bucket/key.qp",
    );
    expect(linkLabel("not a url?Signature=x")).toBe("<invalid URL>");
  });
});

describe("backoff", () => {
  it("doubles up to the ceiling with equal jitter", () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe("normalisation", () => {
  const at = Date.parse("2024-05-01T10:00:00Z");

  it("RDS/DDS: KiB to bytes, lenient expiry, unreadable expiry noted, items without a link left out", () => {
    const result = normalizeFileList(
      {
        files: [
          { name: "a.qp", size: 2, download_link: "https://obs/a?Signature=s", link_expired_time: "2024-05-01T18:15:14+0800" },
          { name: "b.qp", size: 1, download_link: "https://obs/b", link_expired_time: "2018-08-016T10:15:14+0800" },
          { name: "c.qp", size: 1 },
        ],
      },
      at,
    );
    expect(result.files).toEqual([
      { name: "a.qp", url: "https://obs/a?Signature=s", sizeBytes: 2048, expiresAt: new Date("2024-05-01T10:15:14Z") },
      { name: "b.qp", url: "https://obs/b", sizeBytes: 1024, expiresAt: undefined },
    ]);
    expect(result.notes).toEqual([
      "1 file(s) in the answer had no name or no download link and are left out.",
      'link_expired_time "2018-08-016T10:15:14+0800" is not a valid time: that expiry is shown as unknown.',
    ]);
  });

  it("OTC DDS: expiry capped at request time + 15 minutes", () => {
    const result = normalizeFileList(
      { files: [{ name: "d", size: 1, download_link: "https://obs/d", link_expired_time: "2024-05-02T00:00:00Z" }] },
      at,
      15 * 60_000,
    );
    expect(result.files[0]!.expiresAt).toEqual(new Date("2024-05-01T10:15:00Z"));
  });

  it("DCS: no size, expiry = request time + expiration", () => {
    expect(normalizeDcsLinks({ links: [{ file_name: "x.rdb", link: "https://obs/x" }, { file_name: "y" }] }, at, 600)).toEqual({
      files: [{ name: "x.rdb", url: "https://obs/x", sizeBytes: undefined, expiresAt: new Date("2024-05-01T10:10:00Z") }],
      notes: ["1 file(s) in the answer had no name or no link and are left out."],
    });
  });

  it("JD Cloud: one file named after fileName, the object, or the backup id; none while not downloadable", () => {
    const body = { publicURL: "https://oss/x/backup%20one.xbstream?Signature=s", internalURL: "" };
    expect(normalizeJdCloud(body, at, { backupId: "b1", fileName: undefined, expiration: 300 }).files).toEqual([
      { name: "backup one.xbstream", url: body.publicURL, sizeBytes: undefined, expiresAt: new Date("2024-05-01T10:05:00Z") },
    ]);
    expect(normalizeJdCloud(body, at, { backupId: "b1", fileName: "db.bak", expiration: undefined }).files[0]!.name).toBe("db.bak");
    expect(normalizeJdCloud({ publicURL: "https://oss/" }, at, { backupId: "b1", fileName: undefined, expiration: undefined }).files[0]!.name).toBe("b1");
    expect(normalizeJdCloud({ publicURL: "", internalURL: "" }, at, { backupId: "b1", fileName: undefined, expiration: undefined })).toEqual({
      files: [],
      notes: ["JD Cloud returned no public URL: the backup cannot be downloaded (yet)."],
    });
  });
});

describe("formatting", () => {
  it("formats sizes, durations and time left", () => {
    expect([0, 1023, 1536, 10 * 1024 * 1024, 1.5 * 1024 ** 3].map(formatBytes)).toEqual(["0 B", "1023 B", "1.50 KiB", "10.0 MiB", "1.50 GiB"]);
    expect([5, 75, 3725, Number.NaN].map(formatDuration)).toEqual(["0:05", "1:15", "1:02:05", "--:--"]);
    expect([45, 900, 7500, 7200, 90000].map(formatTimeLeft)).toEqual(["45 s", "15 min", "2 h 5 min", "2 h", "1 d 1 h"]);
    expect(formatExpiry(new Date("2024-05-01T10:15:14Z"), Date.parse("2024-05-01T10:00:00Z"))).toBe("2024-05-01 10:15:14 UTC (in 15 min)");
    expect(formatExpiry(new Date("2024-05-01T10:15:14Z"), Date.parse("2024-05-02T00:00:00Z"))).toBe("2024-05-01 10:15:14 UTC (expired)");
    expect(formatExpiry(undefined, 0)).toBe("unknown");
    expect(printable("a\u001b[31mb\u0007")).toBe("a\uFFFD[31mb\uFFFD");
  });

  it("renders a progress bar that fits the width", () => {
    const line = renderBar({ name: "backup.qp", bytes: 512 * 1024 * 1024, total: 1024 * 1024 * 1024, rate: 64 * 1024 * 1024 }, 100);
    expect(line).toBe(
      "backup.qp                       [##########----------]   50%  512 MiB/1.00 GiB  64.0 MiB/s  ETA 0:08",
    );
    expect(line.length).toBe(100);
  });

  it("plain lines: start, resume, retry, done, failure", () => {
    const lines: string[] = [];
    const reporter = new PlainReporter((line) => lines.push(line), 10_000, () => 0);
    reporter.onEvent({ type: "start", file: "a.qp", path: "/o/a.qp", totalBytes: 2048, resumeFrom: 0 });
    reporter.onEvent({ type: "start", file: "b.qp", path: "/o/b.qp", totalBytes: 2048, resumeFrom: 1024 });
    reporter.onEvent({ type: "retry", file: "a.qp", attempt: 2, maxAttempts: 5, delayMs: 1500, reason: "HTTP 503 from https://obs/a" });
    reporter.onEvent({ type: "done", file: "a.qp", path: "/o/a.qp", bytes: 2048, seconds: 2, resumedFrom: 0 });
    reporter.onEvent({ type: "error", file: "c\u001b.qp", code: "NETWORK", message: "boom" });
    expect(lines).toEqual([
      "a.qp: downloading 2.00 KiB",
      "b.qp: resuming at 1.00 KiB of 2.00 KiB",
      "a.qp: attempt 2/5 in 1.5 s: HTTP 503 from https://obs/a",
      "a.qp: done, 2.00 KiB in 2.0 s, 1.00 KiB/s -> /o/a.qp",
      "c\uFFFD.qp: FAILED: boom",
    ]);
  });

  it("JSON lines: progress at most once per interval per file", () => {
    const lines: string[] = [];
    let now = 1_000_000;
    const reporter = new JsonReporter((line) => lines.push(line), 1_000, () => now);
    reporter.onEvent({ type: "progress", file: "a", bytes: 1, totalBytes: 10 });
    now += 500;
    reporter.onEvent({ type: "progress", file: "a", bytes: 2, totalBytes: 10 });
    reporter.onEvent({ type: "progress", file: "a", bytes: 10, totalBytes: 10 });
    expect(lines.map((line) => JSON.parse(line).bytes)).toEqual([1, 10]);
    expect(JSON.parse(lines[0]!)).toEqual({ type: "progress", file: "a", bytes: 1, totalBytes: 10, time: new Date(1_000_000).toISOString() });
  });
});

describe("nodeFetch", () => {
  it("sends method, headers and body, and returns status, headers and body like fetch", async () => {
    let seen: { method?: string; header?: string; body?: string } = {};
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        seen = { method: req.method, header: req.headers["x-test"] as string, body };
        res.writeHead(201, { "content-type": "application/json", "x-request-id": "r1" });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await nodeFetch(
        new Request(`http://127.0.0.1:${port}/x`, { method: "POST", headers: { "x-test": "yes" }, body: '{"expiration":600}' }),
      );
      expect(response.status).toBe(201);
      expect(response.headers.get("x-request-id")).toBe("r1");
      expect(await response.json()).toEqual({ ok: true });
      expect(seen).toEqual({ method: "POST", header: "yes", body: '{"expiration":600}' });

      const refused = await nodeFetch(new Request("http://127.0.0.1:1/")).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TypeError);
      expect(((refused as Error).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");

      const controller = new AbortController();
      controller.abort(new Error("stop"));
      await expect(nodeFetch(new Request(`http://127.0.0.1:${port}/`, { signal: controller.signal }))).rejects.toThrow("stop");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("no secrets in errors", () => {
  it("a malformed link fails as BAD_LINK without the link in the error or its inspect output", async () => {
    const { downloadFile } = await import("../src/download/download-file.js");
    const { tempDir } = await import("./helpers/tmp.js");
    const dir = await tempDir();
    for (const url of ["http://[bad?Signature=SECRET", "ftp://host/x?Signature=SECRET"]) {
      const error = await downloadFile({ link: { name: "x.qp", url }, outDir: dir }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_LINK", message: "x.qp: the download link is not an http(s) URL" });
      expect(inspect(error, { depth: 10 })).not.toContain("SECRET");
    }
    const { promises: fsp } = await import("node:fs");
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it("a DownloadError's inspect output holds no link query", () => {
    const error = new DownloadError("HTTP_STATUS", `x: HTTP 500 from ${linkLabel("https://obs/x?Signature=SECRET")}`, { file: "x" });
    expect(inspect(error)).not.toContain("SECRET");
    expect(JSON.stringify(error)).not.toContain("SECRET");
  });
});

describe("plain progress lines", () => {
  it("prints a progress line at most every interval, with percentage, rate and ETA", () => {
    const lines: string[] = [];
    let now = 0;
    const reporter = new PlainReporter((line) => lines.push(line), 10_000, () => now);
    reporter.onEvent({ type: "start", file: "big.qp", path: "/o/big.qp", totalBytes: 100 * 1024 * 1024, resumeFrom: 0 });
    now = 5_000;
    reporter.onEvent({ type: "progress", file: "big.qp", bytes: 10 * 1024 * 1024, totalBytes: 100 * 1024 * 1024 });
    now = 10_000;
    reporter.onEvent({ type: "progress", file: "big.qp", bytes: 20 * 1024 * 1024, totalBytes: 100 * 1024 * 1024 });
    expect(lines).toEqual(["big.qp: downloading 100 MiB", "big.qp: 20% (20.0 MiB of 100 MiB, 2.00 MiB/s, ETA 0:40)"]);
  });
});
