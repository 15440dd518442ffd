import { promises as fs } from "node:fs";
import net from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadFile } from "../src/download/download-file.js";
import { DownloadError, RetryableError } from "../src/download/errors.js";
import { parseHead, rawGet, rawHttpTestHooks } from "../src/download/raw-http.js";
import { FileServer, TEST_CA } from "./helpers/file-server.js";
import { listDir, sha256File, tempDir } from "./helpers/tmp.js";

const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

let out: string;
beforeEach(async () => {
  out = await tempDir();
});
afterEach(async () => {
  await fs.rm(out, { recursive: true, force: true });
});

describe("downloads over https", () => {
  let server: FileServer;
  beforeEach(async () => {
    server = await new FileServer().start({ tls: true });
  });
  afterEach(async () => {
    await server.stop();
  });

  it("downloads a multi-block file over TLS and resumes it after a drop", async () => {
    const file = server.addFile("tls.qp", 6 * 1024 * 1024 + 123);
    file.faults.push({ kind: "drop", afterBytes: 3 * 1024 * 1024 });
    const result = await downloadFile({ link: { name: "tls.qp", url: server.link("tls.qp") }, outDir: out, ca: TEST_CA, retry: FAST_RETRY });
    expect(result.bytes).toBe(6 * 1024 * 1024 + 123);
    expect(await sha256File(path.join(out, "tls.qp"))).toBe(file.sha256);
    const requests = server.requestsFor("tls.qp");
    expect(requests.map((r) => r.status)).toEqual([200, 206]);
    expect(requests[1]!.range).toMatch(/^bytes=\d+-$/);
  });

  it("stays byte-identical over TLS when the disk is slower than the network", async () => {
    const file = server.addFile("slow-tls.bin", 6 * 1024 * 1024 + 11);
    file.faults.push({ kind: "odd-writes" });
    rawHttpTestHooks.writeDelayMs = 15;
    rawHttpTestHooks.spareReads = 0;
    try {
      await downloadFile({ link: { name: "slow-tls.bin", url: server.link("slow-tls.bin") }, outDir: out, ca: TEST_CA });
    } finally {
      rawHttpTestHooks.writeDelayMs = 0;
    }
    expect(await sha256File(path.join(out, "slow-tls.bin"))).toBe(file.sha256);
    expect(server.requestsFor("slow-tls.bin")).toHaveLength(1);
    expect(rawHttpTestHooks.spareReads).toBeGreaterThan(0);
  });

  it("decodes a chunked body over TLS through node:http", async () => {
    const file = server.addFile("chunked-tls.rdb", 300_000);
    file.faults.push({ kind: "chunked" });
    await downloadFile({ link: { name: "chunked-tls.rdb", url: server.link("chunked-tls.rdb") }, outDir: out, ca: TEST_CA });
    expect(await sha256File(path.join(out, "chunked-tls.rdb"))).toBe(file.sha256);
    // The raw attempt saw "chunked" and gave way to node:http: two requests, both answered 200.
    expect(server.requestsFor("chunked-tls.rdb").map((r) => r.status)).toEqual([200, 200]);
  });

  it("refuses an untrusted certificate at once, without retrying, and writes nothing", async () => {
    server.addFile("untrusted.qp", 1_000);
    const error = await downloadFile({ link: { name: "untrusted.qp", url: server.link("untrusted.qp") }, outDir: out, retry: FAST_RETRY }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe("NETWORK");
    expect((error as Error).message).toBe(
      `the certificate of ${server.baseUrl}/objects/untrusted.qp was refused (DEPTH_ZERO_SELF_SIGNED_CERT); if it is signed by a private CA, trust it with NODE_EXTRA_CA_CERTS`,
    );
    expect(server.requestsFor("untrusted.qp")).toHaveLength(0);
    expect(await listDir(out)).toEqual([]);
  });
});

describe("the fast path over plain http", () => {
  let server: FileServer;
  beforeEach(async () => {
    server = await new FileServer().start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("keeps a large file byte-identical through many block reuses", async () => {
    const file = server.addFile("big.bin", 12 * 1024 * 1024 + 7);
    await downloadFile({ link: { name: "big.bin", url: server.link("big.bin") }, outDir: out });
    expect(await sha256File(path.join(out, "big.bin"))).toBe(file.sha256);
  });

  it("stays byte-identical when the disk is slower than the network (every block busy, reads go to the spare buffer)", async () => {
    const file = server.addFile("slow-disk.bin", 8 * 1024 * 1024 + 3);
    file.faults.push({ kind: "odd-writes" });
    rawHttpTestHooks.writeDelayMs = 15;
    rawHttpTestHooks.spareReads = 0;
    try {
      await downloadFile({ link: { name: "slow-disk.bin", url: server.link("slow-disk.bin") }, outDir: out });
    } finally {
      rawHttpTestHooks.writeDelayMs = 0;
    }
    expect(await sha256File(path.join(out, "slow-disk.bin"))).toBe(file.sha256);
    expect(server.requestsFor("slow-disk.bin")).toHaveLength(1);
    expect(rawHttpTestHooks.spareReads).toBeGreaterThan(0);
  });

  it("skips a 103 Early Hints answer", async () => {
    const file = server.addFile("hints.qp", 50_000);
    file.faults.push({ kind: "early-hints" });
    await downloadFile({ link: { name: "hints.qp", url: server.link("hints.qp") }, outDir: out });
    expect(await sha256File(path.join(out, "hints.qp"))).toBe(file.sha256);
  });

  it("follows a redirect and records the final object in the sidecar", async () => {
    const file = server.addFile("moved.qp", 40_000);
    file.faults.push({ kind: "redirect" }, { kind: "drop", afterBytes: 10_000 });
    await downloadFile({ link: { name: "moved.qp", url: server.link("moved.qp") }, outDir: out, retry: FAST_RETRY });
    expect(await sha256File(path.join(out, "moved.qp"))).toBe(file.sha256);
    expect(server.requestsFor("moved.qp").map((r) => r.status)).toEqual([302, 200, 206]);
  });
});

/** A TCP server that answers every connection with the given pieces, written with small pauses between them. */
async function scripted(pieces: Array<string | Buffer>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.once("data", async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/object?Signature=secret`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("rawGet against scripted answers", () => {
  const options = { headers: {}, idleTimeoutMs: 2_000 };

  it("reads a header split across reads after an interim answer, and a trickled body", async () => {
    const server = await scripted([
      "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Le",
      'ngth: 10\r\nETag: "e1"\r\nX-Folded: a\r\n  b\r\n\r\n0123',
      "456",
      "789",
    ]);
    try {
      const exchange = await rawGet(server.url, options);
      expect(exchange.status).toBe(200);
      expect(exchange.headers).toMatchObject({ "content-length": "10", etag: '"e1"', "x-folded": "a b" });
      await exchange.saveBody(path.join(out, "split"), "w", { fsync: true, signal: undefined });
      expect(await fs.readFile(path.join(out, "split"), "utf8")).toBe("0123456789");
      expect(exchange.bytesSaved).toBe(10);
    } finally {
      await server.close();
    }
  });

  it("keeps only Content-Length bytes when the server sends more", async () => {
    const server = await scripted(["HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcdEXTRA"]);
    try {
      const exchange = await rawGet(server.url, options);
      await exchange.saveBody(path.join(out, "exact"), "w", { fsync: false, signal: undefined });
      expect(await fs.readFile(path.join(out, "exact"), "utf8")).toBe("abcd");
    } finally {
      await server.close();
    }
  });

  it("saves the prefix and rejects retryably when the body is cut short", async () => {
    const server = await scripted(["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "first-part"]);
    try {
      const exchange = await rawGet(server.url, options);
      const error = await exchange.saveBody(path.join(out, "cut"), "w", { fsync: false, signal: undefined }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableError);
      expect((error as Error).message).toBe("connection lost after 10 of 100 bytes of the body");
      expect(await fs.readFile(path.join(out, "cut"), "utf8")).toBe("first-part");
    } finally {
      await server.close();
    }
  });

  it("rejects an answer that is not HTTP, without showing the link's query", async () => {
    const server = await scripted(["SSH-2.0-OpenSSH_9.6\r\n\r\n"]);
    try {
      const error = await rawGet(server.url, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableError);
      expect((error as Error).message).toBe(`the answer from ${server.url.split("?")[0]} is not HTTP/1.x`);
    } finally {
      await server.close();
    }
  });

  it("parses status lines and header fields", () => {
    expect(parseHead("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-1/2\r\nVia: a\r\nvia: b")).toEqual({
      status: 206,
      headers: { "content-range": "bytes 0-1/2", via: "a, b" },
    });
    expect(parseHead("HTTP/1.0 200")).toEqual({ status: 200, headers: {} });
    expect(parseHead("HTTP/2 200 OK")).toBeUndefined();
  });
});
