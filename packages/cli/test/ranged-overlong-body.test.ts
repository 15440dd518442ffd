import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadFile } from "../src/download/download-file.js";
import { listDir, sha256File, tempDir } from "./helpers/tmp.js";

const PART = 64 * 1024;
const SIZE = 3 * PART + 1000;
const CONTENT = randomBytes(SIZE);
const SHA256 = createHash("sha256").update(CONTENT).digest("hex");
/** A multipart ETag: the engine cannot check an MD5, so only the length and the ranges protect the bytes. */
const ETAG = '"0123456789abcdef0123456789abcdef-3"';

let out: string;
let server: http.Server;
let base: string;
/** Extra bytes sent after the requested range, per Range header (Content-Length counts them unless chunked). */
let overlong: Map<string, { bytes: number; times: number; chunked?: boolean }>;
/** Delay before answering, per Range header. */
let delays: Map<string, number>;

beforeEach(async () => {
  out = await tempDir();
  overlong = new Map();
  delays = new Map();
  server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const range = req.headers.range ?? "";
      const m = /^bytes=(\d+)-(\d+)$/.exec(range);
      if (m === null) {
        res.writeHead(200, { etag: ETAG, "content-length": SIZE });
        res.end(CONTENT);
        return;
      }
      const wait = delays.get(range);
      if (wait !== undefined) await new Promise((resolve) => setTimeout(resolve, wait));
      const start = Number(m[1]);
      const end = Number(m[2]);
      const fault = overlong.get(range);
      const extra = fault !== undefined && fault.times > 0 ? fault.bytes : 0;
      if (fault !== undefined) fault.times--;
      const body = Buffer.concat([CONTENT.subarray(start, end + 1), Buffer.alloc(extra, 0x58)]);
      const length = fault?.chunked ? {} : { "content-length": body.length };
      res.writeHead(206, { etag: ETAG, "content-range": `bytes ${start}-${end}/${SIZE}`, ...length });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fs.rm(out, { recursive: true, force: true });
});

const run = () =>
  downloadFile({
    link: { name: "x.qp", url: `${base}/x.qp?Signature=SECRET` },
    outDir: out,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    connections: 2,
    multiConnectionThresholdBytes: 0,
    partBytes: PART,
    minPieceBytes: PART,
  });

const lastPart = `bytes=${3 * PART}-${SIZE - 1}`;
const firstPart = `bytes=0-${PART - 1}`;

describe("a ranged answer whose body is longer than its Content-Range", () => {
  it("is refused before a byte is written when its Content-Length says so, and fails with BAD_RANGE when it persists", async () => {
    overlong.set(lastPart, { bytes: 500, times: 99 });
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "BAD_RANGE",
      message: `x.qp: the server does not answer ranges correctly: asked for bytes ${3 * PART}-${SIZE - 1} (${SIZE - 3 * PART} bytes), got Content-Length ${SIZE - 3 * PART + 500}`,
    });
    // Nothing at the final name; the partial file is never longer than the object.
    const names = await listDir(out);
    expect(names).not.toContain("x.qp");
    expect((await fs.stat(path.join(out, "x.qp.part"))).size).toBe(SIZE);
  });

  it("is asked for again once, and the file is the object's bytes and length", async () => {
    overlong.set(lastPart, { bytes: 500, times: 1 });
    const result = await run();
    expect(result).toMatchObject({ bytes: SIZE, sha256: SHA256 });
    expect((await fs.stat(path.join(out, "x.qp"))).size).toBe(SIZE);
    expect(await sha256File(path.join(out, "x.qp"))).toBe(SHA256);
  });

  it("never writes the extra bytes of a chunked body over the next part (already on disk) or past the end", async () => {
    // Part 1 arrives first; part 0 comes later with 1000 bytes too many, which would land on part 1.
    delays.set(firstPart, 150);
    overlong.set(firstPart, { bytes: 1000, times: 99, chunked: true });
    overlong.set(lastPart, { bytes: 500, times: 99, chunked: true });
    const result = await run();
    expect(result).toMatchObject({ bytes: SIZE, sha256: SHA256 });
    expect(await listDir(out)).toEqual(["x.qp", "x.qp.sha256"]);
    expect((await fs.stat(path.join(out, "x.qp"))).size).toBe(SIZE);
    expect(await sha256File(path.join(out, "x.qp"))).toBe(SHA256);
  });
});
