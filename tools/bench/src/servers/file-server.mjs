// The object store stand-in for the download suite, in its own process: serves ONE file from disk at any path on
// 127.0.0.1 with Content-Length, HEAD and single byte ranges (the downloader resumes with Range), streaming it
// with fs.createReadStream. Prints {"port": n} on stdout when ready; exits when stdin closes (parent gone).
import fs from "node:fs";
import http from "node:http";

const filePath = process.argv[2];
if (!filePath) {
  process.stderr.write("usage: file-server.mjs <file>\n");
  process.exit(2);
}
const size = fs.statSync(filePath).size;

const server = http.createServer((request, response) => {
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
  if (range) {
    start = Number(range[1]);
    end = range[2] === "" ? size - 1 : Math.min(Number(range[2]), size - 1);
    if (start >= size || end < start) {
      response.writeHead(416, { "content-range": `bytes */${size}` });
      response.end();
      return;
    }
    status = 206;
  }
  const headers = {
    "content-type": "application/octet-stream",
    "content-length": end - start + 1,
    "accept-ranges": "bytes",
    etag: `"bench-${size}"`,
  };
  if (status === 206) headers["content-range"] = `bytes ${start}-${end}/${size}`;
  response.writeHead(status, headers);
  if (request.method === "HEAD" || size === 0) {
    response.end();
    return;
  }
  const stream = fs.createReadStream(filePath, { start, end, highWaterMark: 1024 * 1024 });
  stream.pipe(response);
  response.on("close", () => stream.destroy());
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
