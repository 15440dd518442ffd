import { spawn, spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadToStream } from "../src/download/to-stream.js";
import { nodeFetch } from "../src/links/node-fetch.js";
import { FileServer } from "./helpers/file-server.js";
import { runCaptured, TEST_ENV, TEST_SECRETS } from "./helpers/run.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
/** coreutils' sha256sum: on every Debian; the pipe test needs it. */
const HAS_SHA256SUM = spawnSync("sha256sum", ["--version"]).status === 0;
const PART = 64 * 1024;

let server: FileServer;
beforeEach(async () => {
  server = await new FileServer().start();
});
afterEach(async () => {
  await server.stop();
});

/** A consumer that stays blocked (write() returns false, no drain) until released. */
function blockedConsumer() {
  const chunks: Buffer[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      void released.then(() => callback());
    },
  });
  return { sink, chunks, release };
}

describe("downloadToStream", () => {
  it("writes the parts in order, and fetches no further ahead than the memory cap allows", async () => {
    const file = server.addFile("pipe.qp", 20 * PART + 999);
    const consumer = blockedConsumer();
    const promise = downloadToStream({
      link: { name: "pipe.qp", url: server.link("pipe.qp") },
      output: consumer.sink,
      connections: 3,
      partBytes: PART,
      maxBufferedBytes: 4 * PART,
    });
    // While the consumer does not read: the probe, then at most part 0 (being written) + 4 parts held.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const whileBlocked = server.requestsFor("pipe.qp").length;
    expect(whileBlocked).toBeLessThanOrEqual(1 + 1 + 4);
    expect(whileBlocked).toBeGreaterThanOrEqual(1 + 3);
    consumer.release();
    const result = await promise;
    const written = Buffer.concat(consumer.chunks);
    expect(createHash("sha256").update(written).digest("hex")).toBe(file.sha256);
    expect(result).toEqual({ file: "pipe.qp", bytes: file.content.length, sha256: file.sha256, md5Verified: true, verification: "MD5 matches the ETag", connections: 3 });
    expect(server.maxActive).toBeLessThanOrEqual(3);
    for (const request of server.requestsFor("pipe.qp").slice(1)) expect(request.ifMatch).toBe(file.etag);
  });

  it("streams straight through when the server does not serve ranges", async () => {
    const file = server.addFile("plain.qp", 300_000);
    file.faults.push({ kind: "ignore-range", onRange: "bytes=0-0" });
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, callback) => (chunks.push(chunk), callback()) });
    const result = await downloadToStream({ link: { name: "plain.qp", url: server.link("plain.qp") }, output: sink, connections: 4 });
    expect(createHash("sha256").update(Buffer.concat(chunks)).digest("hex")).toBe(file.sha256);
    expect(result).toMatchObject({ connections: 1, md5Verified: true });
    expect(server.requestsFor("plain.qp").map((r) => [r.range, r.status])).toEqual([
      ["bytes=0-0", 200],
      [undefined, 200],
    ]);
  });
});

describe("downloadToStream: a body whose end cannot be checked", () => {
  async function streamWithoutRanges(name: string, documented: number | undefined, fault: "no-length" | "chunked") {
    const file = server.addFile(name, 70_000);
    file.faults.push({ kind: "ignore-range", onRange: "bytes=0-0" }, { kind: fault });
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, callback) => (chunks.push(chunk), callback()) });
    const link = { name, url: server.link(name), ...(documented === undefined ? {} : { sizeBytes: documented }) };
    const outcome = await downloadToStream({ link, output: sink, connections: 1 }).catch((error: unknown) => error);
    return { file, chunks, outcome };
  }

  it("refuses a close-delimited body when no size is documented, before a byte reaches the consumer", async () => {
    const { chunks, outcome } = await streamWithoutRanges("nolen.qp", undefined, "no-length");
    expect(outcome).toMatchObject({
      code: "UNVERIFIABLE",
      message: "nolen.qp: the server sent neither a length nor a chunked body, and the API documents no size; a complete file cannot be told from a cut one",
    });
    expect(chunks).toEqual([]);
  });

  it("streams a close-delimited body when the API documents its size, and a chunked one without", async () => {
    for (const [name, documented, fault] of [["sized.qp", 70_000, "no-length"], ["chunked.qp", undefined, "chunked"]] as const) {
      const { file, chunks, outcome } = await streamWithoutRanges(name, documented, fault);
      expect(outcome).toMatchObject({ file: name, bytes: 70_000, sha256: file.sha256 });
      expect(createHash("sha256").update(Buffer.concat(chunks)).digest("hex")).toBe(file.sha256);
    }
  });
});

describe("backup-links download --out -", () => {
  it.skipIf(!HAS_SHA256SUM)("writes a single-file backup to stdout, piped through sha256sum; progress only on stderr", async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first`);
    const file = server.addFile("restore.sql.gz", 3_000_000);
    server.apiFiles = ["restore.sql.gz"];
    const command = `"${process.execPath}" "${BIN}" download otc-rds --endpoint ${server.baseUrl} --backup-id b1 --out - --connections 4 | sha256sum`;
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("sh", ["-c", command], { env: { ...TEST_ENV, PATH: process.env.PATH }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (err += chunk));
      child.on("close", (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    });
    expect(code).toBe(0);
    expect(stdout).toBe(`${file.sha256}  -\n`);
    expect(stderr).toContain("restore.sql.gz: downloading 2.86 MiB\n");
    expect(stderr).toMatch(/restore\.sql\.gz: done, 2\.86 MiB in [\d.]+ s, .* -> -\n/);
    expect(stderr).not.toContain("SECRETSIG");
    for (const secret of TEST_SECRETS) expect(stderr).not.toContain(secret);
  });

  it("refuses a backup of several files before downloading any", async () => {
    server.addFile("a.qp", 1_000);
    server.addFile("b.qp", 1_000);
    server.apiFiles = ["a.qp", "b.qp"];
    const result = await runCaptured(["download", "otc-rds", "--endpoint", server.baseUrl, "--backup-id", "b1", "--out", "-"], { fetch: nodeFetch });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "backup-links: --out -: this backup has 2 files (a.qp, b.qp); stdout takes exactly one: use --out DIR\n",
      requests: expect.any(Array),
    });
    expect(server.requestsFor("a.qp")).toHaveLength(0);
    expect(server.requestsFor("b.qp")).toHaveLength(0);
  });
});
