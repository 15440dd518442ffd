// The object store stand-in for the engine suite, in its own process: serves ONE file from disk at any path on
// 127.0.0.1 like OBS answers a pre-signed GET: Content-Length, single byte ranges (206 with Content-Range; a start
// beyond the end is 416), a strong ETag, Last-Modified, If-Match / If-Unmodified-Since (412 on mismatch), HEAD.
// With a rate (bytes per second, > 0) every response body is paced to it on its own connection, as object stores
// cap each connection: N connections get N times the rate. Prints {"port": n} when ready; exits when stdin closes.
// Usage: node object-store-server.mjs <file> [bytes-per-second-per-connection]
import fs from "node:fs";
import http from "node:http";

const [filePath, rateText] = process.argv.slice(2);
if (!filePath) {
  process.stderr.write("usage: object-store-server.mjs <file> [bytes-per-second-per-connection]\n");
  process.exit(2);
}
const rate = Number(rateText ?? 0);
const size = fs.statSync(filePath).size;
const etag = `"bench-${size}"`;
const lastModified = new Date(Date.UTC(2026, 0, 1)).toUTCString();
const SLICE = 256 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendPaced(file, response, start, end) {
  const buffer = Buffer.allocUnsafe(SLICE);
  const t0 = process.hrtime.bigint();
  let sent = 0;
  for (let at = start; at <= end && !response.destroyed; ) {
    const want = Math.min(SLICE, end - at + 1);
    const { bytesRead } = await file.read(buffer, 0, want, at);
    if (bytesRead === 0) break;
    const chunk = Buffer.from(buffer.subarray(0, bytesRead));
    at += bytesRead;
    sent += bytesRead;
    if (!response.write(chunk)) await new Promise((resolve) => response.once("drain", resolve));
    // Ahead of the rate: wait until the bytes sent so far are due.
    const dueMs = (sent / rate) * 1000;
    const elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (dueMs > elapsedMs) await sleep(dueMs - elapsedMs);
  }
  response.end();
}

const server = http.createServer(async (request, response) => {
  const ifMatch = request.headers["if-match"];
  if (ifMatch !== undefined && ifMatch !== etag) {
    response.writeHead(412, { "content-length": 0 });
    response.end();
    return;
  }
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
  if (range) {
    start = Number(range[1]);
    end = range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
    if (start >= size || end < start) {
      response.writeHead(416, { "content-range": `bytes */${size}`, "content-length": 0 });
      response.end();
      return;
    }
    status = 206;
  }
  const headers = {
    "content-type": "application/octet-stream",
    "content-length": end - start + 1,
    "accept-ranges": "bytes",
    etag,
    "last-modified": lastModified,
  };
  if (status === 206) headers["content-range"] = `bytes ${start}-${end}/${size}`;
  response.writeHead(status, headers);
  if (request.method === "HEAD" || size === 0) {
    response.end();
    return;
  }
  if (!(rate > 0)) {
    const stream = fs.createReadStream(filePath, { start, end, highWaterMark: 1024 * 1024 });
    stream.pipe(response);
    response.on("close", () => stream.destroy());
    return;
  }
  const file = await fs.promises.open(filePath, "r");
  try {
    await sendPaced(file, response, start, end);
  } catch {
    response.destroy();
  } finally {
    await file.close();
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
