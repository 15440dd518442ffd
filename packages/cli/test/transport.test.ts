import { promises as fs } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadFile } from "../src/download/download-file.js";
import { DownloadError } from "../src/download/errors.js";
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
    const result = await downloadFile({ link: { name: "tls.qp", url: server.link("tls.qp") }, outDir: out, ca: TEST_CA, retry: FAST_RETRY, connections: 1 });
    expect(result.bytes).toBe(6 * 1024 * 1024 + 123);
    expect(await sha256File(path.join(out, "tls.qp"))).toBe(file.sha256);
    const requests = server.requestsFor("tls.qp");
    expect(requests.map((r) => r.status)).toEqual([200, 206]);
    expect(requests[1]!.range).toMatch(/^bytes=\d+-$/);
  });


  it("decodes a chunked body over TLS", async () => {
    const file = server.addFile("chunked-tls.rdb", 300_000);
    file.faults.push({ kind: "chunked" });
    await downloadFile({ link: { name: "chunked-tls.rdb", url: server.link("chunked-tls.rdb") }, outDir: out, ca: TEST_CA, connections: 1 });
    expect(await sha256File(path.join(out, "chunked-tls.rdb"))).toBe(file.sha256);
    expect(server.requestsFor("chunked-tls.rdb").map((r) => r.status)).toEqual([200]);
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

describe("undici underneath, over plain http", () => {
  let server: FileServer;
  beforeEach(async () => {
    server = await new FileServer().start();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("keeps a large file byte-identical (many 1 MiB writer batches)", async () => {
    const file = server.addFile("big.bin", 12 * 1024 * 1024 + 7);
    await downloadFile({ link: { name: "big.bin", url: server.link("big.bin") }, outDir: out, connections: 1 });
    expect(await sha256File(path.join(out, "big.bin"))).toBe(file.sha256);
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
    await downloadFile({ link: { name: "moved.qp", url: server.link("moved.qp") }, outDir: out, retry: FAST_RETRY, connections: 1 });
    expect(await sha256File(path.join(out, "moved.qp"))).toBe(file.sha256);
    expect(server.requestsFor("moved.qp").map((r) => r.status)).toEqual([302, 200, 206]);
  });

  it("refuses a redirect to a URL that is not http(s) at once, without retrying or quoting it", async () => {
    const file = server.addFile("elsewhere.qp", 40_000);
    file.faults.push({ kind: "redirect", to: "ftp://files.example.invalid/elsewhere.qp?Signature=REDIRECT-SECRET" });
    const error = await downloadFile({ link: { name: "elsewhere.qp", url: server.link("elsewhere.qp") }, outDir: out, retry: FAST_RETRY, connections: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect({ code: (error as DownloadError).code, message: (error as Error).message }).toEqual({
      code: "BAD_LINK",
      message: `${server.baseUrl}/objects/elsewhere.qp redirected to a URL that is not http(s)`,
    });
    expect(inspect(error, { depth: 10 })).not.toContain("REDIRECT-SECRET");
    expect(server.requestsFor("elsewhere.qp").map((r) => r.status)).toEqual([302]);
    expect(await listDir(out)).toEqual([]);
  });
});
