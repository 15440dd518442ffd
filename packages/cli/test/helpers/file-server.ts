import { createHash, randomBytes } from "node:crypto";
import { promises as fs, readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach } from "vitest";
import { tempDir } from "./tmp.js";

const fixture = (name: string): URL => new URL(`../fixtures/${name}`, import.meta.url);
/** The test server's self-signed certificate, to pass as `ca`. */
export const TEST_CA = readFileSync(fixture("localhost-cert.pem"));

/** What the next request for a file gets instead of a normal answer (one fault per request, in order). */
export type Fault = (

  /** Send the headers for the full answer, then this many body bytes, then cut the connection. */
  | { kind: "drop"; afterBytes: number }
  /** Wait before sending anything (a slow start), then answer normally. */
  | { kind: "delay"; ms: number }
  /** Answer with this status and a small body. */
  | { kind: "status"; status: number }
  /** Answer 200 with the whole file even if a range was asked for. */
  | { kind: "ignore-range" }
  /** Answer 206 starting at the wrong byte. */
  | { kind: "wrong-range-start" }
  /** Send a body of this many bytes (a different object than the one announced by the API). */
  | { kind: "length"; bytes: number }
  /** Send the body with neither Content-Length nor chunked encoding: its end is the connection closing. */
  | { kind: "no-length" }
  /** Send the body chunked, without Content-Length. */
  | { kind: "chunked" }
  /** Send a 103 Early Hints answer first, then the real one. */
  | { kind: "early-hints" }
  /** Redirect (302) to the same object with a fresh link, or to `to`. */
  | { kind: "redirect"; to?: string }
  /** Send the body in odd-sized pieces (100 003 bytes), so reads do not line up with the client's buffers. */
  | { kind: "odd-writes" }
) & {
  /** Only for a request with exactly this Range header (e.g. one part of a ranged download); default: the next one. */
  onRange?: string;
};

export interface ServedFile {
  content: Buffer;
  sha256: string;
  /** undefined: the server sends no ETag (and cannot honour If-Match). */
  etag: string | undefined;
  /** Sent as Last-Modified when set; If-Unmodified-Since and date If-Range are checked against it. */
  lastModified: string | undefined;
  /** Send a 206 for a Range whatever If-Range says (as servers without validators do). */
  ignoreIfRange: boolean;
  /** Extra response headers (e.g. x-obs-server-side-encryption). */
  headers: Record<string, string>;
  /** Tokens currently accepted in `?token=`; anything else answers 403 like an expired pre-signed link. */
  tokens: Set<string>;
  faults: Fault[];
  /** Bytes per second for this file's bodies (undefined: as fast as possible). */
  throttle: number | undefined;
}

export interface RequestRecord {
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  ifMatch: string | undefined;
  ifUnmodifiedSince: string | undefined;
  status: number;
}

/**
 * A local object store for download tests: serves generated files with Range and If-Range support, checks a token
 * query parameter like a pre-signed link's signature, and plays scripted faults. Listens on 127.0.0.1, random port.
 */
export class FileServer {
  readonly files = new Map<string, ServedFile>();
  readonly requests: RequestRecord[] = [];
  private server: http.Server | undefined;
  /** Body transfers in flight now, and the most seen at once (to check bounded concurrency). */
  active = 0;
  maxActive = 0;
  private tokenCounter = 0;
  baseUrl = "";
  /**
   * Files listed by the fake RDS API at `GET /v3/{project_id}/backup-files` (the OTC/Huawei RDS answer shape),
   * each with a fresh link per call. `linkExpiredTime` is what the API says about the links' expiry.
   */
  apiFiles: string[] = [];
  apiCalls = 0;
  linkExpiredTime = "2099-01-01T00:00:00+0000";
  /** Answer the next API calls with this status (error body in the Huawei shape). */
  apiFaults: number[] = [];

  /** `tls: true` serves https with the self-signed certificate in test/fixtures (trust it with `TEST_CA`). */
  async start(options: { tls?: boolean } = {}): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    this.server = options.tls
      ? https.createServer({ key: readFileSync(fixture("localhost-key.pem")), cert: TEST_CA }, handler)
      : http.createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Adds a file of `size` random bytes at `/objects/<key>`. */
  addFile(key: string, size: number, options: { throttle?: number; content?: Buffer } = {}): ServedFile {
    const content = options.content ?? randomBytes(size);
    const sha256 = createHash("sha256").update(content).digest("hex");
    const file: ServedFile = {
      content,
      sha256,
      // A single-part upload's ETag is the object's MD5, as on OBS.
      etag: `"${createHash("md5").update(content).digest("hex")}"`,
      lastModified: undefined,
      ignoreIfRange: false,
      headers: {},
      tokens: new Set(),
      faults: [],
      throttle: options.throttle,
    };
    this.files.set(key, file);
    return file;
  }

  /** Replaces a file's bytes in place (a new version of the object: new MD5 ETag, a later Last-Modified if it had one). */
  replace(key: string, content: Buffer): void {
    const file = this.files.get(key)!;
    file.content = content;
    file.sha256 = createHash("sha256").update(content).digest("hex");
    if (file.etag !== undefined) file.etag = `"${createHash("md5").update(content).digest("hex")}"`;
    if (file.lastModified !== undefined) file.lastModified = new Date(Date.parse(file.lastModified) + 60_000).toUTCString();
  }

  /** A fresh pre-signed-style link for a file (a new token, accepted until revoked). */
  link(key: string): string {
    const token = `sig${++this.tokenCounter}x${randomBytes(6).toString("hex")}`;
    this.files.get(key)!.tokens.add(token);
    return `${this.baseUrl}/objects/${encodeURIComponent(key)}?token=${token}&Signature=SECRETSIG${token}`;
  }

  /** Makes every link handed out so far answer 403, as when pre-signed links expire. */
  expireAll(key: string): void {
    this.files.get(key)!.tokens.clear();
  }

  requestsFor(key: string): RequestRecord[] {
    return this.requests.filter((record) => record.path === `/objects/${encodeURIComponent(key)}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const record: RequestRecord = {
      path: url.pathname,
      range: req.headers.range,
      ifRange: typeof req.headers["if-range"] === "string" ? req.headers["if-range"] : undefined,
      ifMatch: req.headers["if-match"],
      ifUnmodifiedSince: req.headers["if-unmodified-since"],
      status: 0,
    };
    this.requests.push(record);
    if (/^\/v3\/[^/]+\/backup-files$/.test(url.pathname)) return this.answerApi(res, record);
    const key = decodeURIComponent(url.pathname.replace(/^\/objects\//, ""));
    const file = this.files.get(key);
    const answer = (status: number, body = ""): void => {
      record.status = status;
      res.writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (file === undefined || !url.pathname.startsWith("/objects/")) return answer(404, "NoSuchKey");
    if (!file.tokens.has(url.searchParams.get("token") ?? "")) return answer(403, "Request has expired");

    const faultAt = file.faults.findIndex((candidate) => candidate.onRange === undefined || candidate.onRange === req.headers.range);
    let fault = faultAt < 0 ? undefined : file.faults.splice(faultAt, 1)[0];
    if (fault?.kind === "delay") {
      const { ms } = fault;
      await new Promise((resolve) => setTimeout(resolve, ms));
      fault = undefined;
    }
    if (fault?.kind === "status") return answer(fault.status, "injected");
    if (fault?.kind === "redirect") {
      record.status = 302;
      res.writeHead(302, { location: fault.to ?? this.link(key), "content-length": 0 });
      res.end();
      return;
    }
    if (fault?.kind === "early-hints") res.writeEarlyHints({ link: "</objects/next>; rel=preload" });

    // Preconditions as object stores evaluate them: a different version answers 412.
    if (record.ifMatch !== undefined && record.ifMatch !== file.etag) return answer(412, "PreconditionFailed");
    const since = record.ifUnmodifiedSince === undefined ? Number.NaN : Date.parse(record.ifUnmodifiedSince);
    if (file.lastModified !== undefined && Date.parse(file.lastModified) > since) return answer(412, "PreconditionFailed");

    let content = file.content;
    if (fault?.kind === "length") content = file.content.subarray(0, fault.bytes);

    // Range handling as an object store does it: `bytes=N-` or `bytes=N-M`, honoured only if If-Range still matches.
    let start = 0;
    let end = content.length - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const ifRange = record.ifRange;
    const ifRangeHolds = ifRange === undefined || file.ignoreIfRange || ifRange === file.etag || ifRange === file.lastModified;
    if (range && fault?.kind !== "ignore-range" && ifRangeHolds) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(end, Number(range[2]));
      if (start >= content.length) {
        record.status = 416;
        res.writeHead(416, { "content-range": `bytes */${content.length}`, "content-length": 0 });
        res.end();
        return;
      }
      status = 206;
      if (fault?.kind === "wrong-range-start") start = Math.max(0, start - 10);
    }
    const body = content.subarray(start, end + 1);
    const headers: Record<string, string | number> = {
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
      ...file.headers,
    };
    if (file.etag !== undefined) headers.etag = file.etag;
    if (file.lastModified !== undefined) headers["last-modified"] = file.lastModified;
    if (fault?.kind !== "no-length" && fault?.kind !== "chunked") headers["content-length"] = body.length;
    if (status === 206) headers["content-range"] = `bytes ${start}-${end}/${content.length}`;
    record.status = status;
    // Close-delimited body for "no-length": no Content-Length and no chunking, the end is the connection closing.
    if (fault?.kind === "no-length") (res as unknown as { useChunkedEncodingByDefault: boolean }).useChunkedEncodingByDefault = false;
    res.writeHead(status, headers);
    const limit = fault?.kind === "drop" ? fault.afterBytes : body.length;
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (fault?.kind === "odd-writes") {
        for (let at = 0; at < limit; at += 100_003) {
          if (!res.write(body.subarray(at, Math.min(limit, at + 100_003)))) await new Promise((resolve) => res.once("drain", resolve));
        }
      } else {
        await this.sendBody(res, body.subarray(0, limit), file.throttle);
      }
    } finally {
      this.active--;
    }
    if (fault?.kind === "drop") {
      // Give the bytes a moment to leave, then cut the connection mid-body.
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end();
  }

  private answerApi(res: ServerResponse, record: RequestRecord): void {
    this.apiCalls++;
    const fault = this.apiFaults.shift();
    const status = fault ?? 200;
    const body =
      fault !== undefined
        ? { error_code: "DBS.200022", error_msg: "The backup does not exist." }
        : {
            files: this.apiFiles.map((key) => ({
              name: key,
              size: Math.round(this.files.get(key)!.content.length / 1024),
              download_link: this.link(key),
              link_expired_time: this.linkExpiredTime,
            })),
            bucket: "rdsbucket.test",
          };
    const text = JSON.stringify(body);
    record.status = status;
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": `req-${this.apiCalls}` });
    res.end(text);
  }

  private async sendBody(res: ServerResponse, body: Buffer, throttle: number | undefined): Promise<void> {
    if (throttle === undefined) {
      if (!res.write(body)) await new Promise((resolve) => res.once("drain", resolve));
      return;
    }
    const slice = Math.max(1, Math.floor(throttle / 20));
    for (let at = 0; at < body.length; at += slice) {
      if (res.destroyed) return;
      if (at > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      if (res.destroyed) return;
      if (!res.write(body.subarray(at, at + slice))) await new Promise((resolve) => res.once("drain", resolve));
    }
  }
}

/**
 * Before each test: a started FileServer and an empty output directory, handed to `ready`; after it, both are
 * stopped and removed.
 */
export function fileServerPerTest(ready: (server: FileServer, out: string) => void): void {
  let server: FileServer | undefined;
  let out: string | undefined;
  beforeEach(async () => {
    server = await new FileServer().start();
    out = await tempDir();
    ready(server, out);
  });
  afterEach(async () => {
    await server?.stop();
    if (out !== undefined) await fs.rm(out, { recursive: true, force: true });
  });
}
